"""The retention report for the data protection officer (issue 13 item 5): what was shown
less or anonymised, and when, month by month, and what the next nightly run will do.

Counts only, over every region: the officer checks that the retention rules run, not whose
data it was. One query per measure, however many requests there are.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .. import retention
from ..models import ChildcareRequest

MONTHS_SHOWN = 24


@dataclass(frozen=True)
class Month:
    """One month's retention work."""

    month: object  # the first day of the month (a date)
    reduced: int  # closed requests past the region's period: name and contact hidden
    anonymised: int  # five years after closing (apply_retention)
    erased: int  # at the parent's request, through the private link (GDPR art. 17)


def _per_month(field, since, condition):
    rows = (
        ChildcareRequest.objects.filter(condition, **{f"{field}__gte": since})
        .annotate(month=TruncMonth(field))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    # TruncMonth gives the month's first moment in the current time zone.
    return {timezone.localtime(row["month"]).date(): row["n"] for row in rows}


def months(now=None):
    """[Month], newest first, for the last MONTHS_SHOWN months that saw any retention work.

    The nightly job sets `anonymised_at` and `retention_reduced_at` to the same moment; an
    erasure sets `anonymised_at` alone (or after an earlier reduction), which tells them apart.
    """
    now = now or timezone.now()
    since = now - datetime.timedelta(days=31 * MONTHS_SHOWN)
    by_retention = Q(retention_reduced_at=F("anonymised_at"))
    reduced = _per_month("retention_reduced_at", since, ~by_retention | Q(anonymised_at=None))
    anonymised = _per_month("anonymised_at", since, by_retention)
    erased = _per_month("anonymised_at", since, ~by_retention | Q(retention_reduced_at=None))
    keys = sorted(set(reduced) | set(anonymised) | set(erased), reverse=True)
    return [
        Month(key, reduced.get(key, 0), anonymised.get(key, 0), erased.get(key, 0)) for key in keys
    ]


def due_next(now=None):
    """(to be shown less, to be anonymised) at the next run of `apply_retention`."""
    return retention.reducible(now).count(), retention.anonymisable(now).count()
