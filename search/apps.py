from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Search over the fiches: the search page, facets, compare, map and open-data downloads."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    label = "opvangpunt_search"
    verbose_name = _("Search")
