"""The loket's figures for one region and year: suppressed, presented, plain data.

The counts come from `counts` (the kept `FigureCount` rows: a constant number of small
queries whatever the number of requests; tests assert it) or, given `source=reference`, from
scanning the requests (figures/reference.py: the definition, which the tests compare with).
Requests per wijk and month, demand against licensed capacity per wijk, the days to the
first answer and the share answered within the deadline, and the flows across municipal and
regional borders. Every count goes through `suppression` before anyone sees it; the result
is plain data (JSON for a frozen report, rows for the CSV).

Units: "requests per wijk" counts a request once in each wijk where it asks a location (a
request asking locations in two wijken counts in both); demand counts open requests the same
way; answers and flows count requested locations (one per location asked). The days to the
first answer are whole days (24 hours) between filing and that answer.
"""

from django.db.models import Sum
from django.utils.translation import gettext as _

from opvanglocaties.models import LocationPage

from . import counts
from .suppression import suppress_rate, suppress_series, suppress_table, suppress_value


def wijk_label(name):
    return name or _("no wijk")


def _wijk_order(name):
    return (name is None, name or "")


def per_wijk_and_month(region, year, source=counts):
    """Requests per wijk (rows) and month (12 columns), with totals, suppressed."""
    table = source.requests_per_wijk_and_month(region, year)
    labels = sorted(table, key=_wijk_order)
    cells, row_totals, col_totals, grand = suppress_table([table[name] for name in labels])
    return {
        "months": [f"{year}-{month:02d}" for month in range(1, 13)],
        "rows": [
            {"label": wijk_label(name), "cells": cells[i], "total": row_totals[i]}
            for i, name in enumerate(labels)
        ],
        "totals": col_totals or [0] * 12,
        "total": grand,
    }


def licensed_capacity_per_wijk(region):
    """{wijk name or None: licensed places} of the region's live fiches."""
    if not region.site_id:
        return {}
    return dict(
        LocationPage.objects.live()
        .filter(path__startswith=region.site.root_page.path)
        .values_list("neighbourhood__name")
        .annotate(places=Sum("licensed_capacity"))
        .order_by()
    )


def demand_and_capacity(region, source=counts):
    """Open requests now against the licensed places of the region's live fiches, per wijk."""
    demand = source.open_requests_per_wijk(region)
    capacity = licensed_capacity_per_wijk(region)
    labels = sorted(set(demand) | set(capacity), key=_wijk_order)
    shown, total = suppress_series([demand.get(name, 0) for name in labels])
    return {
        "rows": [
            {"label": wijk_label(name), "demand": shown[i], "capacity": capacity.get(name, 0)}
            for i, name in enumerate(labels)
        ],
        "demand_total": total,
        "capacity_total": sum(capacity.values()),
    }


def answers(region, year, today=None, source=counts):
    """Days to the first answer (median) and the share answered within the deadline. A row
    counts for the share once it was answered or its deadline passed."""
    raw = source.answer_counts(region, year, today)
    answered, counted = raw["answered"], raw["counted"]
    share = round(100 * raw["in_time"] / counted) if counted else None
    return {
        "answered": suppress_value(answered),
        "median_days": suppress_rate(raw["median_days"], answered),
        "within_deadline_percent": suppress_rate(share, counted),
    }


def flows(region, year, source=counts):
    """Requested locations whose fiche lies in another municipality than the parent's, per
    (from, to) pair, marked when the fiche lies outside the region."""
    pairs = source.flow_pairs(region, year)
    shown, total = suppress_series([rows for _home, _there, _other, rows in pairs])
    return {
        "rows": [
            {"from": home, "to": there, "other_region": other, "count": shown[i]}
            for i, (home, there, other, _rows) in enumerate(pairs)
        ],
        "total": total,
    }


def figures(region, year, today=None, source=counts):
    """Every figure of the dashboard for `region` and `year`: plain, suppressed data."""
    return {
        "region": region.name,
        "year": year,
        "per_wijk_and_month": per_wijk_and_month(region, year, source),
        "demand_and_capacity": demand_and_capacity(region, source),
        "answers": answers(region, year, today, source),
        "flows": flows(region, year, source),
    }
