"""The loket's figures read from the kept counts (`FigureCount`, figures/keeping.py): a
few hundred small rows per region and year, whatever the number of requests. Each function
answers exactly what its namesake in figures/reference.py computes from the requests.
"""

from django.db.models import Q, Sum
from django.utils import timezone

from ..models import FigureCount, FigureKind
from .common import median_of_middle


def _counts(region, kind, **keys):
    return FigureCount.objects.filter(region=region, kind=kind, count__gt=0, **keys).order_by()


def _wijk(label):
    return label or None


def requests_per_wijk_and_month(region, year):
    table = {}
    for label, month, count in _counts(region, FigureKind.REQUESTS, year=year).values_list(
        "label", "month", "count"
    ):
        table.setdefault(_wijk(label), [0] * 12)[month - 1] = count
    return table


def open_requests_per_wijk(region):
    return {
        _wijk(label): count
        for label, count in _counts(region, FigureKind.DEMAND).values_list("label", "count")
    }


def _kth(histogram, index):
    """The value at `index` (0-based) of the sorted values a [(value, count)] histogram holds."""
    seen = 0
    for value, count in histogram:
        seen += count
        if index < seen:
            return value
    raise IndexError(index)


def answer_counts(region, year, today=None):
    today = (today or timezone.localdate()).toordinal()
    kinds = FigureCount.objects.filter(
        region=region,
        kind__in=[FigureKind.WAIT, FigureKind.IN_TIME, FigureKind.DUE, FigureKind.ANSWERED_DUE],
        year=year,
    ).order_by()

    def total(condition):
        return Sum("count", filter=condition, default=0)

    past = Q(number__lt=today)
    totals = kinds.aggregate(
        answered=total(Q(kind=FigureKind.WAIT)),
        in_time=total(Q(kind=FigureKind.IN_TIME)),
        past_due=total(Q(kind=FigureKind.DUE) & past),
        answered_past_due=total(Q(kind=FigureKind.ANSWERED_DUE) & past),
    )
    answered = totals["answered"]
    middle = []
    if answered:
        # Whole days waited: a histogram of a few dozen rows, its median read in Python.
        histogram = list(
            _counts(region, FigureKind.WAIT, year=year)
            .order_by("number")
            .values_list("number", "count")
        )
        low = (answered - 1) // 2
        middle = [_kth(histogram, index) for index in range(low, low + 2 - answered % 2)]
    return {
        "answered": answered,
        "median_days": median_of_middle(middle),
        "in_time": totals["in_time"],
        "counted": answered + totals["past_due"] - totals["answered_past_due"],
    }


def flow_pairs(region, year):
    pairs = (
        _counts(region, FigureKind.FLOW, year=year)
        .order_by("-count", "label", "other")
        .values_list("label", "other", "number", "count")
    )
    return [(home, there, bool(other_region), rows) for home, there, other_region, rows in pairs]
