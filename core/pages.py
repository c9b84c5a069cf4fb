"""Page types that apps find without importing each other.

The search page belongs to the search app, which sits above `opvanglocaties` and beside
`home`; both link to it. Which model it is comes from the settings (the composition layer),
the way Django names the user model, so neither app imports the search app.
"""

from django.apps import apps
from django.conf import settings


def search_page_model():
    """The page model of the search page (OPVANGPUNT_SEARCH_PAGE_MODEL), or None."""
    label = getattr(settings, "OPVANGPUNT_SEARCH_PAGE_MODEL", "")
    if not label:
        return None
    try:
        return apps.get_model(label)
    except LookupError:  # the search app is not installed
        return None


def live_search_page(candidates):
    """The first live search page among `candidates` (a page queryset), or None."""
    model = search_page_model()
    if model is None:
        return None
    return candidates.live().type(model).first()
