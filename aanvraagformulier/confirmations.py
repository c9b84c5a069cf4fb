"""Asking parents whether they still need care, and expiring the requests nobody confirmed
(design.md "Request lifecycle"; the form tells parents so: rules.RequestRules.sentences).

- `prompt`: an open request whose need was last confirmed CONFIRMATION_INTERVAL_DAYS ago
  gets one mail with the parent's private link (`confirmation_prompted_at` marks it; the
  parent's "I still need care" on the private page moves `last_confirmed_at` past it, which
  starts the clock again);
- `expire`: a prompted request without an answer within its region's `confirmation_days`
  expires: its open locations move to "expired" (the visibility policy then shows the
  locations no contact data) and the parent is told.

Each batch locks its requests with SKIP LOCKED and re-checks them, and the mail is queued in
the same transaction as the marker or the status change: a second or concurrent run sends
nothing twice.
"""

import datetime
from dataclasses import dataclass

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from opvanglocaties.models import Region

from .batching import batches
from .models import OPEN_STATUSES, ChildcareRequest, RequestedLocation, RequestStatus
from .rules import CONFIRMATION_INTERVAL_DAYS
from .services import base_url, private_url

BATCH_SIZE = 200


@dataclass
class Outcome:
    prompted: int = 0
    expired: int = 0


def _open():
    return Exists(
        RequestedLocation.objects.filter(request=OuterRef("pk"), status__in=OPEN_STATUSES)
    )


def due_for_prompt(now=None):
    """Open requests not confirmed for CONFIRMATION_INTERVAL_DAYS and not asked since."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=CONFIRMATION_INTERVAL_DAYS)
    return ChildcareRequest.objects.filter(
        _open(),
        Q(confirmation_prompted_at__isnull=True)
        | Q(confirmation_prompted_at__lt=F("last_confirmed_at")),
        anonymised_at__isnull=True,
        last_confirmed_at__lte=cutoff,
    )


def _default_days():
    return Region._meta.get_field("confirmation_days").default


def due_for_expiry(now=None):
    """Open requests asked to confirm more than their region's `confirmation_days` ago and
    not confirmed since."""
    now = now or timezone.now()
    late = Q(
        region__isnull=True,
        confirmation_prompted_at__lte=now - datetime.timedelta(days=_default_days()),
    )
    for region_id, days in Region.objects.values_list("pk", "confirmation_days"):
        late |= Q(
            region_id=region_id,
            confirmation_prompted_at__lte=now - datetime.timedelta(days=days),
        )
    return ChildcareRequest.objects.filter(
        late,
        _open(),
        anonymised_at__isnull=True,
        confirmation_prompted_at__gte=F("last_confirmed_at"),
    )


def _locked(queryset, ids):
    """The requests among `ids` still due, locked (others' locks skipped), with their
    region and open locations."""
    return list(
        queryset.filter(pk__in=ids)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("region")
        .prefetch_related(
            Prefetch(
                "locations",
                # Locked too: a location's move at the same moment (transitions.apply locks
                # the row) either happens first and the row is no longer open, or waits.
                queryset=RequestedLocation.objects.filter(
                    status__in=OPEN_STATUSES
                ).select_for_update(),
                to_attr="open_rows",
            )
        )
        .order_by("pk")
    )


def _message(filed, template, context):
    with translation.override(filed.language):
        context = {"request": filed, **context}
        subject = render_to_string(f"aanvraagformulier/mail/{template}_subject.txt", context)
        body = render_to_string(f"aanvraagformulier/mail/{template}.txt", context)
    return EmailMessage(" ".join(subject.split()), body, None, [filed.email])


def prompt_message(filed):
    """The parent's question, with their private link and the days they have to answer."""
    days = filed.region.confirmation_days if filed.region else _default_days()
    return _message(
        filed,
        "confirm_need",
        {"link": base_url() + private_url(filed), "days": days},
    )


def expired_message(filed):
    """The parent is told their request stopped, and how to start again."""
    return _message(filed, "expired", {"start_link": base_url() + reverse("request_start")})


def prompt(now=None, *, dry_run=False, batch_size=BATCH_SIZE, report=None):
    """Ask the parents of requests due for a confirmation; returns an Outcome."""
    now = now or timezone.now()
    outcome = Outcome()
    for ids in batches(due_for_prompt(now), batch_size):
        with transaction.atomic():
            found = _locked(due_for_prompt(now), ids)
            if not dry_run:
                ChildcareRequest.objects.filter(pk__in=[f.pk for f in found]).update(
                    confirmation_prompted_at=now
                )
                get_connection().send_messages([prompt_message(filed) for filed in found])
        if report:
            for filed in found:
                report(f"{'would ask' if dry_run else 'asked'} {filed.reference} to confirm")
        outcome.prompted += len(found)
    return outcome


def expire(now=None, *, dry_run=False, batch_size=BATCH_SIZE, report=None):
    """Expire the requests nobody confirmed in time and tell their parents."""
    now = now or timezone.now()
    outcome = Outcome()
    for ids in batches(due_for_expiry(now), batch_size):
        with transaction.atomic():
            found = _locked(due_for_expiry(now), ids)
            if not dry_run:
                for filed in found:
                    for row in filed.open_rows:
                        row.status = RequestStatus.EXPIRED
                        row.status_changed_at = now
                        row.save(update_fields=["status", "status_changed_at"])
                get_connection().send_messages([expired_message(filed) for filed in found])
        if report:
            for filed in found:
                verb = "would expire" if dry_run else "expired"
                report(f"{verb} {filed.reference} ({len(filed.open_rows)} locations)")
        outcome.expired += len(found)
    return outcome


def run(now=None, *, dry_run=False, batch_size=BATCH_SIZE, report=None):
    """Expire first (a request prompted today must not expire today), then prompt."""
    now = now or timezone.now()
    expired = expire(now, dry_run=dry_run, batch_size=batch_size, report=report)
    prompted = prompt(now, dry_run=dry_run, batch_size=batch_size, report=report)
    return Outcome(prompted=prompted.prompted, expired=expired.expired)
