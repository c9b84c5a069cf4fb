"""Short texts a result card shows, computed from rows already fetched."""

from django.utils.translation import gettext_lazy as _

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
