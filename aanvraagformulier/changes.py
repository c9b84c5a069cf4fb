"""What a parent changes through the private link: care plan, contact details, locations,
the confirmation that they still need care, withdrawals, and the answer to an offer. Each
change is saved through the model (django-simple-history records it) and the locations
concerned are told.
"""

from django.db import transaction
from django.utils import timezone

from . import policies, services, steps
from .decision_mail import tell_locations
from .figures.keeping import lock_requests
from .models import OPEN_STATUSES, Consent, ConsentKind, RequestedLocation, RequestStatus
from .rules import rules_for


def open_rows(filed):
    return [row for row in filed.locations.all() if row.status in OPEN_STATUSES]


def update_care_plan(filed, cleaned):
    filed.child_birth_date = cleaned["child_birth_date"]
    filed.child_is_expected = cleaned["child_status"] == "expected"
    filed.start_date = cleaned["start_date"]
    filed.end_date = cleaned.get("end_date")
    filed.care_parts = cleaned["care_parts"]
    filed.duplicate_key = services.duplicate_key(filed.email, filed.child_birth_date)
    filed.save()


def update_contact(filed, cleaned):
    for name in ("email", "phone", "partner_name"):
        setattr(filed, name, cleaned[name])
    filed.duplicate_key = services.duplicate_key(filed.email, filed.child_birth_date)
    filed.save()


def new_sharing_needs(filed, postcode):
    """The sharing needs a move to `postcode` adds: for each open location, the consent kinds
    (outside the municipality, outside the region) it would need that the request does not
    hold yet. Returns SharingNeed objects with only those kinds set; empty when nothing new
    is needed (the same municipality, or consent given before)."""
    rows = filed.locations.select_related("location__municipality")
    locations = [row.location for row in rows if row.status in OPEN_STATUSES]
    needs = policies.sharing_needs(locations, steps.parent_municipality_ids(postcode), filed.region)
    given = set(
        Consent.objects.filter(
            request=filed,
            kind__in=[ConsentKind.SHARE_OUTSIDE_MUNICIPALITY, ConsentKind.SHARE_OTHER_REGION],
        ).values_list("kind", "location_id")
    )
    missing = []
    for need in needs:
        pk = need.location.pk
        need.other_municipality = (
            need.other_municipality and (ConsentKind.SHARE_OUTSIDE_MUNICIPALITY, pk) not in given
        )
        need.outside_region = (
            need.outside_region and (ConsentKind.SHARE_OTHER_REGION, pk) not in given
        )
        if need.other_municipality or need.outside_region:
            missing.append(need)
    return missing


@transaction.atomic
def update_address(filed, cleaned, needs=()):
    """The parent moved: the address and its municipality (from the postcode, as when the
    request was filed), and the consents the new address needs (`new_sharing_needs`, which
    the parent gave on the form)."""
    filed.street = cleaned["street"]
    filed.house_number = cleaned["house_number"]
    filed.postcode = cleaned["postcode"]
    ids = steps.parent_municipality_ids(filed.postcode)
    filed.municipality_id = min(ids) if ids else None
    filed.save()
    _record_consents(filed, needs)


def _record_consents(filed, needs):
    now = timezone.now()
    consents = []
    for need in needs:
        kinds = []
        if need.other_municipality:
            kinds.append(ConsentKind.SHARE_OUTSIDE_MUNICIPALITY)
        if need.outside_region:
            kinds.append(ConsentKind.SHARE_OTHER_REGION)
        consents += [
            Consent(
                request=filed,
                kind=kind,
                location=need.location,
                text_version=policies.CONSENT_TEXT_VERSION,
                given_at=now,
            )
            for kind in kinds
        ]
    Consent.objects.bulk_create(consents)


def confirm_need(filed):
    """The parent still needs care: the confirmation clock starts again."""
    filed.last_confirmed_at = timezone.now()
    filed.save(update_fields=["last_confirmed_at", "updated_at"])


def withdraw(rows):
    """Withdraw these rows (the open ones among them)."""
    now = timezone.now()
    for row in rows:
        if row.status in OPEN_STATUSES:
            row.status = RequestStatus.WITHDRAWN
            row.status_changed_at = now
            row.save()


def sharing_needs_for(filed, location):
    """The consent a new location needs, given the parent's postcode and the request's region."""
    ids = steps.parent_municipality_ids(filed.postcode)
    needs = policies.sharing_needs([location], ids, filed.region)
    return needs[0] if needs else None


def room_for_more(filed):
    return len(open_rows(filed)) < rules_for(filed.region).max_locations


@transaction.atomic
def add_location(filed, location, need=None):
    """Ask one more location (it starts as "new"); records the consent it needed."""
    last = max((row.preference for row in filed.locations.all()), default=0)
    rows = services.add_rows(filed, [location], first_preference=last + 1)
    if need is not None:
        _record_consents(filed, [need])
    services.notify_locations(rows)
    return rows[0]


@transaction.atomic
def move(filed, row, offset):
    """Move an open row up (-1) or down (+1) among the open rows; preferences renumbered."""
    rows = open_rows(filed)
    ids = services.move([r.pk for r in rows], row.pk, offset)
    by_id = {r.pk: r for r in rows}
    preferences = sorted(r.preference for r in rows)
    for preference, pk in zip(preferences, ids, strict=True):
        changed = by_id[pk]
        if changed.preference != preference:
            changed.preference = preference
            changed.save()


class OfferClosed(Exception):
    """The offer can no longer be answered (declined, withdrawn, closed by the location)."""


def _locked_rows(filed):
    """The request's rows, locked for this transaction: a double click waits, then sees the
    first click's outcome. The request first (figures.keeping.lock_requests)."""
    lock_requests([filed.pk])
    return {
        row.pk: row
        for row in RequestedLocation.objects.select_for_update(of=("self",))
        .filter(request=filed)
        .select_related("location")
        .order_by("preference")
    }


@transaction.atomic
def accept_offer(filed, row_pk):
    """The parent accepts the place a location offered (its row at "approved").

    In one transaction: the row records the acceptance (`parent_accepted_at`, status stays
    "approved" until the location enrols the child) and every other open row of the request
    closes as "place found elsewhere", so those locations no longer see contact data. The
    locations are told. Returns False when it was already accepted (a second click: no
    second effect); raises OfferClosed when there is no open offer to accept.
    """
    rows = _locked_rows(filed)
    row = rows.get(row_pk)
    if row is None or row.status != RequestStatus.APPROVED:
        raise OfferClosed
    if row.parent_accepted_at is not None:
        return False
    now = timezone.now()
    row.parent_accepted_at = now
    row.save(update_fields=["parent_accepted_at"])
    closed = []
    for other in rows.values():
        if other.pk != row.pk and other.status in OPEN_STATUSES:
            other.status = RequestStatus.PLACE_ELSEWHERE
            other.status_changed_at = now
            other.save(update_fields=["status", "status_changed_at"])
            closed.append(other)
    tell_locations([row], "accepted")
    tell_locations(closed, "place_elsewhere")
    return True


@transaction.atomic
def decline_offer(filed, row_pk):
    """The parent declines a location's offer: that row closes as "offer declined" (the
    location stops seeing contact data), the others go on; the location is told. Returns
    False when it was already declined; raises OfferClosed when there is nothing to decline
    (an accepted offer is withdrawn with the withdraw button instead)."""
    rows = _locked_rows(filed)
    row = rows.get(row_pk)
    if row is not None and row.status == RequestStatus.OFFER_DECLINED:
        return False
    if row is None or row.status != RequestStatus.APPROVED or row.parent_accepted_at:
        raise OfferClosed
    row.status = RequestStatus.OFFER_DECLINED
    row.status_changed_at = timezone.now()
    row.save(update_fields=["status", "status_changed_at"])
    tell_locations([row], "declined")
    return True
