"""The site's menus, footer, loket contact and news feeds, for the base template.

`core/templates/base.html` draws the chrome of every page but may not know the home app; it
reads `site_navigation`, which the context processor `home.navigation.site_navigation` puts in
every template context (listed in the settings, the composition layer). Nothing is queried until
the template reads a value.
"""

from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import PageViewRestriction, Site

from core import cache as page_cache
from core.i18n import content_language, url_in_interface_language

from .models import LoketContact, NavigationSettings, NewsIndexPage

CHROME_SECONDS = 3600


def _restricted_paths(request):
    """Tree paths of the pages with a view restriction, read once per request (both menus)."""
    cached = getattr(request, "_restricted_page_paths", None) if request is not None else None
    if cached is None:
        cached = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        if request is not None:
            request._restricted_page_paths = cached
    return cached


def link_items(stream, request=None):
    """A StreamField of LinkBlocks as [{"url", "text", "page_id", "lang"}], skipping dead links.

    A link to a page that was unpublished or deleted disappears instead of leading to a 404,
    and so does a link to a private page (a view restriction on it or on an ancestor: login,
    password or groups), which would send every visitor to a login form. `page_id` lets the
    template mark the link to the current page, `lang` is the language of `text`. A link to
    a page follows the visitor's language: the page's translation where it has one.
    """
    links = []
    for block in stream or []:
        value = block.value
        page = value.get("page")
        if page is not None:
            if not page.live or any(page.path.startswith(p) for p in _restricted_paths(request)):
                continue
            # The page's copy in the visitor's language where it has a live one; else the
            # page itself under the visitor's language (with its notice, core.i18n).
            localized = page.localized
            url = url_in_interface_language(page, request)
            if localized.pk != page.pk:
                # The editor's own text for the link is Dutch: the copy's title is not.
                text, language = localized.title, content_language(localized)
            else:
                text, language = value.get("text") or page.title, content_language(page)
            page_id = localized.pk
        else:
            url, text, page_id = value.get("url"), value.get("text"), None
            language = settings.LANGUAGE_CODE
        if url and text:
            links.append({"url": url, "text": text, "page_id": page_id, "lang": language})
    return links


class SiteNavigation:
    """What the base template shows around a page of the request's site; each value lazy."""

    def __init__(self, request):
        self.request = request

    @cached_property
    def site(self):
        return Site.find_for_request(self.request)

    @cached_property
    def _chrome(self):
        """Menus, footer and contact of the site, read once per site, language and
        publication generation (the page cache's: publishing, moving or deleting a page and
        saving these settings bump it), not on every request: four to six queries."""
        if self.site is None:
            return None
        key = f"site-chrome:{self.site.pk}:{get_language()}:{page_cache.generation()}"
        chrome = cache.get(key)
        if chrome is None:
            # for_request keeps the settings on the request: menu, footer and footer text
            # share one query.
            settings = NavigationSettings.for_request(self.request)
            contact = LoketContact.for_request(self.request)
            chrome = {
                "main_menu": link_items(settings.main_menu, self.request),
                "footer_links": link_items(settings.footer_links, self.request),
                "footer_text": settings.footer_text,
                "contact": contact if contact.is_filled_in else None,
            }
            cache.set(key, chrome, timeout=CHROME_SECONDS)
        return chrome

    @property
    def main_menu(self):
        """The links of the main menu."""
        return self._chrome["main_menu"] if self._chrome else []

    @property
    def footer_links(self):
        """The links in the footer."""
        return self._chrome["footer_links"] if self._chrome else []

    @property
    def footer_text(self):
        return self._chrome["footer_text"] if self._chrome else ""

    @property
    def contact(self):
        """The loket's contact details, or None when the site has none filled in."""
        return self._chrome["contact"] if self._chrome else None

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
            home = self.site.root_page.localized  # the news of the visitor's language
            index = NewsIndexPage.objects.child_of(home).live().public().first()
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
