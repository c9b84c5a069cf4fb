"""Template helpers for the results map (`search/templates/search/includes/map.html`)."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def map_config():
    """The tile server and its credit, from settings; an empty tiles URL means no tiles."""
    return {
        "tiles_url": settings.OPVANGPUNT_MAP_TILES_URL,
        "attribution": settings.OPVANGPUNT_MAP_ATTRIBUTION,
        "attribution_url": settings.OPVANGPUNT_MAP_ATTRIBUTION_URL,
    }
