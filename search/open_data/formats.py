"""How the downloads write the fiches: CSV and GeoJSON, with the columns of `fields.COLUMNS`.

The rows stream from the database in chunks, so a download of every fiche never holds them
all in memory.
"""

import csv
import json

from opvanglocaties.presenters import CARD_PREFETCH

from .fields import COLUMNS, record

CHUNK_SIZE = 500


def rows(queryset):
    """The fiches of `queryset`, fetched in chunks with their hours and availability."""
    # What the cards read (hours, availability) is what the columns read too.
    return queryset.prefetch_related(*CARD_PREFETCH).iterator(chunk_size=CHUNK_SIZE)


class _Echo:
    def write(self, value):
        return value


# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_lines(queryset, request=None):
    """The CSV file, line by line, safe to open in a spreadsheet.

    It starts with a byte order mark, by which Excel recognises UTF-8 (names such as "Crèche"
    would otherwise come out garbled), and text that a spreadsheet would take for a formula
    (a name starting with "=") is prefixed with an apostrophe.
    """
    writer = csv.DictWriter(_Echo(), fieldnames=COLUMNS)
    yield "\ufeff" + writer.writeheader()
    for location in rows(queryset):
        record_ = record(location, request)
        yield writer.writerow({key: _cell(value) for key, value in record_.items()})


def geojson_chunks(queryset, request=None):
    """A GeoJSON FeatureCollection, feature by feature; fiches without a position are left out."""
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for location in rows(queryset.filter(latitude__isnull=False, longitude__isnull=False)):
        properties = record(location, request)
        position = [properties["longitude"], properties["latitude"]]
        feature = {
            "type": "Feature",
            "id": location.pk,
            "geometry": {"type": "Point", "coordinates": position},
            "properties": properties,
        }
        yield ("" if first else ",") + json.dumps(feature, ensure_ascii=False)
        first = False
    yield "]}"
