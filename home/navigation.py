"""The site's menus, footer, loket contact and news feeds, for the base template.

`core/templates/base.html` draws the chrome of every page but may not know the home app; it
reads `site_navigation`, which the context processor `home.navigation.site_navigation` puts in
every template context (listed in the settings, the composition layer). Nothing is queried until
the template reads a value.
"""

from functools import cached_property

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import PageViewRestriction, Site

from core import cache as page_cache

from .models import LoketContact, NavigationSettings, NewsIndexPage


def _restricted_paths(request):
    """Tree paths of the pages with a view restriction, read once per request (both menus)."""
    cached = getattr(request, "_restricted_page_paths", None) if request is not None else None
    if cached is None:
        cached = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        if request is not None:
            request._restricted_page_paths = cached
    return cached


def link_items(stream, request=None):
    """A StreamField of LinkBlocks as [{"url", "text", "page_id"}], skipping dead links.

    A link to a page that was unpublished or deleted disappears instead of leading to a 404,
    and so does a link to a private page (a view restriction on it or on an ancestor: login,
    password or groups), which would send every visitor to a login form. `page_id` lets the
    template mark the link to the current page.
    """
    links = []
    for block in stream or []:
        value = block.value
        page = value.get("page")
        if page is not None:
            if not page.live or any(page.path.startswith(p) for p in _restricted_paths(request)):
                continue
            url = page.get_url(request)
            text = value.get("text") or page.title
            page_id = page.pk
        else:
            url, text, page_id = value.get("url"), value.get("text"), None
        if url and text:
            links.append({"url": url, "text": text, "page_id": page_id})
    return links


class SiteNavigation:
    """What the base template shows around a page of the request's site; each value lazy."""

    def __init__(self, request):
        self.request = request

    @cached_property
    def site(self):
        return Site.find_for_request(self.request)

    @cached_property
    def _settings(self):
        # for_request keeps the settings on the request: menu, footer and footer text share
        # one query.
        return NavigationSettings.for_request(self.request) if self.site else None

    @cached_property
    def main_menu(self):
        """The links of the main menu."""
        return link_items(self._settings.main_menu, self.request) if self._settings else []

    @cached_property
    def footer_links(self):
        """The links in the footer."""
        return link_items(self._settings.footer_links, self.request) if self._settings else []

    @cached_property
    def footer_text(self):
        return self._settings.footer_text if self._settings else ""

    @cached_property
    def contact(self):
        """The loket's contact details, or None when the site has none filled in."""
        if self.site is None:
            return None
        contact = LoketContact.for_request(self.request)
        return contact if contact.is_filled_in else None

    @cached_property
    def feed_links(self):
        """The RSS and Atom feeds of the site's news section, for <link rel="alternate">.

        Every page asks, so the answer is cached per site until any page is published, moved
        or deleted (the page cache's generation): finding the public news index costs two
        queries.
        """
        if self.site is None:
            return []
        key = f"news-feed-url:{self.site.pk}:{get_language()}:{page_cache.generation()}"
        base = cache.get(key)
        if base is None:
            index = NewsIndexPage.objects.child_of(self.site.root_page).live().public().first()
            base = (index.get_url(self.request) if index is not None else None) or ""
            cache.set(key, base, timeout=3600)
        if not base:
            return []
        return [
            {"type": "application/rss+xml", "title": _("News (RSS)"), "url": base + "rss/"},
            {"type": "application/atom+xml", "title": _("News (Atom)"), "url": base + "atom/"},
        ]


def site_navigation(request):
    """Context processor: `site_navigation` for core's base template."""
    return {"site_navigation": SiteNavigation(request)}
