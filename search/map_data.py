"""What the results map shows: every fiche a search matches, in one query, without personal data.

The search page lists twenty results a page; its map shows all of them (issue 14), clustered.
`search/map.js` fetches them from `views.map_view` with the page's own query string, so the
page itself stays as light as it was. Per fiche: its id, position, title, URL, place, price
(day price or "income-related") and availability per age group, with whether that is still
confirmed (`opvanglocaties.freshness`). Plus where the search measures from and its radius.

No personal data: no address, phone or email. A family-care location is a childminder's
home: as in the open data (`open_data.privacy`), a list of every home's exact position serves
no purpose of a parent's, so the map places a home at its rounded position (about a
kilometre); the fiche gives the address to a parent who opens it.
"""

from itertools import groupby
from operator import attrgetter

from django.utils.translation import gettext
from wagtail.models import Page

from opvanglocaties import freshness
from opvanglocaties.models import AgeGroupAvailability
from opvanglocaties.presenters import (
    UNCONFIRMED,
    availability_row_texts,
    confirmed_text,
    price_text,
)

from .open_data.privacy import coarse, is_private_home

# One row per fiche and availability row (a LEFT JOIN): everything the popup shows comes
# from this one query, however many fiches match.
FIELDS = (
    "pk",
    "title",
    "url_path",
    "latitude",
    "longitude",
    "care_type",
    "tariff_type",
    "day_price",
    "availability_confirmed_on",
    "municipality__name_nl",
    "neighbourhood__name",
    "availability__age_group",
    "availability__status",
    "availability__free_from",
)


def map_rows(search):
    """The matching fiches with a position, one row per availability row, by fiche."""
    return (
        search.filtered()
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("pk", "availability__sort_order")
        .values_list(*FIELDS, named=True)
    )


def map_data(search, request=None):
    """The map of `search` as JSON-ready data: its origin and radius, and the locations."""
    origin = search.origin
    return {
        "origin": (
            {"lat": origin.latitude, "lng": origin.longitude, "label": str(origin.label)}
            if origin is not None
            else None
        ),
        # The radius filters only when there is a place to measure from (`LocationSearch`).
        "radius_km": search.query.radius_km if origin is not None else None,
        "locations": [
            _location(list(rows), request, search.stale_before)
            for _pk, rows in groupby(map_rows(search), key=attrgetter("pk"))
        ],
    }


def _location(rows, request, stale_before):
    first = rows[0]
    current = freshness.is_current(first.availability_confirmed_on, stale_before)
    availability = [
        {"status": text.status, "text": text.text}
        for text in availability_row_texts(
            (
                AgeGroupAvailability(
                    age_group=row.availability__age_group,
                    status=row.availability__status,
                    free_from=row.availability__free_from,
                )
                for row in rows
                if row.availability__status
            ),
            current,
        )
    ] or [{"status": UNCONFIRMED, "text": gettext("Availability unknown")}]
    latitude, longitude = first.latitude, first.longitude
    rounded = is_private_home(first)
    if rounded:
        latitude, longitude = coarse(latitude), coarse(longitude)
    return {
        "id": first.pk,
        "title": first.title,
        # Wagtail's own URL logic, from the site root paths it caches on the request.
        "url": Page(id=first.pk, url_path=first.url_path).get_url(request),
        "lat": latitude,
        "lng": longitude,
        "position_rounded": rounded,
        "place": ", ".join(
            name for name in (first.neighbourhood__name, first.municipality__name_nl) if name
        ),
        "price": price_text(first),
        "availability": availability,
        "availability_current": current,
        "confirmed": confirmed_text(first, current),
    }
