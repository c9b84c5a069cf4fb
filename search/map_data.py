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
from types import SimpleNamespace

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
    texts = _Texts(request, search.stale_before)
    return {
        "origin": (
            {"lat": origin.latitude, "lng": origin.longitude, "label": str(origin.label)}
            if origin is not None
            else None
        ),
        # The radius filters only when there is a place to measure from (`LocationSearch`).
        "radius_km": search.query.radius_km if origin is not None else None,
        "locations": [
            texts.location(list(rows))
            for _pk, rows in groupby(map_rows(search), key=attrgetter("pk"))
        ],
    }


class _Texts:
    """The popup texts of one map, each worked out once per distinct value.

    A region's map can hold thousands of fiches but only a few hundred different prices,
    availability rows and confirmation dates; translating and formatting each fiche's own
    took most of the time at 8,000 fiches (`make bench`, `search_map`).
    """

    def __init__(self, request, stale_before):
        self.request = request
        self.stale_before = stale_before
        self.prices = {}
        self.availabilities = {}
        self.confirmations = {}
        # One page object reused for Wagtail's URL logic (it reads `url_path` and the site
        # root paths cached on the request): building a page model per fiche cost more
        # than the rest of its entry.
        self.page = Page()

    def location(self, rows):
        """The map entry of one fiche from its rows (one per availability row)."""
        first = rows[0]
        current = freshness.is_current(first.availability_confirmed_on, self.stale_before)
        latitude, longitude = first.latitude, first.longitude
        rounded = is_private_home(first)
        if rounded:
            latitude, longitude = coarse(latitude), coarse(longitude)
        self.page.id, self.page.url_path = first.pk, first.url_path
        return {
            "id": first.pk,
            "title": first.title,
            "url": self.page.get_url(self.request),
            "lat": latitude,
            "lng": longitude,
            "position_rounded": rounded,
            "place": ", ".join(
                name for name in (first.neighbourhood__name, first.municipality__name_nl) if name
            ),
            "price": self.price(first),
            "availability": self.availability(rows, current),
            "availability_current": current,
            "confirmed": self.confirmed(first.availability_confirmed_on, current),
        }

    def price(self, row):
        key = (row.tariff_type, row.day_price)
        if key not in self.prices:
            self.prices[key] = price_text(row)
        return self.prices[key]

    def confirmed(self, confirmed_on, current):
        key = (confirmed_on, current)
        if key not in self.confirmations:
            self.confirmations[key] = confirmed_text(
                SimpleNamespace(availability_confirmed_on=confirmed_on), current
            )
        return self.confirmations[key]

    def availability(self, rows, current):
        key = (
            current,
            tuple(
                (row.availability__age_group, row.availability__status, row.availability__free_from)
                for row in rows
                if row.availability__status
            ),
        )
        if key not in self.availabilities:
            self.availabilities[key] = [
                {"status": text.status, "text": text.text}
                for text in availability_row_texts(
                    (
                        AgeGroupAvailability(age_group=age_group, status=status, free_from=day)
                        for age_group, status, day in key[1]
                    ),
                    current,
                )
            ] or [{"status": UNCONFIRMED, "text": gettext("Availability unknown")}]
        return self.availabilities[key]
