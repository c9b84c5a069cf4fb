"""The language of what editors write, for templates (WCAG 3.1.2, language of parts).

Editors write in the portal's content language (settings.LANGUAGE_CODE, Dutch). A page may
have a copy translated into English (wagtail-localize); one without, and every fiche, is shown
under /en/ in Dutch. Under /en/ the interface, and <html lang>, is English: what is still
Dutch (titles, bodies, summaries, menus, fiches) is marked so that a screen reader reads it
with a Dutch voice.
"""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info

from core.i18n import content_language, untranslated_notice

register = template.Library()


def _primary(code):
    return (code or "").split("-")[0].lower()


@register.simple_tag
def content_lang(written=None):
    """` lang="…"` on a container of editor-written content, when it is not in the
    interface's language; nothing when <html lang> covers it already.

    `written` is the page whose text the container shows, or a language code; without it,
    the content language (Dutch: a fiche, the site settings).
    """
    if written is None:
        content = settings.LANGUAGE_CODE
    elif isinstance(written, str):
        content = written or settings.LANGUAGE_CODE
    else:
        content = content_language(written)
    current = get_language()
    if current is None or _primary(current) == _primary(content):
        return ""
    return format_html(' lang="{}"', content)


@register.inclusion_tag("core/includes/translation_notice.html", takes_context=True)
def translation_notice(context):
    """ "This page is not yet available in English", with a link to the page in its own
    language, where the page shown has no copy in the interface's language."""
    page = context.get("page")
    notice = untranslated_notice(page, context.get("request")) if page is not None else None
    if notice is None:
        return {"notice": None}
    return {
        "notice": notice,
        "interface_language": get_language_info(get_language())["name_translated"],
        "content_language": get_language_info(notice["language"])["name_translated"],
    }
