"""Retention: closed requests show less after the region's period, and are anonymised after
five years (design.md "Data minimisation"; seed 002 method 1; decree of 20 April 2012 art. 24).

Two passes, each streaming the candidates in batches of ids (constant memory whatever the
number of requests) and each batch in its own transaction:

- `reduce_closed`: a closed request (no open location) whose child is older than the
  region's `reduce_closed_requests_at_child_months` gets `retention_reduced_at`; the
  visibility policy then shows nobody the parent's name or contact data;
- `anonymise_expired`: a request closed for RETENTION_YEARS is anonymised as gdpr.erase does:
  the request and every historical version of it in one UPDATE per batch, the parent's mail
  still in the queue, and forms in progress of the same address.

Safe to run twice or concurrently: every batch locks its rows with SKIP LOCKED and re-checks
the marker, so a request is handled by one run once.
"""

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import TruncMonth, TruncYear
from django.utils import timezone

from core.mail import deserialise
from core.models import QueuedEmail
from opvanglocaties.models import Region

from .batching import BATCH_SIZE, batches
from .gdpr import ERASED_FIELDS, erase_free_texts
from .models import OPEN_STATUSES, ChildcareRequest, RequestDraft, RequestedLocation
from .rules import RETENTION_YEARS, add_months


@dataclass
class Outcome:
    """What a pass did (or, in a dry run, would do)."""

    reduced: int = 0
    anonymised: int = 0
    mails_dropped: int = 0
    drafts_deleted: int = 0


def _still_open():
    return Exists(
        RequestedLocation.objects.filter(request=OuterRef("pk"), status__in=OPEN_STATUSES)
    )


def _default_child_months():
    return Region._meta.get_field("reduce_closed_requests_at_child_months").default


def reducible(now=None):
    """Closed requests past their region's period that still show everything (a queryset)."""
    today = timezone.localdate(now)
    due = Q()
    regions = list(Region.objects.values_list("pk", "reduce_closed_requests_at_child_months"))
    for region_id, months in regions:
        due |= Q(region_id=region_id, child_birth_date__lte=add_months(today, -months))
    due |= Q(region__isnull=True, child_birth_date__lte=add_months(today, -_default_child_months()))
    return ChildcareRequest.objects.filter(
        due, retention_reduced_at__isnull=True, anonymised_at__isnull=True
    ).filter(~_still_open())


def retention_cutoff(now=None):
    """Requests whose last status change is before this moment are past the legal period."""
    now = now or timezone.now()
    try:
        return now.replace(year=now.year - RETENTION_YEARS)
    except ValueError:  # 29 February, and the year five years back has none
        return now.replace(year=now.year - RETENTION_YEARS, day=28)


def anonymisable(now=None):
    """Requests closed for RETENTION_YEARS and not anonymised yet (a queryset): no location
    open, none changed since the cut-off, filed before it."""
    cutoff = retention_cutoff(now)
    recent = RequestedLocation.objects.filter(request=OuterRef("pk")).filter(
        Q(status__in=OPEN_STATUSES) | Q(status_changed_at__gt=cutoff)
    )
    return ChildcareRequest.objects.filter(
        anonymised_at__isnull=True, created_at__lte=cutoff
    ).filter(~Exists(recent))


def _lock(queryset, ids):
    """The ids among `ids` still matching `queryset`, locked for this transaction; rows
    another run holds are skipped (it handles them)."""
    return list(
        queryset.filter(pk__in=ids)
        .select_for_update(skip_locked=True, of=("self",))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def reduce_closed(now=None, *, dry_run=False, batch_size=BATCH_SIZE):
    """Mark closed requests past their region's period (`retention_reduced_at`)."""
    now = now or timezone.now()
    outcome = Outcome()
    candidates = reducible(now)
    if dry_run:
        outcome.reduced = candidates.count()
        return outcome
    for ids in batches(candidates, batch_size):
        with transaction.atomic():
            locked = _lock(reducible(now), ids)
            ChildcareRequest.objects.filter(pk__in=locked).update(retention_reduced_at=now)
            # The history holds what the request showed; it shows less there too.
            ChildcareRequest.history.filter(id__in=locked).update(retention_reduced_at=now)
        outcome.reduced += len(locked)
    return outcome


def requests(ids):
    return ChildcareRequest.objects.filter(pk__in=ids)


def anonymised_expressions():
    """The anonymised values as UPDATE expressions, for the request and its history alike:
    names, contact, address (the postcode stays), national number and free texts erased;
    the parent's date of birth keeps its year, the child's its month (gdpr.anonymised_values
    for one request in Python)."""
    return {
        **ERASED_FIELDS,
        "parent_birth_date": TruncYear("parent_birth_date"),
        "child_birth_date": TruncMonth("child_birth_date"),
    }


def anonymise_expired(now=None, *, dry_run=False, batch_size=BATCH_SIZE):
    """Anonymise the requests closed for RETENTION_YEARS, batch by batch."""
    now = now or timezone.now()
    outcome = Outcome()
    candidates = anonymisable(now)
    if dry_run:
        outcome.anonymised = candidates.count()
        return outcome
    for ids in batches(candidates, batch_size):
        with transaction.atomic():
            locked = _lock(anonymisable(now), ids)
            if not locked:
                continue
            # The current address and any earlier one the parent changed (in the history).
            emails = {
                email.casefold()
                for source in (ChildcareRequest.history.filter(id__in=locked), requests(locked))
                for email in source.order_by().values_list("email", flat=True).distinct()
                if email
            }
            values = anonymised_expressions()
            ChildcareRequest.objects.filter(pk__in=locked).update(
                **values, anonymised_at=now, retention_reduced_at=now
            )
            ChildcareRequest.history.filter(id__in=locked).update(
                **values, anonymised_at=now, retention_reduced_at=now
            )
            erase_free_texts(locked)
            # Every private link stops working (request_for_token also refuses anonymised
            # requests): a fresh key per request, one UPDATE for the batch.
            ChildcareRequest.objects.bulk_update(
                [ChildcareRequest(pk=pk, access_key=uuid.uuid4()) for pk in locked],
                ["access_key"],
            )
            outcome.mails_dropped += drop_queued_mail(emails)
            outcome.drafts_deleted += drop_drafts(emails)
        outcome.anonymised += len(locked)
    return outcome


def drop_queued_mail(emails):
    """Delete queued mail to any address in `emails` (casefolded); returns how many. The queue
    holds minutes of mail, read in batches."""
    if not emails:
        return 0
    doomed = []
    for queued in QueuedEmail.objects.only("pk", "message").iterator(chunk_size=BATCH_SIZE):
        message = deserialise(queued.message)
        recipients = {address.casefold() for address in [*message.to, *message.cc, *message.bcc]}
        if recipients & emails:
            doomed.append(queued.pk)
    QueuedEmail.objects.filter(pk__in=doomed).delete()
    return len(doomed)


def drop_drafts(emails):
    """Delete forms in progress that carry an address in `emails` (their data is encrypted,
    so it is read here; purge_request_drafts keeps the table to a few weeks of forms)."""
    if not emails:
        return 0
    doomed = []
    for draft in RequestDraft.objects.only("pk", "data").iterator(chunk_size=BATCH_SIZE):
        typed = draft.step_data("parent").get("email") or [""]
        if str(typed[0]).strip().casefold() in emails:
            doomed.append(draft.pk)
    RequestDraft.objects.filter(pk__in=doomed).delete()
    return len(doomed)


def apply(now=None, *, dry_run=False, batch_size=BATCH_SIZE):
    """Both passes, the anonymisation first (it also marks what it anonymises as reduced)."""
    now = now or timezone.now()
    anonymised = anonymise_expired(now, dry_run=dry_run, batch_size=batch_size)
    reduced = reduce_closed(now, dry_run=dry_run, batch_size=batch_size)
    anonymised.reduced = reduced.reduced
    return anonymised
