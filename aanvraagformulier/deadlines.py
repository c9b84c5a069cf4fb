"""When a location's answer is due soon or overdue: the one rule the badges and filters share.

Seed 000 art. 2 §4: each location answers within the response deadline agreed in the local
childcare council. An open row whose due date has passed is overdue; one due within
`DUE_SOON_DAYS` days is due soon. Closed rows have no deadline left.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from .models import OPEN_STATUSES

# A row is "due soon" this many days before its answer is due.
DUE_SOON_DAYS = 3

OVERDUE = "overdue"
DUE_SOON = "due_soon"


def _bounds(today):
    today = today or timezone.localdate()
    return today, today + datetime.timedelta(days=DUE_SOON_DAYS)


def deadline_badge(row, today=None):
    """ "overdue", "due_soon" or None for an open row's due date (closed rows: None)."""
    if not row.is_open:
        return None
    today, soon = _bounds(today)
    if row.due_date < today:
        return OVERDUE
    if row.due_date <= soon:
        return DUE_SOON
    return None


def deadline_q(badge, today=None):
    """The rows `deadline_badge` gives `badge` ("overdue" or "due_soon"), as a filter on
    RequestedLocation (the same rule, in SQL)."""
    today, soon = _bounds(today)
    open_rows = Q(status__in=OPEN_STATUSES)
    if badge == OVERDUE:
        return open_rows & Q(due_date__lt=today)
    if badge == DUE_SOON:
        return open_rows & Q(due_date__gte=today, due_date__lte=soon)
    raise ValueError(f"unknown deadline badge {badge!r}")
