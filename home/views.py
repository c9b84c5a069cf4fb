"""Small public views of the site as a whole (robots.txt)."""

from django.conf import settings
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.views.decorators.http import require_GET
from wagtail.models import Site

from core.i18n import in_language

# Compare lists and request starts are a visitor's own choices, endless in number: nothing to
# index. Named, not typed, so a renamed path (or a new interface language) cannot slip past.
PERSONAL_URL_NAMES = ("compare", "request_start")


def _search_page(request):
    site = Site.find_for_request(request)
    home = site.root_page.specific if site is not None else None
    return home.search_page() if hasattr(home, "search_page") else None


def disallowed_paths(request):
    """The paths robots should stay out of, in every interface language."""
    paths = [reverse("wagtailadmin_home")]
    search_page = _search_page(request)
    dutch_parts = search_page.get_url_parts(request) if search_page is not None else None
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for name in PERSONAL_URL_NAMES:
                try:
                    paths.append(reverse(name))
                except NoReverseMatch:  # the search app is not installed
                    continue
            parts = None
            if dutch_parts is not None and dutch_parts[2] is not None:
                # The search page's copy in this language, else the Dutch one under its
                # prefix (core.i18n: served there with the interface in that language).
                copy = search_page.localized
                if copy.pk != search_page.pk:
                    parts = copy.get_url_parts(request)
                else:
                    parts = in_language(dutch_parts, code)
            if parts is not None:
                # The search page itself is indexed (the sitemap lists it); its results, one
                # per combination of filters in the query string, are not.
                paths.append(f"{parts[2]}?")
    return list(dict.fromkeys(paths))


@require_GET
def robots_txt(request):
    """/robots.txt: what robots may skip, and where the sitemap is."""
    return render(
        request,
        "home/robots.txt",
        {"disallowed": disallowed_paths(request), "sitemap_url": reverse("sitemap")},
        content_type="text/plain",
    )
