"""Navigation helpers for the public site: language links, menus, breadcrumb, feed links."""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from wagtail.models import Page, PageViewRestriction, Site

from core import cache as page_cache
from home.models import NavigationSettings, NewsIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in every interface language: [{"code", "name", "url", "is_current"}].

    Plain links rather than Django's POST form: the language lives in the URL (/en/...), so a
    page has one language per URL and anonymous pages can be cached without a CSRF cookie.
    The name is the language's own ("English", "Nederlands"), not its name in the current
    language: someone looking for their language must recognise it ("Engels" helps no one).
    """
    request = context["request"]
    current = get_language()
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translate_url(request.get_full_path(), code),
            "is_current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


@register.simple_tag
def language_versions(url):
    """A full URL of the site in every interface language: [{"lang_code", "location"}].

    For the sitemap's hreflang alternates (core/templates/sitemap.xml): every page exists
    in Dutch and, under /en/, with an English interface. [] for a URL that is not a page's.
    """
    versions = [
        {"lang_code": code, "location": translate_url(url, code)}
        for code, _name in settings.LANGUAGES
    ]
    if len({version["location"] for version in versions}) < len(versions):
        return []
    return versions


def _site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request is not None else None


def _restricted_paths(request):
    """Tree paths of the pages with a view restriction, read once per request (both menus)."""
    cached = getattr(request, "_restricted_page_paths", None) if request is not None else None
    if cached is None:
        cached = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        if request is not None:
            request._restricted_page_paths = cached
    return cached


def link_items(stream, request=None, current_page=None):
    """A StreamField of LinkBlocks as [{"url", "text", "is_current"}], skipping dead links.

    A link to a page that was unpublished or deleted disappears instead of leading to a 404,
    and so does a link to a private page (a view restriction on it or on an ancestor: login,
    password or groups), which would send every visitor to a login form.
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
            is_current = current_page is not None and page.pk == getattr(current_page, "pk", None)
        else:
            url, text, is_current = value.get("url"), value.get("text"), False
        if url and text:
            links.append({"url": url, "text": text, "is_current": is_current})
    return links


@register.simple_tag(takes_context=True)
def menu_links(context, field_name):
    """The links of the site's main menu or footer (`field_name` of NavigationSettings)."""
    request = context.get("request")
    if request is None or _site(context) is None:
        return []
    # for_request keeps the settings on the request: the menu, the footer and the footer text
    # ({{ settings.home.NavigationSettings }}) share one query.
    navigation = NavigationSettings.for_request(request)
    return link_items(getattr(navigation, field_name), request, context.get("page"))


@register.simple_tag
def breadcrumb_pages(page):
    """The ancestors of a Wagtail page below the site root, for the breadcrumb ([] if none)."""
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    return list(page.get_ancestors().filter(depth__gte=2))


@register.simple_tag(takes_context=True)
def news_feed_links(context):
    """The RSS and Atom feeds of the site's news section, for <link rel="alternate">.

    Every page asks, so the answer is cached per site until any page is published, moved or
    deleted (the page cache's generation): finding the public news index costs two queries.
    """
    site = _site(context)
    if site is None:
        return []
    request = context.get("request")
    key = f"news-feed-url:{site.pk}:{get_language()}:{page_cache.generation()}"
    base = cache.get(key)
    if base is None:
        base = _news_index_url(site, request) or ""
        cache.set(key, base, timeout=3600)
    if not base:
        return []
    return [
        {"type": "application/rss+xml", "title": _("News (RSS)"), "url": base + "rss/"},
        {"type": "application/atom+xml", "title": _("News (Atom)"), "url": base + "atom/"},
    ]


def _news_index_url(site, request):
    index = NewsIndexPage.objects.child_of(site.root_page).live().public().first()
    return index.get_url(request) if index is not None else None
