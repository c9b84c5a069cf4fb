"""The search app's part of a region's site: the search page (a step of `setup_region`)."""

from django.utils.translation import gettext as _

from .models import SearchPage

SEARCH_TITLE = "Kinderopvang zoeken"
SEARCH_SLUG = "zoeken"
SEARCH_INTRO = (
    "<p>Zoek op naam, wijk of gemeente, kies wat voor jou telt en vergelijk tot vier locaties.</p>"
)


def ensure_search_page(home):
    """The search page under a home page (at /zoeken/), created and published once."""
    page = SearchPage.objects.child_of(home).first()
    if page is None:
        page = home.add_child(
            instance=SearchPage(title=SEARCH_TITLE, slug=SEARCH_SLUG, intro=SEARCH_INTRO)
        )
        page.save_revision().publish()
    return page


def build_search_page(build):
    """The region's search page, where parents search, filter and compare."""
    home = build.home_page
    page = SearchPage.objects.child_of(home).first() if home is not None else None
    if page is not None:
        build.found(_("search page “%(title)s”") % {"title": page.title})
        return
    build.created(_("search page “%(title)s”") % {"title": SEARCH_TITLE})
    if not build.dry_run:
        ensure_search_page(home)
