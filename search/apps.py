from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import provisioning


class SearchConfig(AppConfig):
    """Search over the fiches: the search page, facets, compare, map and open-data downloads."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    label = "opvangpunt_search"
    verbose_name = _("Search")

    def ready(self):
        # This app's part of a region's site (setup_region): the search page.
        provisioning.register_region_step(
            provisioning.SEARCH_PAGE, "search.provisioning.build_search_page"
        )
