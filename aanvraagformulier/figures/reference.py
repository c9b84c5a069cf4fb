"""The loket's figures counted from the requests themselves: every call scans the year's
requested locations and their history (seconds at 100,000 requests).

The dashboard reads the kept counts instead (figures/counts.py); these functions are the
definition those counts must match, which the tests compare them with over varied data.
Each returns the raw counts in the shape `compute` suppresses and presents.
"""

from django.db.models import Count, DateField, Exists, F, Max, Min, OuterRef, Q
from django.db.models.functions import Cast
from django.utils import timezone

from opvanglocaties.models import Region

from ..models import OPEN_STATUSES, RequestedLocation
from .common import median_of_middle, month_bounds, period, rows_of
from .keeping import ANSWERS


def requests_per_wijk_and_month(region, year):
    """{wijk name or None: [requests filed in each month]}: a request counts once per wijk.

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
    return {
        item["location__neighbourhood__name"]: [item[f"m{number}"] for number in range(12)]
        for item in counts
    }


def open_requests_per_wijk(region):
    """{wijk name or None: open requests asking a location there now}."""
    return dict(
        RequestedLocation.objects.filter(
            request__region=region,
            request__anonymised_at__isnull=True,
            status__in=OPEN_STATUSES,
        )
        .values_list("location__neighbourhood__name")
        .annotate(requests=Count("request", distinct=True))
        .order_by()
    )


def answer_counts(region, year, today=None):
    """Answered rows, the median of the whole days to their first answer, how many were
    answered by their due date, and how many count for that share (answered, or past due).

    The first answer is the earliest version in a row's history at an answering status; the
    history versions carry the row's filing time and due date, so the answered rows are one
    GROUP BY over the history (no correlated subquery per row).
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
    answered = totals["answered"]
    # The median's two middle rows, found by the database's sort (no rows loaded but two).
    middle = []
    if answered:
        waits = (
            first.annotate(wait=F("first_answer") - F("filed"))
            .order_by("wait", "id")
            .values_list("wait", flat=True)
        )
        low = (answered - 1) // 2
        middle = [wait.days for wait in waits[low : low + 2 - answered % 2]]
    return {
        "answered": answered,
        "median_days": median_of_middle(middle),
        "in_time": totals["in_time"],
        "counted": answered + past_due - totals["answered_past_due"],
    }


def flow_pairs(region, year):
    """[(from, to, other region?, requested locations)] across a municipal border, the
    largest first."""
    in_region = Region.municipalities.through.objects.filter(
        region_id=region.pk, municipality_id=OuterRef("location__municipality_id")
    )
    pairs = (
        rows_of(region, year)
        .exclude(request__municipality__isnull=True)
        .exclude(location__municipality__isnull=True)
        .exclude(request__municipality=F("location__municipality"))
        .annotate(inside=Exists(in_region))
        .values_list("request__municipality__name_nl", "location__municipality__name_nl", "inside")
        .annotate(rows=Count("pk"))
        .order_by("-rows", "request__municipality__name_nl", "location__municipality__name_nl")
    )
    return [(home, there, not inside, rows) for home, there, inside, rows in pairs]
