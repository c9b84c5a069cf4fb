"""The language of what editors write, for templates (WCAG 3.1.2, language of parts).

Editors write in the portal's content language (settings.LANGUAGE_CODE, Dutch): Wagtail's
localisation is off (WAGTAIL_I18N_ENABLED), so a page has one text whatever the interface
language. Under /en/ the interface, and <html lang>, is English while titles, bodies and
summaries stay Dutch; a screen reader must read those with a Dutch voice.
"""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


def _primary(code):
    return (code or "").split("-")[0].lower()


@register.simple_tag
def content_lang():
    """` lang="nl"` on a container of editor-written content, when the interface is not Dutch.

    Nothing when the interface speaks the content language already: <html lang> covers it.
    """
    content = settings.LANGUAGE_CODE
    current = get_language()
    if current is None or _primary(current) == _primary(content):
        return ""
    return format_html(' lang="{}"', content)
