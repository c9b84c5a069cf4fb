"""Reminders to locations (seed 000 art. 2 §4-5): answer within the deadline, and review the
list at least monthly.

- `send_deadline_reminders`: a location with rows waiting for its answer (new, accepted for
  review) that are due within DUE_SOON_DAYS or overdue gets one mail per day;
- `send_review_digests`: every location with open rows gets one "review your list" mail per
  month.

The mails hold counts and a link to the admin, never personal data (like the new-request
mail). Each location's mail is queued in the transaction that writes its LocationReminder
row; the row's unique constraint makes a second or concurrent run skip the location.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from opvanglocaties.models import LocationPage

from .batching import batches
from .deadlines import DUE_SOON_DAYS
from .models import (
    OPEN_STATUSES,
    LocationReminder,
    ReminderKind,
    RequestedLocation,
    RequestStatus,
)
from .services import base_url, location_staff

# Rows waiting for the location's answer; at "no place" or "approved" it has answered.
AWAITING_ANSWER = (RequestStatus.NEW, RequestStatus.ACCEPTED_FOR_REVIEW)
BATCH_SIZE = 200


@dataclass
class Outcome:
    sent: int = 0  # locations mailed (or, in a dry run, that would be)
    mails: int = 0
    skipped: int = 0  # already reminded for this day or month
    lines: list = field(default_factory=list)


def _live_rows():
    return RequestedLocation.objects.filter(
        location__isnull=False, request__anonymised_at__isnull=True
    )


def due_rows(today):
    """Rows waiting for an answer, due within DUE_SOON_DAYS or overdue."""
    return _live_rows().filter(
        status__in=AWAITING_ANSWER,
        due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
    )


def open_rows():
    return _live_rows().filter(status__in=OPEN_STATUSES)


def _locations_with(rows):
    return LocationPage.objects.filter(Exists(rows.filter(location=OuterRef("pk"))))


def _deadline_counts(ids, today):
    counts = (
        due_rows(today)
        .filter(location_id__in=ids)
        .values("location_id")
        .annotate(
            overdue=Count("pk", filter=Q(due_date__lt=today)),
            due_soon=Count("pk", filter=Q(due_date__gte=today)),
        )
        .order_by()
    )
    return {row["location_id"]: row for row in counts}


def _digest_counts(ids, today):
    counts = (
        open_rows()
        .filter(location_id__in=ids)
        .values("location_id")
        .annotate(
            new=Count("pk", filter=Q(status=RequestStatus.NEW)),
            in_review=Count("pk", filter=Q(status=RequestStatus.ACCEPTED_FOR_REVIEW)),
            offered=Count("pk", filter=Q(status=RequestStatus.APPROVED)),
            no_place=Count("pk", filter=Q(status=RequestStatus.NO_PLACE)),
            overdue=Count("pk", filter=Q(status__in=AWAITING_ANSWER, due_date__lt=today)),
        )
        .order_by()
    )
    return {row["location_id"]: row for row in counts}


def _messages(location, recipients, template, context):
    with translation.override(settings.LANGUAGE_CODE):
        context = {"location": location, "admin_url": _admin_url(), **context}
        subject = render_to_string(f"aanvraagformulier/mail/{template}_subject.txt", context)
        body = render_to_string(f"aanvraagformulier/mail/{template}.txt", context)
    subject = " ".join(subject.split())
    # One message per person: staff of other organisers never see each other's address.
    return [EmailMessage(subject, body, None, [email]) for email in recipients]


def _admin_url():
    return base_url() + reverse("aanvraagformulier_requests:index")


def _send(kind, day, rows, counts_for, template, *, today, dry_run, batch_size):
    outcome = Outcome()
    for ids in batches(_locations_with(rows), batch_size):
        counts = counts_for(ids, today)
        locations = list(
            LocationPage.objects.filter(pk__in=ids).select_related("organiser").order_by("pk")
        )
        staff = location_staff(locations)
        for location in locations:
            count = counts.get(location.pk)
            if count is None:
                continue
            if LocationReminder.objects.filter(location=location, kind=kind, day=day).exists():
                outcome.skipped += 1
                continue
            messages = _messages(location, staff[location.pk], template, {"counts": count})
            outcome.lines.append(f"{location.title}: {len(messages)} mails ({_describe(count)})")
            if dry_run:
                outcome.sent += 1
                outcome.mails += len(messages)
                continue
            try:
                with transaction.atomic():
                    LocationReminder.objects.create(location=location, kind=kind, day=day)
                    if messages:
                        get_connection().send_messages(messages)
            except IntegrityError:  # another run reminded this location meanwhile
                outcome.skipped += 1
                outcome.lines.pop()
                continue
            outcome.sent += 1
            outcome.mails += len(messages)
    return outcome


def _describe(count):
    return ", ".join(f"{key} {value}" for key, value in count.items() if key != "location_id")


def send_deadline_reminders(today=None, *, dry_run=False, batch_size=BATCH_SIZE):
    """Today's deadline mail to each location with rows due soon or overdue."""
    today = today or timezone.localdate()
    return _send(
        ReminderKind.DEADLINES,
        today,
        due_rows(today),
        _deadline_counts,
        "deadline_reminder",
        today=today,
        dry_run=dry_run,
        batch_size=batch_size,
    )


def send_review_digests(today=None, *, dry_run=False, batch_size=BATCH_SIZE):
    """This month's "review your list" mail to each location with open rows."""
    today = today or timezone.localdate()
    return _send(
        ReminderKind.DIGEST,
        today.replace(day=1),
        open_rows(),
        _digest_counts,
        "review_digest",
        today=today,
        dry_run=dry_run,
        batch_size=batch_size,
    )
