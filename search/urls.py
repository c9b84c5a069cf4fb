"""Public URLs of the search app (Dutch paths; English under /en/ like every page)."""

from django.urls import path

from . import views

urlpatterns = [
    path("vergelijken/", views.compare_view, name="compare"),
    path("open-data/opvanglocaties.csv", views.locations_csv, name="locations_csv"),
    path("open-data/opvanglocaties.geojson", views.locations_geojson, name="locations_geojson"),
]
