"""Requests made straight in the database for the back-office tests (the form's own tests
walk the real form; here only the rows matter)."""

import datetime
import uuid

from django.utils import timezone

from aanvraagformulier.models import ChildcareRequest, RequestedLocation, RequestStatus
from core.roles import LOCATION_GROUP

from ..conftest import role
from ..factories import UserFactory


def make_request(region, locations, statuses=None, **fields):
    """A request of Sofie Peeters for `locations`, rows at `statuses` (default: new)."""
    now = timezone.now()
    data = {
        "idempotency_token": uuid.uuid4().hex,
        "region": region,
        "parent_first_name": "Sofie",
        "parent_last_name": "Peeters",
        "parent_birth_date": datetime.date(1990, 5, 17),
        "email": "sofie.peeters@voorbeeld.be",
        "phone": "0470 12 34 56",
        "street": "Kortrijksesteenweg",
        "house_number": "10",
        "postcode": "9000",
        "national_number": "90051712345",
        "income_indicator": "middle",
        "child_birth_date": datetime.date(2026, 3, 14),
        "start_date": datetime.date(2027, 1, 4),
        "care_parts": {"0": "full", "2": "half"},
        "priority_rule_codes": ["werk-of-opleiding"],
        "last_confirmed_at": now,
    }
    data.update(fields)
    filed = ChildcareRequest.objects.create(**data)
    statuses = statuses or [RequestStatus.NEW] * len(locations)
    for preference, (location, status) in enumerate(zip(locations, statuses, strict=True), 1):
        RequestedLocation.objects.create(
            request=filed,
            location=location,
            location_title=location.title,
            preference=preference,
            status=status,
            status_changed_at=now,
            due_date=timezone.localdate() + datetime.timedelta(days=14),
        )
    return filed


def staff_of(organiser):
    """A location-group account of `organiser`."""
    return UserFactory(groups=[role(LOCATION_GROUP), organiser.group])
