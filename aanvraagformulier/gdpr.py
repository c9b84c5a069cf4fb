"""A parent's rights over their request (GDPR art. 15-17): see and export it, have it erased.

Erasure anonymises now what the retention rule would anonymise after five years (design.md,
decree of 20 April 2012 art. 24): names, email, phone, street, national number and the
other parent's name go; the parent's date of birth keeps its year, the child's its month
and year, the address its postcode. The change history is rewritten the same way, and every
private link stops working. What is left counts for statistics and cannot point to anyone.
"""

import datetime
import uuid

from django.db import transaction
from django.utils import timezone

from core.mail import deserialise
from core.models import QueuedEmail

from .models import (
    OPEN_STATUSES,
    ChildcareRequest,
    EmergencyContact,
    EmergencyEntry,
    RequestedLocation,
    RequestStatus,
)

ERASED_FIELDS = {
    "parent_first_name": "",
    "parent_last_name": "",
    "partner_name": "",
    "email": "",
    "phone": "",
    "street": "",
    "house_number": "",
    "national_number": "",
    "national_number_hash": "",
    "duplicate_key": "",
    "income_indicator": "",
}


def export(filed):
    """Everything we hold about the request, as a JSON-ready dict (art. 15 and 20)."""
    rows = list(filed.locations.order_by("preference"))
    history = RequestedLocation.history.filter(request_id=filed.pk).order_by("history_date")
    return {
        "reference": filed.reference,
        "filed_on": filed.created_at.isoformat(),
        "language": filed.language,
        "filed_by_referrer": filed.filed_by_id is not None,
        "parent": {
            "first_name": filed.parent_first_name,
            "last_name": filed.parent_last_name,
            "date_of_birth": _iso(filed.parent_birth_date),
            "other_parent": filed.partner_name,
            "email": filed.email,
            "phone": filed.phone,
            "street": filed.street,
            "house_number": filed.house_number,
            "postcode": filed.postcode,
            "national_register_number": filed.national_number,
            "income_indicator": filed.income_indicator,
        },
        "child": {
            "date_of_birth": _iso(filed.child_birth_date),
            "expected": filed.child_is_expected,
        },
        "care_plan": {
            "start_date": _iso(filed.start_date),
            "end_date": _iso(filed.end_date),
            "care_parts": filed.care_parts,
        },
        "priority_rules_declared": filed.priority_rule_codes,
        "declared_on_honour_at": _iso(filed.declared_on_honour_at),
        "last_confirmed_at": _iso(filed.last_confirmed_at),
        "on_emergency_list": filed.emergency_list,
        "locations": [
            {
                "preference": row.preference,
                "location": row.location_title,
                "status": row.status,
                "due_date": _iso(row.due_date),
                "message": row.message,
                "offer_accepted_at": _iso(row.parent_accepted_at),
                "history": [
                    {
                        "status": entry.status,
                        "date": entry.history_date.isoformat(),
                        "message": entry.message,
                    }
                    for entry in history
                    if entry.id == row.pk
                ],
            }
            for row in rows
        ],
        "consents": [
            {
                "kind": consent.kind,
                "location": consent.location.title if consent.location else None,
                "text_version": consent.text_version,
                "given_at": consent.given_at.isoformat(),
            }
            for consent in filed.consents.select_related("location")
        ],
    }


def _iso(value):
    return value.isoformat() if value is not None else None


def anonymised_values(filed):
    """The fields of `filed` as the anonymised request keeps them."""
    values = dict(ERASED_FIELDS)
    if filed.parent_birth_date:
        values["parent_birth_date"] = datetime.date(filed.parent_birth_date.year, 1, 1)
    values["child_birth_date"] = filed.child_birth_date.replace(day=1)
    return values


@transaction.atomic
def erase(filed):
    """Anonymise the request, its history and its queued mails; close every open location."""
    now = timezone.now()
    email = filed.email.casefold()
    for row in filed.locations.filter(status__in=OPEN_STATUSES):
        row.status = RequestStatus.WITHDRAWN
        row.status_changed_at = now
        row.save()
    values = anonymised_values(filed)
    for name, value in values.items():
        setattr(filed, name, value)
    filed.anonymised_at = now
    filed.access_key = uuid.uuid4()  # every private link stops working
    filed.save()
    # The change history held the same data: rewrite every historical row alike.
    ChildcareRequest.history.filter(id=filed.pk).update(**values)
    erase_free_texts([filed.pk])
    _drop_queued_mail(email)


def erase_free_texts(request_ids):
    """Empty what staff wrote about these requests in their own words, which may name the
    family: the locations' messages and notes (rows and their history), the emergency list's
    reason and contact notes. Erasure and the five-year anonymisation both call it."""
    texts = {"message": "", "stale_note": ""}
    RequestedLocation.objects.filter(request_id__in=request_ids).update(**texts)
    RequestedLocation.history.filter(request_id__in=request_ids).update(**texts)
    EmergencyEntry.objects.filter(request_id__in=request_ids).update(reason="")
    EmergencyContact.objects.filter(entry__request_id__in=request_ids).update(note="")


def _drop_queued_mail(email):
    """Mail still waiting for the mail server holds the address and a link: drop it."""
    for queued in QueuedEmail.objects.all():
        recipients = [address.casefold() for address in deserialise(queued.message).to]
        if email in recipients:
            queued.delete()
