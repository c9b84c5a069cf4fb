"""The one table of status moves a location may make on its row (issue 12 item 4).

Every status change from the back-office goes through `apply()`; a move the table does not
hold is refused with a message, never half-applied. The parent's own moves (withdraw, accept
an offer) and the expiry job are elsewhere (changes.py, gdpr.py).
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import RequestedLocation, RequestStatus

S = RequestStatus


@dataclass(frozen=True)
class Transition:
    """An action: the statuses it may start from, the status it leads to, its button."""

    sources: tuple
    target: str
    label: str


TRANSITIONS = {
    "accept_for_review": Transition(
        (S.NEW, S.NO_PLACE), S.ACCEPTED_FOR_REVIEW, _("Accept for review")
    ),
    "no_place": Transition((S.NEW, S.ACCEPTED_FOR_REVIEW), S.NO_PLACE, _("No place")),
    "approve": Transition((S.ACCEPTED_FOR_REVIEW,), S.APPROVED, _("Offer a place")),
    "not_approve": Transition((S.ACCEPTED_FOR_REVIEW,), S.NOT_APPROVED, _("Not approved")),
    "enrol": Transition((S.APPROVED,), S.ENROLLED, _("Enrolled")),
}


class TransitionRefused(Exception):
    """The move is not in the table for the row's current status (message for the user)."""


def allowed_actions(row):
    """[(action, Transition)] that may start from the row's status, in table order."""
    return [(name, t) for name, t in TRANSITIONS.items() if row.status in t.sources]


def apply(row, action, now=None):
    """Move `row` by `action` and save it (django-simple-history records the change).

    Locks the row first, so two staff clicking at once cannot both move it; the status is
    checked on the locked row. Raises TransitionRefused for an unknown or invalid action.
    Call inside a transaction (ATOMIC_REQUESTS in views).
    """
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise TransitionRefused(_("This action does not exist."))
    locked = RequestedLocation.objects.select_for_update().get(pk=row.pk)
    if locked.status not in transition.sources:
        raise TransitionRefused(
            _("This request is %(status)s: that action is not possible now.")
            % {"status": locked.get_status_display()}
        )
    locked.status = transition.target
    locked.status_changed_at = now or timezone.now()
    locked.save(update_fields=["status", "status_changed_at"])
    row.status, row.status_changed_at = locked.status, locked.status_changed_at
    return row
