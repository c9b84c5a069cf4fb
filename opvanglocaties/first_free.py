"""Each fiche's availability summed up on the fiche's own row: the first day a place is free.

The search filters, counts and sorts by availability on every request (issue 15). Read from
the availability rows, that took a correlated subquery per fiche in each of the search's
statements, and on PostgreSQL a scan of the whole availability table per statement. The rows
change only when a fiche is saved, so the fiche keeps, per age group and for any age group,
the first day one of its rows promises a place (`COLUMNS`), and whether it has rows at all:

- a place free now counts from `FREE_NOW_DAY`, before every date, so "free by a day" is one
  comparison whatever today is: `first_free <= day`;
- a place free from a date without a date (the form refuses it, older data may hold it)
  counts from `UNDATED_DAY`, after every date: free later, never by a given day;
- no row free now or later (full, or no rows): NULL.

`LocationPage.save()` works the summary out from the rows it is about to store (a publish,
the bulk availability form, the demo); `signals` from rows written on their own (the
factories of the tests, the shell, a script). Whether the availability is still current stays
a question of `availability_confirmed_on` (`freshness`), which depends on today and the region.
"""

import contextlib
import contextvars
import datetime

from django.db.models import Q

from .choices import AgeGroup, AvailabilityStatus

FREE_NOW_DAY = datetime.date.min
UNDATED_DAY = datetime.date.max

# The column per age group; None: any age group.
COLUMNS = {
    None: "first_free_any",
    AgeGroup.BABY: "first_free_baby",
    AgeGroup.TODDLER: "first_free_toddler",
}
HAS_ROWS_FIELD = "has_availability_rows"
FIELDS = (*COLUMNS.values(), HAS_ROWS_FIELD)


def free_day(status, free_from):
    """The day from which a row promises a place (None for a full row)."""
    if status == AvailabilityStatus.FREE_NOW:
        return FREE_NOW_DAY
    if status == AvailabilityStatus.FREE_FROM:
        return free_from or UNDATED_DAY
    return None


def summary(rows):
    """The fiche's summary columns for its availability `rows` (objects or dicts with
    `age_group`, `status` and `free_from`), as {field: value}."""
    rows = [row if isinstance(row, dict) else vars(row) for row in rows]
    values = {HAS_ROWS_FIELD: bool(rows)}
    for age_group, column in COLUMNS.items():
        days = [
            free_day(row["status"], row["free_from"])
            for row in rows
            if age_group is None or row["age_group"] == age_group
        ]
        values[column] = min((day for day in days if day is not None), default=None)
    return values


# True while a fiche's save stores its rows: it has summed them up itself already.
_SAVING_FICHE = contextvars.ContextVar("first_free_saving_fiche", default=False)


@contextlib.contextmanager
def saving_fiche():
    """Mark the rows stored in this block as summed up by their fiche's save."""
    token = _SAVING_FICHE.set(True)
    try:
        yield
    finally:
        _SAVING_FICHE.reset(token)


def kept_by_fiche_save():
    """Whether the rows being written are summed up by their fiche's save (see above)."""
    return _SAVING_FICHE.get()


def column(age_group=None):
    """The summary column for the child's age group (any age group when None)."""
    return COLUMNS[age_group or None]


def free_by_q(day, age_group=None):
    """Fiches with a place free on or before `day` for the age group."""
    return Q(**{f"{column(age_group)}__lte": day})


def free_later_q(age_group=None):
    """Fiches with a place free now or from any later date for the age group."""
    return Q(**{f"{column(age_group)}__isnull": False})


def without_rows_q():
    """Fiches that give no availability at all."""
    return Q(**{HAS_ROWS_FIELD: False})
