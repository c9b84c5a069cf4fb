"""Navigation helpers for the public site."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in every interface language: [(code, name, url, is_current)].

    Plain links rather than Django's POST form: the language lives in the URL (/en/...), so a
    page has one language per URL and anonymous pages can be cached without a CSRF cookie.
    """
    request = context["request"]
    current = get_language()
    return [
        (code, name, translate_url(request.get_full_path(), code), code == current)
        for code, name in settings.LANGUAGES
    ]
