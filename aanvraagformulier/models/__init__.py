"""Models of the request app: requests and their locations, consents, forms in progress,
the access trail and the breach register."""

from .access import AccessPurpose, AccessRecord
from .breach import Breach
from .consent import Consent, ConsentKind
from .draft import RequestDraft
from .emergency import ContactOutcome, EmergencyContact, EmergencyEntry, LoketProposal
from .exports import Export, ExportKind
from .figures import FigureCount, FigureKind, FiguresReportPage, FiguresSnapshot
from .housekeeping import LocationReminder, ReminderKind
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
    "Breach",
    "CarePart",
    "ChildcareRequest",
    "Consent",
    "ConsentKind",
    "ContactOutcome",
    "EmergencyContact",
    "EmergencyEntry",
    "Export",
    "ExportKind",
    "FigureCount",
    "FigureKind",
    "FiguresReportPage",
    "FiguresSnapshot",
    "IncomeIndicator",
    "LocationReminder",
    "LoketProposal",
    "MessageTemplate",
    "ReminderKind",
    "RequestDraft",
    "RequestStatus",
    "RequestedLocation",
    "StaleReason",
]
