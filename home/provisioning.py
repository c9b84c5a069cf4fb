"""The home app's part of a region's site (steps of `setup_region`, core.provisioning).

The home page comes first: every other page of the site lives under it. The privacy page is
made as a draft under the two-step workflow: what it must say (who is responsible, why, GDPR
art. 13) only the city can write, and a notice with placeholder facts must never go live.
"""

from django.utils.translation import gettext as _
from wagtail.models import Collection, Page

from opvanglocaties.models import Region

from .models import HomePage, PrivacyPage
from .permissions import (
    PROVIDER_COLLECTION,
    grant_section_permissions,
    provider_documents_collection,
    put_under_review,
)

HOME_INTRO = (
    "<p>Zoek kinderopvang voor je baby of peuter in je buurt, vergelijk locaties en neem "
    "contact op.</p>"
)
PRIVACY_SUMMARY = "Welke gegevens we vragen, waarom, wie ze ziet en hoe lang we ze bewaren."


def find_home_page(spec):
    """The home page of the region's website, else the home page with the region's slug."""
    region = Region.objects.filter(slug=spec.slug, site__isnull=False).select_related("site")
    region = region.first()
    if region is not None and region.site.root_page.specific_class is HomePage:
        return region.site.root_page.specific
    return HomePage.objects.child_of(Page.get_first_root_node()).filter(slug=spec.slug).first()


def build_home_page(build):
    """The region's home page, directly under Wagtail's root, published."""
    spec = build.spec
    home = find_home_page(spec)
    if home is not None:
        build.home_page = home
        build.found(_("home page “%(title)s”") % {"title": home.title})
        return
    build.created(_("home page “%(title)s”") % {"title": spec.name})
    if build.dry_run:
        return
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title=spec.name, slug=spec.slug, intro=HOME_INTRO)
    )
    home.save_revision().publish()
    build.home_page = home


def build_privacy_page(build):
    """The privacy page as a draft for the city to complete, and the section rights on it."""
    home = build.home_page
    page = PrivacyPage.objects.child_of(home).first() if home is not None else None
    if page is not None:
        build.found(_("privacy page “%(title)s”") % {"title": page.title})
        return
    build.created(_("privacy page (a draft: fill in who is responsible, then publish it)"))
    if build.dry_run:
        return
    page = home.add_child(
        instance=PrivacyPage(title="Privacy", slug="privacy", summary=PRIVACY_SUMMARY, live=False)
    )
    page.save_revision()
    grant_section_permissions(page)
    # The notice states the city's legal position: communication writes it, the loket
    # checks the facts, a final editor approves (the "Redactie en loket" workflow).
    put_under_review(page)


def build_provider_documents(build):
    """The collection of documents only provider staff and the loket may download."""
    exists = (
        Collection.get_first_root_node().get_children().filter(name=PROVIDER_COLLECTION).exists()
    )
    what = _("collection “%(name)s” (providers only)") % {"name": PROVIDER_COLLECTION}
    if exists:
        build.found(what)
        return
    build.created(what)
    if not build.dry_run:
        provider_documents_collection()
