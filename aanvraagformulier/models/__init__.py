"""Models of the request app: requests and their locations, consents, forms in progress."""

from .access import AccessPurpose, AccessRecord
from .consent import Consent, ConsentKind
from .draft import RequestDraft
from .request import (
    OPEN_STATUSES,
    CarePart,
    ChildcareRequest,
    IncomeIndicator,
    RequestedLocation,
    RequestStatus,
    StaleReason,
)
from .templates import MessageTemplate

__all__ = [
    "OPEN_STATUSES",
    "AccessPurpose",
    "AccessRecord",
    "CarePart",
    "ChildcareRequest",
    "Consent",
    "ConsentKind",
    "IncomeIndicator",
    "MessageTemplate",
    "RequestDraft",
    "RequestStatus",
    "RequestedLocation",
    "StaleReason",
]
