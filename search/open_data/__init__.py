"""Open data: the published facts of the fiches as JSON, CSV and GeoJSON (docs/open-data.md).

- `fields.py`: which facts are public, one list, and how each format writes them;
- `privacy.py`: what of a childminder's home the open data publish, and where it stands;
- `serializers.py`: the JSON form of the related rows and of the published address;
- `api.py` and `api_filters.py`: the JSON API at /api/v2/ (Wagtail's API v2);
- `formats.py` and `views.py`: the downloads /open-data/opvanglocaties.csv and .geojson, with
  the search page's filters.
"""
