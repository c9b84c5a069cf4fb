"""The emergency list's rules: who is on it, who is due for the quarterly contact, which
locations may be proposed, and the writes (flag, contact, propose) the views call.

Seed 000 art. 3 §1 e: the loket keeps the list and contacts each family every quarter.
"""

import datetime

from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from opvanglocaties import first_free
from opvanglocaties.models import LocationPage
from opvanglocaties.permissions import loket_regions

from .. import services
from ..models import (
    OPEN_STATUSES,
    ChildcareRequest,
    Consent,
    ConsentKind,
    EmergencyContact,
    EmergencyEntry,
    LoketProposal,
    RequestedLocation,
)

# "Every quarter": a family is due when the loket has not reached out in 3 months.
CONTACT_INTERVAL_MONTHS = 3
# The text the parent agreed to on the phone (recorded with the consent, like the form's).
PROPOSAL_CONSENT_VERSION = "loket-2026-1"


def months_before(day, months):
    """`day` minus `months` calendar months (the 31st becomes the month's last day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def contact_due_before(today=None):
    """The date before which a last contact no longer counts for this quarter."""
    return months_before(today or timezone.localdate(), CONTACT_INTERVAL_MONTHS)


def entries_for(user):
    """The entries of requests filed in the regions `user` is the loket of (others: none),
    with the date of their last contact as `last_contact`."""
    return EmergencyEntry.objects.filter(
        request__region__in=loket_regions(user).values("pk"),
        request__anonymised_at__isnull=True,
    ).annotate(last_contact=Max("contacts__contacted_on"))


def due_for_contact(entries, today=None):
    """The active entries of `entries` (from `entries_for`) without a contact since
    `contact_due_before(today)`: never contacted, or last contacted before it."""
    since = contact_due_before(today)
    return entries.filter(removed_at__isnull=True).filter(
        Q(last_contact__isnull=True) | Q(last_contact__lt=since)
    )


def is_due(entry, today=None):
    """Whether `entry` (annotated by `entries_for`) is due for its quarterly contact."""
    if not entry.is_active:
        return False
    return entry.last_contact is None or entry.last_contact < contact_due_before(today)


def requests_to_flag(user):
    """Requests the loket may put on the list: its regions' open requests not yet on it."""
    return ChildcareRequest.objects.filter(
        region__in=loket_regions(user).values("pk"),
        anonymised_at__isnull=True,
        locations__status__in=OPEN_STATUSES,
    ).distinct()


@transaction.atomic
def flag(filed, reason, user):
    """Put `filed` on the emergency list (again, if it was taken off) with `reason`."""
    entry, created = EmergencyEntry.objects.select_for_update().get_or_create(
        request=filed, defaults={"reason": reason, "flagged_by": user}
    )
    if not created:
        entry.reason, entry.flagged_by, entry.removed_at = reason, user, None
        entry.save(update_fields=["reason", "flagged_by", "removed_at"])
    ChildcareRequest.objects.filter(pk=filed.pk).update(emergency_list=True)
    return entry


@transaction.atomic
def take_off(entry):
    """Take `entry` off the list (its contacts stay, for the record)."""
    entry.removed_at = timezone.now()
    entry.save(update_fields=["removed_at"])
    ChildcareRequest.objects.filter(pk=entry.request_id).update(emergency_list=False)


def record_contact(entry, *, contacted_on, outcome, note, user):
    """One contact with the family."""
    return EmergencyContact.objects.create(
        entry=entry, contacted_on=contacted_on, outcome=outcome, note=note, recorded_by=user
    )


def proposable_locations(entry):
    """Live fiches of the request's region that take requests, have places free now or from
    a date, and are not on the request yet (the loket proposes them to the family)."""
    region = entry.request.region
    if region is None or region.site is None:
        return LocationPage.objects.none()
    asked = RequestedLocation.objects.filter(request_id=entry.request_id, location=OuterRef("pk"))
    return (
        LocationPage.objects.live()
        .descendant_of(region.site.root_page)
        .filter(first_free.free_later_q(), accepts_requests=True)
        .exclude(Exists(asked))
        .order_by("title")
    )


@transaction.atomic
def propose(entry, location, *, consent_on, user):
    """Add `location` to the family's request as a new row the location handles like any
    other, with the consent the parent gave the loket on `consent_on` (seed 000 art. 4 §1 c:
    no sharing without it) and a `LoketProposal` naming who proposed it.

    A second click (also one at the same moment) returns the row the first one made."""
    # The request's row is locked first, so a concurrent proposal waits here and then finds
    # the row instead of tripping over the one-row-per-location constraint.
    filed = ChildcareRequest.objects.select_for_update().get(pk=entry.request_id)
    existing = filed.locations.filter(location=location).first()
    if existing is not None:
        return existing
    now = timezone.now()
    given_at = timezone.make_aware(datetime.datetime.combine(consent_on, datetime.time(12)))
    consent = Consent.objects.create(
        request=filed,
        kind=ConsentKind.LOKET_PROPOSAL,
        location=location,
        text_version=PROPOSAL_CONSENT_VERSION,
        given_at=min(given_at, now),
    )
    last = filed.locations.aggregate(last=Max("preference"))["last"] or 0
    (row,) = services.add_rows(filed, [location], now=now, first_preference=last + 1)
    LoketProposal.objects.create(row=row, consent=consent, proposed_by=user)
    services.notify_locations([row])
    return row
