"""Demo content for each region's website: home page, news, leaflets, information pages.

`build_demo_content` is this app's demo step (core.provisioning, run by `seed_demo` after the
regions' sites exist); the pages and documents come from the factories the tests use
(`home.factories`). Idempotent: every page is looked up by its slug first, so `seed_demo` may
run again and again (`make demo` does) without making doubles or overwriting what an editor
changed.
"""

import datetime
import io

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, PageViewRestriction

from opvanglocaties.models import LocationIndexPage, Region

from .factories import (
    AccessibilityStatementPageFactory,
    InformationPageFactory,
    LeafletIndexPageFactory,
    LeafletPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PdfDocumentFactory,
    PrivacyPageFactory,
)
from .models import LeafletVersion, LoketContact, NavigationSettings, PrivacyPage
from .permissions import (
    PROVIDER_DOCUMENT_GROUPS,
    grant_section_permissions,
    provider_documents_collection,
    put_under_review,
)
from .provisioning import PRIVACY_SUMMARY
from .translation import publish_translation

HOW_IT_WORKS = [
    ("Zoek", "Zoek opvang in je wijk of gemeente en bekijk prijs, openingsuren en vrije plaatsen."),
    (
        "Vergelijk en vraag aan",
        f"Kies tot {settings.OPVANGPUNT_MAX_COMPARE} locaties en vraag ze allemaal tegelijk aan.",
    ),
    (
        "Krijg antwoord",
        "Elke locatie antwoordt binnen haar behandelingstermijn. Je volgt alles op.",
    ),
]

NEWS = [
    (
        "nieuwe-plaatsen-in-de-wijken",
        "Nieuwe opvangplaatsen in de wijken",
        "Dit najaar openen drie nieuwe kinderdagverblijven, samen goed voor 84 plaatsen.",
        ["aanbod"],
        10,
    ),
    (
        "een-aanvraag-voor-meerdere-locaties",
        "Eén aanvraag voor meerdere opvanglocaties",
        "Vanaf nu vraag je met één formulier opvang aan bij verschillende locaties.",
        ["aanvragen"],
        25,
    ),
    (
        "infosessie-voor-toeleiders",
        "Infosessie voor toeleiders",
        "Maatschappelijk werkers leren hoe ze een gezin helpen bij een aanvraag.",
        ["toeleiders", "aanvragen"],
        40,
    ),
]

LEAFLET_TEXT = {
    "nl": (
        "Kinderopvang zoeken in drie stappen",
        [
            "1. Zoek opvang in je buurt op de website van het loket.",
            "2. Vraag aan bij een of meer locaties met een formulier.",
            "3. Elke locatie antwoordt je binnen haar termijn.",
            "Hulp nodig? Het Loket Kinderopvang helpt je graag.",
        ],
    ),
    "en": (
        "Finding childcare in three steps",
        [
            "1. Search for childcare near you on the loket's website.",
            "2. Apply to one or more locations with one form.",
            "3. Each location answers you within its deadline.",
            "Need help? The childcare desk is happy to help.",
        ],
    ),
    "fr": (
        "Trouver un accueil en trois étapes",
        [
            "1. Cherchez un accueil près de chez vous sur le site du guichet.",
            "2. Faites une demande auprès d'un ou plusieurs lieux d'accueil.",
            "3. Chaque lieu vous répond dans son délai.",
            "Besoin d'aide ? Le guichet vous aide volontiers.",
        ],
    ),
}


def _rich(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def _publish(page):
    page.save_revision().publish()
    return page


def _child(parent, factory, slug, **fields):
    """The child page of `parent` with this slug, created and published if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    return _publish(factory(parent=parent, slug=slug, **fields))


def _document(title, pdf_title, lines, collection=None):
    document = get_document_model().objects.filter(title=title).first()
    if document is None:
        filename = title.lower().replace(" ", "-").replace("(", "").replace(")", "") + ".pdf"
        extra = {"collection": collection} if collection is not None else {}
        document = PdfDocumentFactory(
            title=title, pdf_title=pdf_title, lines=lines, filename=filename, **extra
        )
        document.file_size = document.file.size
        document.save(update_fields=["file_size"])
    return document


def _cover_image():
    Image = get_image_model()
    image = Image.objects.filter(title="Folder: kinderopvang zoeken (cover)").first()
    if image is None:
        buffer = io.BytesIO()
        PillowImage.new("RGB", (420, 594), (11, 92, 173)).save(buffer, format="PNG")
        # ImageFile, not a plain file: Wagtail reads the width and height from it.
        image = Image.objects.create(
            title="Folder: kinderopvang zoeken (cover)",
            file=ImageFile(buffer, name="folder-cover.png"),
        )
    return image


def _home_page(home):
    if home.how_it_works:
        return
    home.search_title = "Zoek kinderopvang"
    home.how_it_works_title = "Zo werkt het"
    home.how_it_works = [("step", {"title": title, "text": text}) for title, text in HOW_IT_WORKS]
    _publish(home)


def _news(home):
    index = _child(
        home,
        NewsIndexPageFactory,
        "nieuws",
        title="Nieuws",
        intro=_rich("Nieuws van het Loket Kinderopvang."),
    )
    grant_section_permissions(index)
    today = timezone.localdate()
    for slug, title, summary, tags, days_ago in NEWS:
        if index.get_children().filter(slug=slug).exists():
            continue
        item = NewsPageFactory.build(
            slug=slug,
            title=title,
            summary=summary,
            date=today - datetime.timedelta(days=days_ago),
            body=[("paragraph", _rich(summary, "Meer informatie krijg je bij het loket."))],
        )
        item.tags.add(*tags)
        index.add_child(instance=item)
        _publish(item)
    return index


def _leaflets(home):
    index = _child(
        home,
        LeafletIndexPageFactory,
        "folders",
        title="Folders",
        intro=_rich("Folders om te downloaden en af te drukken, in verschillende talen."),
    )
    grant_section_permissions(index)
    if not index.get_children().filter(slug="kinderopvang-zoeken").exists():
        leaflet = LeafletPageFactory.build(
            slug="kinderopvang-zoeken",
            title="Kinderopvang zoeken in drie stappen",
            summary="Hoe je opvang zoekt en aanvraagt, kort uitgelegd.",
            cover_image=_cover_image(),
        )
        leaflet.versions = [
            LeafletVersion(
                language=language,
                document=_document(f"Folder kinderopvang zoeken ({language})", title, lines),
            )
            for language, (title, lines) in LEAFLET_TEXT.items()
        ]
        index.add_child(instance=leaflet)
        _publish(leaflet)
    return index


FAQ = [
    (
        "Hoeveel kost kinderopvang?",
        "Bij een inkomensgerelateerd tarief betaal je volgens je inkomen. "
        "Andere locaties vragen een vaste dagprijs.",
    ),
    (
        "Hoe vroeg vraag ik opvang aan?",
        "Zo vroeg mogelijk: je kunt aanvragen vanaf de zwangerschap.",
    ),
    (
        "Wat als ik geen plaats vind?",
        "Neem contact op met het loket. Het zoekt samen met jou naar een oplossing.",
    ),
]


def _privacy_facts(region):
    """What GDPR art. 13 asks of the privacy page, as the user agreement (seed 000) has it.

    The city, through its Kinderopvangpunt, is the controller; for the handling of a request
    it is a joint controller with the location the parent applies to (art. 4 §2, GDPR
    art. 26). The ground is the parent's consent (art. 4 §3 c).
    """
    city = "Stad" if region.municipalities.count() == 1 else "Steden"
    return {
        "controller": (
            f"{city} {region.name}, Kinderopvangpunt {region.name}\n"
            f"Stadhuisplein 1, {region.name}\n"
            "Voor de behandeling van je aanvraag is de opvanglocatie waar je aanvraagt mee "
            "verantwoordelijk: de stad en de locatie zijn samen verwerkingsverantwoordelijke "
            "(artikel 26 AVG)."
        ),
        "controller_email": f"loket@{region.slug}.opvangpunt.example",
        "dpo_email": f"dpo@{region.slug}.opvangpunt.example",
        "legal_basis": (
            "We verwerken je gegevens alleen om je opvangvraag te behandelen: om de locaties "
            "die je kiest je aanvraag te laten beoordelen en je te laten antwoorden. "
            "Dat doen we met je toestemming (artikel 6.1 a AVG), die je geeft wanneer je de "
            "aanvraag verstuurt. Je kunt je toestemming altijd intrekken: vraag het aan het "
            "loket. Wat we tot dan met je gegevens deden, blijft rechtmatig."
        ),
    }


# The demo's privacy notice, written into the draft that setup_region makes. No figure
# blocks: the page shows the retention periods and deadlines itself, from the configuration;
# the text refers to them instead of repeating them.
PRIVACY_BODY = [
    ("heading", {"text": "Welke gegevens vragen we?", "level": "h2"}),
    (
        "paragraph",
        _rich(
            "Je naam en contactgegevens, de geboortedatum van je kind, je opvangplan "
            "en de voorrangsregels die voor jou gelden. Alleen wat een locatie nodig "
            "heeft om je aanvraag te beoordelen."
        ),
    ),
    ("heading", {"text": "Wie ziet je gegevens, en wanneer?", "level": "h2"}),
    (
        "paragraph",
        _rich(
            "Een locatie ziet eerst alleen je voornaam, je opvangplan en je postcode. "
            "Pas als ze je aanvraag bekijkt, ziet ze je naam en contactgegevens. "
            "We geven je gegevens aan niemand anders, tenzij jij dat uitdrukkelijk "
            "toestaat of de wet het oplegt; cijfers voor het beleid zijn altijd "
            "samengeteld, nooit per gezin."
        ),
    ),
    ("heading", {"text": "Hoe lang bewaren we je gegevens?", "level": "h2"}),
    (
        "paragraph",
        _rich(
            "Zo lang als het decreet over de kinderopvang van baby's en peuters "
            "voorschrijft (artikel 24); daarna wissen we ze. De termijn staat "
            "bovenaan deze pagina."
        ),
    ),
    ("heading", {"text": "Je rechten", "level": "h2"}),
    (
        "paragraph",
        _rich(
            "Je mag je gegevens inkijken, laten verbeteren, downloaden of laten wissen. "
            "Vraag het aan het loket of aan de functionaris voor gegevensbescherming. "
            "We antwoorden binnen de termijn bovenaan deze pagina."
        ),
    ),
]


def _privacy(home, region):
    """The privacy page with the demo's facts and text, published once.

    `setup_region` leaves a draft for the city to fill in; the demo fills it in. A live page
    is left as it is.
    """
    page = PrivacyPage.objects.child_of(home).first()
    if page is None:  # a site that was not built by setup_region (the tests' sites)
        page = PrivacyPageFactory(parent=home, live=False)
    if page.live:
        return page
    page.summary = PRIVACY_SUMMARY
    page.body = PRIVACY_BODY
    for name, value in _privacy_facts(region).items():
        setattr(page, name, value)
    return _publish(page)


def _information(home, region):
    faq = _child(
        home,
        InformationPageFactory,
        "veelgestelde-vragen",
        title="Veelgestelde vragen",
        summary="Antwoorden op wat ouders het vaakst vragen.",
        body=[
            ("paragraph", _rich("Vind je je antwoord niet? Neem contact op met het loket.")),
            (
                "faq",
                {
                    "title": "Over opvang zoeken",
                    "questions": [
                        {"question": question, "answer": _rich(answer)} for question, answer in FAQ
                    ],
                },
            ),
        ],
    )
    referrers = _child(
        home,
        InformationPageFactory,
        "toeleiders",
        title="Voor toeleiders",
        summary="Hoe je als maatschappelijk werker een gezin helpt bij een aanvraag.",
        body=[
            ("heading", {"text": "Samen met de ouder aanvragen", "level": "h2"}),
            (
                "paragraph",
                _rich(
                    "Vraag altijd eerst de toestemming van de ouder. Vul de aanvraag samen in, "
                    "en geef het e-mailadres of telefoonnummer van de ouder op, zodat de "
                    "locaties de ouder zelf kunnen bereiken.",
                    "Een gezin met een dringende vraag meld je bij het loket: "
                    "het kan de aanvraag op de noodlijst zetten.",
                ),
            ),
            ("figure", {"figure": "response_deadline_days", "label": ""}),
        ],
    )
    privacy = _privacy(home, region)
    accessibility = _child(
        home,
        AccessibilityStatementPageFactory,
        "toegankelijkheid",
        title="Toegankelijkheidsverklaring",
        compliance_status="partial",
        prepared_on=timezone.localdate(),
        evaluation_method="Zelfevaluatie met automatische (axe-core) en handmatige controles.",
        feedback_email=f"toegankelijkheid@{region.slug}.opvangpunt.example",
        body=[
            ("heading", {"text": "Niet-toegankelijke inhoud", "level": "h2"}),
            (
                "paragraph",
                _rich("Sommige oudere PDF-folders zijn nog niet volledig toegankelijk."),
            ),
        ],
    )
    for page in (faq, referrers, privacy, accessibility):
        grant_section_permissions(page)
    # The privacy notice states the city's legal position: a second pair of eyes before it
    # changes (communication submits, the loket checks, a final editor approves last).
    put_under_review(privacy)
    return faq, referrers, privacy, accessibility


def _provider_page(home):
    collection = provider_documents_collection()
    manual = _document(
        "Handleiding voor opvanglocaties",
        "Handleiding voor opvanglocaties",
        [
            "Je fiche bijwerken: log in en kies Pagina's.",
            "Aanvragen behandelen: antwoord binnen je behandelingstermijn.",
            "Vragen? Mail het loket.",
        ],
        collection=collection,
    )
    existing = home.get_children().filter(slug="voor-opvanglocaties").exists()
    page = _child(
        home,
        InformationPageFactory,
        "voor-opvanglocaties",
        title="Voor opvanglocaties",
        summary="Handleidingen en veelgestelde vragen voor de back-office.",
        show_in_menus=False,
        body=[
            (
                "paragraph",
                _rich("Alleen zichtbaar voor aangemelde medewerkers van opvanglocaties."),
            ),
            ("documents", {"title": "Handleidingen", "documents": [manual]}),
        ],
    )
    if not existing:
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name__in=PROVIDER_DOCUMENT_GROUPS))
    grant_section_permissions(page)
    return page


def _link(page):
    return ("link", {"page": page, "url": "", "text": ""})


def _site_settings(site, region, location_index, news, leaflets, faq, referrers, privacy, a11y):
    navigation = NavigationSettings.for_site(site)
    if not navigation.main_menu:
        navigation.main_menu = [_link(p) for p in (location_index, news, leaflets, faq, referrers)]
        navigation.footer_links = [_link(p) for p in (privacy, a11y, faq)]
        navigation.footer_text = (
            f"Opvangpunt {region.name} is een dienst van het Lokaal Loket Kinderopvang."
        )
        navigation.save()
    contact = LoketContact.for_site(site)
    if not contact.is_filled_in:
        contact.name = f"Loket Kinderopvang {region.name}"
        contact.address = f"Stadhuisplein 1\n{region.name}"
        contact.phone = "09 123 45 67"
        contact.email = f"loket@{region.slug}.opvangpunt.example"
        contact.opening_hours = (
            "Maandag tot vrijdag van 9 tot 12 uur, dinsdag ook van 14 tot 17 uur."
        )
        contact.save()


# The demo's English copies (wagtail-localize's "Translate" makes the same in the admin). The
# accessibility statement and the page for referrers stay Dutch on purpose: under /en/ they
# show the notice that they are not yet available in English.
HOW_IT_WORKS_EN = [
    ("Search", "Find childcare in your neighbourhood and see price, hours and free places."),
    (
        "Compare and apply",
        f"Choose up to {settings.OPVANGPUNT_MAX_COMPARE} locations and apply to all at once.",
    ),
    ("Get an answer", "Every location answers within its deadline. You follow it all online."),
]
NEWS_EN = {
    "nieuwe-plaatsen-in-de-wijken": (
        "New childcare places in the neighbourhoods",
        "Three new day-care centres open this autumn, with 84 places together.",
    ),
    "een-aanvraag-voor-meerdere-locaties": (
        "One request for several locations",
        "From now on one form asks for childcare at several locations.",
    ),
    "infosessie-voor-toeleiders": (
        "Information session for referrers",
        "Social workers learn how to help a family apply.",
    ),
}
FAQ_EN = [
    (
        "How much does childcare cost?",
        "With an income-related tariff you pay according to your income. "
        "Other locations ask a fixed day price.",
    ),
    ("How early do I apply?", "As early as possible: you can apply from the pregnancy."),
    (
        "What if I find no place?",
        "Contact the childcare desk. It looks for a solution together with you.",
    ),
]
PRIVACY_BODY_EN = [
    ("heading", {"text": "What do we ask?", "level": "h2"}),
    (
        "paragraph",
        _rich(
            "Your name and contact details, your child's date of birth, your care plan and "
            "the priority rules that apply to you: only what a location needs to assess "
            "your request."
        ),
    ),
    ("heading", {"text": "Who sees your data, and when?", "level": "h2"}),
    (
        "paragraph",
        _rich(
            "A location first sees only your first name, your care plan and your postcode. "
            "Only when it reviews your request does it see your name and contact details. "
            "We give your data to no one else unless you allow it or the law requires it."
        ),
    ),
    ("heading", {"text": "Your rights", "level": "h2"}),
    (
        "paragraph",
        _rich(
            "You may see, correct, download or erase your data. Ask the childcare desk or "
            "the data protection officer."
        ),
    ),
]


def _english(region, home, news, leaflets, faq, privacy):
    """English copies of the main pages of a region's site, made once.

    A copy that exists (an editor may have changed it) is left alone; so is a site whose
    home page has an English copy already.
    """
    english = Locale.objects.filter(language_code="en").first()
    if english is None or home.has_translation(english):
        return
    publish_translation(
        home,
        "en",
        title=f"Childcare in {region.name}",
        intro=_rich("Find, compare and apply for childcare for babies and toddlers."),
        search_title="Find childcare",
        how_it_works_title="How it works",
        how_it_works=[("step", {"title": t, "text": x}) for t, x in HOW_IT_WORKS_EN],
    )
    search = home.search_page()
    if search is not None:
        publish_translation(
            search,
            "en",
            title="Search",
            intro=_rich("Search by name, place or postcode and narrow down with the filters."),
        )
    publish_translation(news, "en", title="News", intro=_rich("News from the childcare desk."))
    for item in news.get_children().specific():
        if item.slug in NEWS_EN:
            title, summary = NEWS_EN[item.slug]
            body = [("paragraph", _rich(summary, "The childcare desk tells you more."))]
            publish_translation(item, "en", title=title, summary=summary, body=body)
    publish_translation(
        leaflets,
        "en",
        title="Leaflets",
        intro=_rich("Leaflets to download and print, in several languages."),
    )
    for leaflet in leaflets.get_children().specific():
        publish_translation(
            leaflet,
            "en",
            title="Finding childcare in three steps",
            summary="How to search and apply for childcare, in short.",
        )
    faq_body = [
        ("paragraph", _rich("No answer here? Contact the childcare desk.")),
        (
            "faq",
            {
                "title": "About finding childcare",
                "questions": [{"question": q, "answer": _rich(a)} for q, a in FAQ_EN],
            },
        ),
    ]
    publish_translation(
        faq,
        "en",
        title="Frequently asked questions",
        summary="Answers to what parents ask most.",
        body=faq_body,
    )
    publish_translation(
        privacy,
        "en",
        title="Privacy",
        summary="How we handle your data when you look for childcare and apply.",
        body=PRIVACY_BODY_EN,
    )


@transaction.atomic
def seed_site_content(region):
    """The demo content of one region's website (its Site must exist)."""
    site = region.site
    home = site.root_page.specific
    _home_page(home)
    news = _news(home)
    leaflets = _leaflets(home)
    faq, referrers, privacy, a11y = _information(home, region)
    _provider_page(home)
    location_index = LocationIndexPage.objects.child_of(home).first() or home
    _site_settings(site, region, location_index, news, leaflets, faq, referrers, privacy, a11y)
    _english(region, home, news, leaflets, faq, privacy)


def build_demo_content(demo):
    """This app's demo step: demo content for the website of every region that has one.

    Not for the benchmark's data (`seed_demo --locations`), which times fiches and search.
    """
    if demo.benchmark_locations:
        return
    for region in Region.objects.filter(site__isnull=False).select_related("site__root_page"):
        seed_site_content(region)
        demo.say(
            f"{region}: home page, news, leaflets and information pages, "
            "the main ones in English too"
        )
