"""Short texts a result card and the compare page show, computed from rows already fetched.

In Python rather than in the templates: twenty cards of template logic (translations, date
formats, choice labels) took half the time of rendering the search page, and the compare
page says the same things in the same words.
"""

from django.template.defaultfilters import floatformat
from django.utils.formats import date_format, localize
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from opvanglocaties.choices import AvailabilityStatus, TariffType

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


def availability_texts(location):
    """Per age group (prefetched rows): [(status, "Babies: free from 1 March 2027"), …]."""
    texts = []
    for row in location.availability.all():
        if row.status == AvailabilityStatus.FREE_FROM and row.free_from:
            status = gettext("free from %(date)s") % {"date": date_format(row.free_from, "j F Y")}
        else:
            status = row.get_status_display()
        texts.append((row.status, f"{capfirst(row.get_age_group_display())}: {status}"))
    return texts


def confirmed_text(location):
    """When the location last confirmed its availability, or ""."""
    if not location.availability_confirmed_on:
        return ""
    return gettext("confirmed on %(date)s") % {
        "date": date_format(location.availability_confirmed_on, "j F Y")
    }


def distance_text(distance_km):
    """ "1,2 km away" (one decimal, in the interface language's notation), or "" without one."""
    if distance_km is None:
        return ""
    return gettext("%(distance)s km away") % {"distance": floatformat(distance_km, 1)}


def summarise(location):
    """Give a fetched fiche (hours and availability prefetched) the texts of its card."""
    location.hours_summary = opening_hours_summary(location.opening_hours.all())
    location.price_text = price_text(location)
    location.availability_texts = availability_texts(location)
    location.confirmed_text = confirmed_text(location)
