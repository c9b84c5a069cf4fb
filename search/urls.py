"""Public URLs of the search app (Dutch paths; English under /en/ like every page)."""

from django.urls import path

from . import views
from .open_data.views import DOWNLOADS, download

urlpatterns = [
    path("vergelijken/", views.compare_view, name="compare"),
    # The results map's data: what the search with the same query string finds, all pages.
    path("kaart/opvanglocaties.json", views.map_view, name="map_locations"),
    # /open-data/opvanglocaties.csv and .geojson: one view, a format per extension.
    *(
        path(
            f"open-data/opvanglocaties.{extension}",
            download,
            {"extension": extension},
            name=f"locations_{extension}",
        )
        for extension in DOWNLOADS
    ),
]
