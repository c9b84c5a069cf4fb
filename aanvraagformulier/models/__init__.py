"""Models of the request app: requests and their locations, consents, forms in progress."""

from .access import AccessPurpose, AccessRecord
from .consent import Consent, ConsentKind
from .draft import RequestDraft
from .emergency import ContactOutcome, EmergencyContact, EmergencyEntry, LoketProposal
from .exports import Export, ExportKind
from .figures import FiguresReportPage, FiguresSnapshot
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
    "ContactOutcome",
    "EmergencyContact",
    "EmergencyEntry",
    "Export",
    "ExportKind",
    "FiguresReportPage",
    "FiguresSnapshot",
    "IncomeIndicator",
    "LoketProposal",
    "RequestDraft",
    "RequestStatus",
    "RequestedLocation",
]
