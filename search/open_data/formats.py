"""The published facts of the fiches as CSV and GeoJSON, with the filters of the search page.

Only what a fiche publishes and no personal data: no contact person, e-mail address or phone
number (they are on the fiche for parents, not for bulk harvesting), and no street, house
number or exact position of a childminder's home (`opvanglocaties.privacy`). The rows stream
from the database in chunks, so a download of every fiche never holds them all in memory.
"""

import csv
import json

from opvanglocaties.presenters import OSM_WEEKDAYS, opening_hours_summary
from opvanglocaties.privacy import published_address

CHUNK_SIZE = 500

COLUMNS = [
    "id",
    "name",
    "url",
    "care_type",
    "street",
    "house_number",
    "postcode",
    "municipality",
    "municipality_nis_code",
    "neighbourhood",
    "latitude",
    "longitude",
    "position_rounded",
    "licensed_capacity",
    "min_age_months",
    "max_age_months",
    "tariff_type",
    "day_price",
    "subsidy_framework",
    "languages",
    "wheelchair_accessible",
    "response_deadline_days",
    "opening_hours",
    "availability",
    "availability_confirmed_on",
    "last_published_at",
]


def record(location, request=None):
    """One fiche as a flat dict of published facts (the keys of `COLUMNS`)."""
    address = published_address(location)
    return {
        "id": location.pk,
        "name": location.title,
        "url": location.get_full_url(request),
        "care_type": location.care_type,
        "street": address.street,
        "house_number": address.house_number,
        "postcode": location.postcode,
        "municipality": location.municipality.name_nl if location.municipality else "",
        "municipality_nis_code": location.municipality.nis_code if location.municipality else "",
        "neighbourhood": location.neighbourhood.name if location.neighbourhood else "",
        "latitude": address.latitude,
        "longitude": address.longitude,
        "position_rounded": address.position_rounded,
        "licensed_capacity": location.licensed_capacity,
        "min_age_months": location.min_age_months,
        "max_age_months": location.max_age_months,
        "tariff_type": location.tariff_type,
        "day_price": str(location.day_price) if location.day_price is not None else "",
        "subsidy_framework": location.subsidy_framework,
        "languages": " ".join(location.languages or []),
        "wheelchair_accessible": location.wheelchair_accessible,
        "response_deadline_days": location.response_deadline_days,
        "opening_hours": opening_hours_summary(
            location.opening_hours.all(), day_names=OSM_WEEKDAYS, dash="-", comma=","
        ),
        "availability": "; ".join(
            f"{row.age_group}: {row.status}"
            + (f" {row.free_from.isoformat()}" if row.free_from else "")
            for row in location.availability.all()
        ),
        "availability_confirmed_on": (
            location.availability_confirmed_on.isoformat()
            if location.availability_confirmed_on
            else ""
        ),
        "last_published_at": (
            location.last_published_at.isoformat() if location.last_published_at else ""
        ),
    }


def rows(queryset):
    """The fiches of `queryset`, fetched in chunks with their hours and availability."""
    return queryset.prefetch_related("opening_hours", "availability").iterator(
        chunk_size=CHUNK_SIZE
    )


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
