"""Template helpers for the fiche."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..presenters import structured_data

register = template.Library()

# The same escapes Django's json_script uses, so no text in a fiche can close the script tag.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def json_ld(context, page):
    """The fiche's schema.org structured data (`presenters.structured_data`) as a JSON-LD
    script element."""
    data = json.dumps(structured_data(page, context.get("request")), cls=DjangoJSONEncoder)
    return format_html(
        '<script type="application/ld+json">{}</script>', mark_safe(data.translate(_JSON_ESCAPES))
    )


@register.simple_tag(takes_context=True)
def landing_url(context, location_index, municipality, neighbourhood=None):
    """The landing page URL of a municipality or neighbourhood under a location index.

    `{% landing_url location_index municipality %}` or
    `{% landing_url location_index municipality neighbourhood %}`; empty without an index.
    """
    # `not`, not `is None`: the home page passes a lazy object that may stand for None.
    if not location_index or municipality is None:
        return ""
    url = location_index.specific.landing_url(
        municipality, neighbourhood, request=context.get("request")
    )
    return url or ""
