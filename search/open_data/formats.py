"""How the downloads write the fiches: CSV and GeoJSON, with the columns of `fields.COLUMNS`.

The rows stream from the database in chunks, so a download of every fiche never holds them
all in memory.
"""

import csv
import json
import re

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
FORMULA_START = "=+-@\t\r"
# A formula start at the start of a text, or after anything at which some spreadsheet starts
# a new cell: a field separator (a comma; a semicolon for the Belgian and Dutch Excel, which
# split a CSV file on ";"; a tab), a line break or a quote, with any spaces in between.
FORMULA_AFTER_SEPARATOR = re.compile(rf"(^|[,;\t\r\n\"])(?=[ ]*[{re.escape(FORMULA_START)}])")


def safe_cell(value):
    """`value` with an apostrophe before every formula start a spreadsheet could see in it."""
    if isinstance(value, str):
        return FORMULA_AFTER_SEPARATOR.sub(r"\1'", value)
    return value


def csv_lines(queryset, request=None):
    """The CSV file, line by line, safe to open in a spreadsheet.

    It starts with a byte order mark, by which Excel recognises UTF-8 (names such as "Crèche"
    would otherwise come out garbled). Every text is quoted, so that a spreadsheet splitting
    on ";" keeps a text holding one in its cell, and text that a spreadsheet would take for a
    formula ("=2*3" at the start or after a separator) gets an apostrophe before it.
    """
    writer = csv.DictWriter(_Echo(), fieldnames=COLUMNS, quoting=csv.QUOTE_NONNUMERIC)
    yield "\ufeff" + writer.writeheader()
    for location in rows(queryset):
        yield writer.writerow(
            {key: safe_cell(value) for key, value in record(location, request).items()}
        )


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
