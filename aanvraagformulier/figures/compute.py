"""The loket's figures for one region and year, aggregated in the database.

A constant number of queries whatever the number of requests (tests assert it): requests
per wijk and month, demand against licensed capacity per wijk, time to the first answer and
the share answered within the deadline, and the flows across municipal and regional borders.
Every count goes through `suppression` before anyone sees it; the result is plain data (JSON
for a frozen report, rows for the CSV).

Units: "requests per wijk" counts a request once in each wijk where it asks a location (a
request asking locations in two wijken counts in both); demand counts open requests the same
way; answers and flows count requested locations (one per location asked).
"""

import datetime
import statistics

from django.db.models import Count, DateField, Exists, F, Max, Min, OuterRef, Q, Sum
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from opvanglocaties.models import LocationPage, Region

from ..models import OPEN_STATUSES, RequestedLocation, RequestStatus
from .suppression import suppress_rate, suppress_series, suppress_table, suppress_value

# A location's decision on a row: the statuses that answer the parent (not the parent's own
# withdrawal, an expiry or a place found elsewhere).
ANSWERS = (
    RequestStatus.NO_PLACE,
    RequestStatus.ACCEPTED_FOR_REVIEW,
    RequestStatus.APPROVED,
    RequestStatus.NOT_APPROVED,
    RequestStatus.ENROLLED,
)


def period(year):
    """The aware bounds [start, end) of calendar year `year` in the portal's time zone."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime(year, 1, 1, tzinfo=zone)
    return start, datetime.datetime(year + 1, 1, 1, tzinfo=zone)


def rows_of(region, year):
    """The requested locations of requests filed in `region` in `year`."""
    start, end = period(year)
    return RequestedLocation.objects.filter(
        request__region=region, request__created_at__gte=start, request__created_at__lt=end
    )


def wijk_label(name):
    return name or _("no wijk")


def month_bounds(year):
    """The aware [start, end) of each month of `year` in the portal's time zone."""
    zone = timezone.get_current_timezone()
    starts = [datetime.datetime(year, month, 1, tzinfo=zone) for month in range(1, 13)]
    ends = [*starts[1:], datetime.datetime(year + 1, 1, 1, tzinfo=zone)]
    return list(zip(starts, ends, strict=True))


def per_wijk_and_month(region, year):
    """Requests per wijk (rows) and month (12 columns), with totals, suppressed.

    One conditional count per month over plain date comparisons, not a truncation: SQLite
    truncates dates with a Python function per row (seconds over 100,000 requests).
    """
    months = {
        f"m{number}": Count(
            "request",
            distinct=True,
            filter=Q(request__created_at__gte=start, request__created_at__lt=end),
        )
        for number, (start, end) in enumerate(month_bounds(year))
    }
    counts = (
        rows_of(region, year).values("location__neighbourhood__name").annotate(**months).order_by()
    )
    table = {
        item["location__neighbourhood__name"]: [item[f"m{number}"] for number in range(12)]
        for item in counts
    }
    labels = sorted(table, key=lambda name: (name is None, name or ""))
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


def demand_and_capacity(region):
    """Open requests now against the licensed places of the region's live fiches, per wijk."""
    demand = dict(
        RequestedLocation.objects.filter(
            request__region=region,
            request__anonymised_at__isnull=True,
            status__in=OPEN_STATUSES,
        )
        .values_list("location__neighbourhood__name")
        .annotate(requests=Count("request", distinct=True))
        .order_by()
    )
    capacity = {}
    if region.site_id:
        capacity = dict(
            LocationPage.objects.live()
            .filter(path__startswith=region.site.root_page.path)
            .values_list("neighbourhood__name")
            .annotate(places=Sum("licensed_capacity"))
            .order_by()
        )
    labels = sorted(set(demand) | set(capacity), key=lambda name: (name is None, name or ""))
    shown, total = suppress_series([demand.get(name, 0) for name in labels])
    return {
        "rows": [
            {"label": wijk_label(name), "demand": shown[i], "capacity": capacity.get(name, 0)}
            for i, name in enumerate(labels)
        ],
        "demand_total": total,
        "capacity_total": sum(capacity.values()),
    }


def answers(region, year, today=None):
    """Days to the first answer (median) and the share answered within the deadline.

    The first answer is the earliest version in a row's history at an answering status; the
    history versions carry the row's filing time and due date, so the answered rows are one
    GROUP BY over the history (no correlated subquery per row). A row counts for the share
    once it was answered or its deadline passed.
    """
    today = today or timezone.localdate()
    start, end = period(year)
    first = (
        RequestedLocation.history.model.objects.filter(
            status__in=ANSWERS,
            request__region=region,
            request__created_at__gte=start,
            request__created_at__lt=end,
        )
        .values("id")
        .annotate(
            first_answer=Min("history_date"),
            filed=Min("created_at"),
            due=Max("due_date"),
        )
        .order_by()
    )
    totals = first.aggregate(
        answered=Count("id"),
        in_time=Count("id", filter=Q(due__gte=Cast("first_answer", DateField()))),
        answered_past_due=Count("id", filter=Q(due__lt=today)),
    )
    past_due = rows_of(region, year).filter(due_date__lt=today).count()
    counted = totals["answered"] + past_due - totals["answered_past_due"]
    # The median's two middle rows, found by the database's sort (no rows loaded but two).
    answered = totals["answered"]
    middle = []
    if answered:
        waits = (
            first.annotate(wait=F("first_answer") - F("filed"))
            .order_by("wait", "id")
            .values_list("wait", flat=True)
        )
        low = (answered - 1) // 2
        middle = list(waits[low : low + 2 - answered % 2])
    median_days = (
        round(statistics.mean(wait.total_seconds() for wait in middle) / 86400, 1)
        if middle
        else None
    )
    share = round(100 * totals["in_time"] / counted) if counted else None
    return {
        "answered": suppress_value(answered),
        "median_days": suppress_rate(median_days, answered),
        "within_deadline_percent": suppress_rate(share, counted),
    }


def flows(region, year):
    """Requested locations whose fiche lies in another municipality than the parent's, per
    (from, to) pair, marked when the fiche lies outside the region."""
    in_region = Region.municipalities.through.objects.filter(
        region_id=region.pk, municipality_id=OuterRef("location__municipality_id")
    )
    pairs = (
        rows_of(region, year)
        .exclude(request__municipality__isnull=True)
        .exclude(location__municipality__isnull=True)
        .exclude(request__municipality=F("location__municipality"))
        .annotate(inside=Exists(in_region))
        .values("request__municipality__name_nl", "location__municipality__name_nl", "inside")
        .annotate(rows=Count("pk"))
        .order_by("-rows", "request__municipality__name_nl", "location__municipality__name_nl")
    )
    pairs = list(pairs)
    shown, total = suppress_series([pair["rows"] for pair in pairs])
    return {
        "rows": [
            {
                "from": pair["request__municipality__name_nl"],
                "to": pair["location__municipality__name_nl"],
                "other_region": not pair["inside"],
                "count": shown[i],
            }
            for i, pair in enumerate(pairs)
        ],
        "total": total,
    }


def figures(region, year, today=None):
    """Every figure of the dashboard for `region` and `year`: plain, suppressed data."""
    return {
        "region": region.name,
        "year": year,
        "per_wijk_and_month": per_wijk_and_month(region, year),
        "demand_and_capacity": demand_and_capacity(region),
        "answers": answers(region, year, today),
        "flows": flows(region, year),
    }
