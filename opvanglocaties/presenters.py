"""What pages show of a fiche, worked out once in Python: the fiche card and the JSON-LD.

`FicheCard` is what every list of fiches shows of one fiche (the location index, an
organiser's folder, the landing pages, the search results, the compare page and the request
form); `opvanglocaties/includes/fiche_card.html` draws it. A list builds its cards with
`fiche_cards()` from fiches fetched with `CARD_PREFETCH`; the search adds what only it knows
(the distance, a buurgemeente, another region) through the keyword arguments of
`FicheCard.of()`.

The texts are made here rather than in the templates: twenty cards of template logic
(translations, date formats, choice labels) took half the time of rendering the search page.
"""

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.template.defaultfilters import floatformat
from django.utils.formats import date_format, localize
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import contracts, freshness
from .choices import AvailabilityStatus, TariffType, Weekday

if TYPE_CHECKING:  # the page models build their lists' cards with this module
    from .models import LocationPage

# What a card reads besides the fiche's own columns: fetch the fiches with these.
CARD_SELECT = ("municipality", "neighbourhood")
CARD_PREFETCH = ("opening_hours", "availability")

EN_DASH = "\N{EN DASH}"
SHORT_WEEKDAYS = [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]
# OpenStreetMap's `opening_hours` day codes: open data reads the same in every language.
OSM_WEEKDAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]


def _time(value):
    return value.strftime("%H:%M")


def opening_hours_summary(rows, day_names=SHORT_WEEKDAYS, dash=EN_DASH, comma=", "):
    """Opening hours in one line: consecutive days with the same hours share one range.

    `rows` are `OpeningHours` rows (weekday, opens, closes). Monday to Friday from 7 to 18
    reads "Mon", an en dash, "Fri 07:00", an en dash, "18:00"; with `OSM_WEEKDAYS`, "-" and
    "," it is OpenStreetMap's "Mo-Fr 07:00-18:00".
    """
    by_day = {}
    for row in rows:
        by_day.setdefault(row.weekday, []).append((row.opens, row.closes))
    groups = []  # [first day, last day, slots]
    for day in sorted(by_day):
        slots = sorted(by_day[day])
        if groups and groups[-1][1] == day - 1 and groups[-1][2] == slots:
            groups[-1][1] = day
        else:
            groups.append([day, day, slots])
    parts = []
    for first, last, slots in groups:
        days = str(day_names[first])
        if last != first:
            separator = dash if last > first + 1 else comma
            days += separator + str(day_names[last])
        hours = comma.join(f"{_time(opens)}{dash}{_time(closes)}" for opens, closes in slots)
        parts.append(f"{days} {hours}")
    return "; ".join(parts)


def price_text(location):
    """What a place costs: the income-related tariff, a day price, or "free price"."""
    if location.tariff_type == TariffType.INCOME_RELATED:
        return gettext("Income-related tariff (IKT)")
    if location.day_price:
        return gettext("€ %(price)s a day") % {"price": localize(location.day_price)}
    return gettext("Free price")


@dataclass(frozen=True)
class AvailabilityText:
    """The availability of one age group: its status (for the colour) and what it says."""

    status: str
    text: str


# The status (and CSS class) of availability no longer confirmed: never green.
UNCONFIRMED = "unconfirmed"


def availability_texts(location, current=True):
    """Per age group (prefetched rows), e.g. "Babies: free from 1 March 2027".

    Rows of availability that is no longer `current` keep their text but lose their status:
    they are drawn as unconfirmed, never as a green "free now".
    """
    return availability_row_texts(location.availability.all(), current)


def availability_row_texts(rows, current=True):
    """`availability_texts` for `AgeGroupAvailability` rows however they were fetched (the
    results map reads them in the same query as their fiches)."""
    texts = []
    for row in rows:
        if row.status == AvailabilityStatus.FREE_FROM and row.free_from:
            status = gettext("free from %(date)s") % {"date": date_format(row.free_from, "j F Y")}
        else:
            status = row.get_status_display()
        texts.append(
            AvailabilityText(
                row.status if current else UNCONFIRMED,
                f"{capfirst(row.get_age_group_display())}: {status}",
            )
        )
    return tuple(texts)


def confirmed_text(location, current=True):
    """How fresh the availability is: when the location last confirmed it, or ""."""
    confirmed_on = location.availability_confirmed_on
    if not current:
        if not confirmed_on:
            return gettext("not confirmed by the location")
        return gettext("not confirmed since %(date)s") % {
            "date": date_format(confirmed_on, "j F Y")
        }
    if not confirmed_on:
        return ""
    return gettext("confirmed on %(date)s") % {"date": date_format(confirmed_on, "j F Y")}


def distance_text(distance_km):
    """ "1,2 km away" (one decimal, in the interface language's notation), or "" without one."""
    if distance_km is None:
        return ""
    return gettext("%(distance)s km away") % {"distance": floatformat(distance_km, 1)}


def badge_html(in_neighbouring_municipality, other_region):
    """The card's badge: "Neighbouring municipality" (with the region serving it when that is
    another one), "Another region: …" for a fiche beyond the region, or "" for neither."""
    if in_neighbouring_municipality:
        region = (
            format_html(" · {}", gettext("region %(region)s") % {"region": other_region})
            if other_region
            else ""
        )
        return format_html(
            '<p class="badge">{}{}</p>', gettext("Neighbouring municipality"), region
        )
    if other_region:
        text = gettext("Another region: %(region)s") % {"region": other_region}
        return format_html('<p class="badge">{}</p>', text)
    return ""


def place_text(location):
    """Where the fiche is: "Ledeberg, Gent", or the municipality alone."""
    return ", ".join(
        str(place) for place in (location.neighbourhood, location.municipality) if place
    )


@dataclass(frozen=True)
class FicheCard:
    """What a list shows of one fiche. Build it with `FicheCard.of()` or `fiche_cards()`."""

    page: "LocationPage"  # for what a page shows beyond the card (the compare table)
    title: str
    url: str
    care_type: str  # its label, e.g. "group care (childcare centre)"
    place: str
    price: str
    availability: tuple  # of AvailabilityText, one per age group
    confirmed: str  # "confirmed on 2 November 2026", "not confirmed since ...", or ""
    # False when the availability is older than the freshness period (`freshness`); it was
    # judged against `stale_before`, the cut-off date a cache of cards must key on.
    availability_current: bool
    stale_before: datetime.date
    hours: str  # `opening_hours_summary`, or ""
    latitude: float | None
    longitude: float | None
    distance_km: float | None = None
    distance: str = ""  # "1,2 km away", or ""
    in_neighbouring_municipality: bool = False
    other_region: str = ""  # the region serving that buurgemeente when it is not this one
    contracts: str = ""  # `contracts.summary`: "Full-time, part-time (at least 3 days a week)"
    badge: str = ""  # `badge_html()` of the two above: HTML, or ""

    @property
    def pk(self):
        return self.page.pk

    @classmethod
    def of(
        cls,
        page,
        request=None,
        *,
        distance_km=None,
        in_neighbouring_municipality=False,
        other_region="",
        stale_before=None,
    ):
        """The card of `page`, fetched with `CARD_SELECT` and `CARD_PREFETCH`.

        `stale_before` is the cut-off of the region whose site shows the card
        (`freshness.stale_before(region)`; without one, the default period). The other
        keyword arguments are what the search knows about the fiche: its distance from
        where the parent searches, whether it lies in a buurgemeente of the municipality
        searched, and the name of that buurgemeente's region when another loket serves it.
        """
        if stale_before is None:
            stale_before = freshness.stale_before(None)
        current = freshness.is_current(page.availability_confirmed_on, stale_before)
        return cls(
            page=page,
            title=page.title,
            url=page.get_url(request),
            care_type=page.get_care_type_display(),
            place=place_text(page),
            price=price_text(page),
            availability=availability_texts(page, current),
            confirmed=confirmed_text(page, current),
            availability_current=current,
            stale_before=stale_before,
            hours=opening_hours_summary(page.opening_hours.all()),
            latitude=page.latitude,
            longitude=page.longitude,
            distance_km=distance_km,
            distance=distance_text(distance_km),
            in_neighbouring_municipality=in_neighbouring_municipality,
            other_region=other_region or "",
            contracts=contracts.summary(page.contract_forms, page.min_days_per_week),
            badge=badge_html(in_neighbouring_municipality, other_region),
        )


def fiche_cards(pages, request=None, stale_before=None):
    """The cards of `pages` (a queryset or list fetched with `CARD_SELECT`/`CARD_PREFETCH`),
    their availability judged against `stale_before` (see `FicheCard.of`)."""
    return [FicheCard.of(page, request, stale_before=stale_before) for page in pages]


def structured_data(page, request=None):
    """The fiche as schema.org `ChildCare` JSON-LD, for search engines (opening hours
    prefetched or not)."""
    data = {
        "@context": "https://schema.org",
        "@type": "ChildCare",
        "name": page.title,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": f"{page.street} {page.house_number}",
            "postalCode": page.postcode,
            "addressLocality": str(page.municipality or ""),
            "addressCountry": "BE",
        },
        "url": page.get_full_url(request),
    }
    if page.summary:
        data["description"] = page.summary
    if page.latitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": page.latitude,
            "longitude": page.longitude,
        }
    if page.phone:
        data["telephone"] = page.phone
    if page.email:
        data["email"] = page.email
    hours = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{Weekday(row.weekday).name.title()}",
            "opens": row.opens.strftime("%H:%M"),
            "closes": row.closes.strftime("%H:%M"),
        }
        for row in page.opening_hours.all()
    ]
    if hours:
        data["openingHoursSpecification"] = hours
    return data
