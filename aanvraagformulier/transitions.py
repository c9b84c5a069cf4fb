"""The one table of status moves on a row (issue 12 item 4), and the moves around it.

Every status change from the back-office goes through this module; a move the table does not
hold is refused with a message, never half-applied, and every decision tells the parent
(decision_mail). Besides the location's decisions (`apply`):

- "no longer current" (seed 000 art. 2 §6): a location proposes it with a reason
  (`propose_stale`), the loket of the request's region confirms it (`confirm_stale`: every
  open row of the request closes as "no longer current", the parent is told) or rejects it
  (`reject_stale`: the proposal is cleared, the row goes on as before).

The parent's own moves (withdraw, answer an offer) are in changes.py, the expiry job in gdpr.py.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .decision_mail import tell_parent
from .figures.keeping import lock_requests
from .models import OPEN_STATUSES, RequestedLocation, RequestStatus, StaleReason

S = RequestStatus


@dataclass(frozen=True)
class Transition:
    """An action: the statuses it may start from, the status it leads to, its button."""

    sources: tuple
    target: str
    label: str


# In the order the detail view offers them: the first that applies is the primary button,
# so each status's step forward comes before "no place".
TRANSITIONS = {
    "accept_for_review": Transition(
        (S.NEW, S.NO_PLACE), S.ACCEPTED_FOR_REVIEW, _("Accept for review")
    ),
    "approve": Transition((S.ACCEPTED_FOR_REVIEW,), S.APPROVED, _("Offer a place")),
    "no_place": Transition((S.NEW, S.ACCEPTED_FOR_REVIEW), S.NO_PLACE, _("No place")),
    "not_approve": Transition((S.ACCEPTED_FOR_REVIEW,), S.NOT_APPROVED, _("Not approved")),
    "enrol": Transition((S.APPROVED,), S.ENROLLED, _("Enrolled")),
}


class TransitionRefused(Exception):
    """The move is not in the table for the row's current status (message for the user)."""


def allowed_actions(row):
    """[(action, Transition)] that may start from the row's status, in table order."""
    return [(name, t) for name, t in TRANSITIONS.items() if row.status in t.sources]


def _locked(row):
    """The row again, locked for this transaction (two staff clicking at once: one wins);
    its request first (the lock order of figures.keeping.lock_requests)."""
    lock_requests([row.request_id])
    return (
        RequestedLocation.objects.select_for_update(of=("self",))
        .select_related("request")
        .get(pk=row.pk)
    )


def _save(locked, row, fields, by):
    if by is not None:
        # django-simple-history records this user on the version (as its middleware would).
        locked._history_user = by
    locked.save(update_fields=fields)
    for name in fields:
        setattr(row, name, getattr(locked, name))


def apply(row, action, now=None, *, by=None, message=""):
    """Move `row` by `action`, save it and tell the parent by mail (with `message`, the
    location's text, also kept on the row and so in its history: the timeline).

    Locks the row first, so two staff clicking at once cannot both move it; the status is
    checked on the locked row. Raises TransitionRefused for an unknown or invalid action.
    `by`: the user deciding (recorded in the history). Call inside a transaction
    (ATOMIC_REQUESTS in views): the mail is queued in it and leaves after the commit.
    """
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise TransitionRefused(_("This action does not exist."))
    locked = _locked(row)
    if locked.status not in transition.sources:
        raise TransitionRefused(
            _("This request is %(status)s: that action is not possible now.")
            % {"status": locked.get_status_display()}
        )
    locked.status = transition.target
    locked.status_changed_at = now or timezone.now()
    locked.message = message.strip()
    _save(locked, row, ["status", "status_changed_at", "message"], by)
    tell_parent(locked, action, locked.message)
    return row


def propose_stale(row, reason, note="", now=None, *, by=None):
    """A location proposes that the request of `row` is no longer current, with a reason
    (StaleReason) and, for "other", an explanation. The loket decides."""
    if reason not in StaleReason.values:
        raise TransitionRefused(_("Choose why the request is no longer current."))
    note = note.strip()
    if reason == StaleReason.OTHER and not note:
        raise TransitionRefused(_("Explain the other reason."))
    locked = _locked(row)
    if locked.status not in OPEN_STATUSES:
        raise TransitionRefused(
            _("This request is %(status)s: that action is not possible now.")
            % {"status": locked.get_status_display()}
        )
    if locked.stale_proposed_at is not None:
        raise TransitionRefused(_("This request is already proposed as no longer current."))
    locked.stale_reason, locked.stale_note = reason, note
    locked.stale_proposed_at = now or timezone.now()
    _save(locked, row, ["stale_reason", "stale_note", "stale_proposed_at"], by)
    return row


def _pending(row):
    locked = _locked(row)
    if locked.stale_proposed_at is None or locked.status not in OPEN_STATUSES:
        raise TransitionRefused(_("No proposal waits for a decision on this request."))
    return locked


def confirm_stale(row, now=None, *, by=None):
    """The loket confirms: every open row of the request closes as "no longer current" and
    the parent is told (one mail). Returns the rows closed."""
    locked = _pending(row)
    now = now or timezone.now()
    rows = list(
        RequestedLocation.objects.select_for_update()
        .filter(request_id=locked.request_id, status__in=OPEN_STATUSES)
        .order_by("preference")
    )
    for each in rows:
        each.status = S.NO_LONGER_CURRENT
        each.status_changed_at = now
        _save(each, row if each.pk == row.pk else each, ["status", "status_changed_at"], by)
    tell_parent(locked, "no_longer_current")
    return rows


def reject_stale(row, *, by=None):
    """The loket rejects the proposal: it is cleared and the row goes on where it was."""
    locked = _pending(row)
    locked.stale_reason, locked.stale_note, locked.stale_proposed_at = "", "", None
    _save(locked, row, ["stale_reason", "stale_note", "stale_proposed_at"], by)
    return row
