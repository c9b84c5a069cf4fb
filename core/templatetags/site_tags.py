"""Site-wide template tags: language links, hreflang alternates, the breadcrumb, a page's
URL in the visitor's language."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

from core.i18n import url_in_interface_language

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


@register.simple_tag
def breadcrumb_pages(page):
    """The ancestors of a Wagtail page below the site root, for the breadcrumb ([] if none)."""
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    return list(page.get_ancestors().filter(depth__gte=2))


@register.simple_tag(takes_context=True)
def interface_pageurl(context, page):
    """`{% pageurl %}` in the visitor's language: the page's live copy in it, or the page
    itself under its prefix (served with the "not yet available" notice, core.i18n)."""
    return url_in_interface_language(page, context.get("request"))
