"""The clocks of a breach, from the moment it was found.

- 48 hours to inform the other party of the user agreement (seed 000 art. 4 §6: "indien
  mogelijk ten laatste binnen een termijn van achtenveertig (48) uren");
- 72 hours to notify the supervisory authority (GDPR art. 33.1), unless the breach is
  unlikely to result in a risk to people (recorded with the reason in the decision).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.translation import gettext_lazy as _

OTHER_PARTY_DEADLINE = timedelta(hours=48)
AUTHORITY_DEADLINE = timedelta(hours=72)

DONE = "done"
LATE = "late"  # done, after the deadline
OPEN = "open"
OVERDUE = "overdue"
NOT_REQUIRED = "not_required"

LABELS = {
    DONE: _("done"),
    LATE: _("done late"),
    OPEN: _("due"),
    OVERDUE: _("overdue"),
    NOT_REQUIRED: _("not required"),
}


@dataclass(frozen=True)
class Clock:
    """One deadline of a breach and where it stands."""

    due_by: datetime
    state: str

    @property
    def label(self):
        return LABELS[self.state]


def _clock(found_at, deadline, done_at, now):
    due_by = found_at + deadline
    if done_at is not None:
        return Clock(due_by, DONE if done_at <= due_by else LATE)
    return Clock(due_by, OVERDUE if now > due_by else OPEN)


def other_party_clock(breach, now):
    """Informing the other party of the user agreement: 48 hours."""
    return _clock(breach.found_at, OTHER_PARTY_DEADLINE, breach.other_party_informed_at, now)


def authority_clock(breach, now):
    """Notifying the supervisory authority: 72 hours, unless not required."""
    if breach.authority_not_required:
        return Clock(breach.found_at + AUTHORITY_DEADLINE, NOT_REQUIRED)
    return _clock(breach.found_at, AUTHORITY_DEADLINE, breach.authority_notified_at, now)
