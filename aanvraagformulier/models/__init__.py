"""Models of the request app: requests and their locations, consents, forms in progress."""

from .access import AccessPurpose, AccessRecord
from .consent import Consent, ConsentKind
from .draft import RequestDraft
from .housekeeping import LocationReminder, ReminderKind
from .request import (
    OPEN_STATUSES,
    CarePart,
    ChildcareRequest,
    IncomeIndicator,
    RequestedLocation,
    RequestStatus,
)

__all__ = [
    "OPEN_STATUSES",
    "AccessPurpose",
    "AccessRecord",
    "CarePart",
    "ChildcareRequest",
    "Consent",
    "ConsentKind",
    "IncomeIndicator",
    "LocationReminder",
    "ReminderKind",
    "RequestDraft",
    "RequestStatus",
    "RequestedLocation",
]
