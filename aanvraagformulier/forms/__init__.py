"""One form per step of the request form, plus the forms of the private page."""

from .base import StepForm
from .child import CARE_DAYS, ChildForm
from .consent import ConsentForm
from .parent import ParentForm
from .priority import PriorityForm
from .private import EmailLinkForm, EraseForm, LocationSearchForm
from .send import SendForm

__all__ = [
    "CARE_DAYS",
    "ChildForm",
    "ConsentForm",
    "EmailLinkForm",
    "EraseForm",
    "LocationSearchForm",
    "ParentForm",
    "PriorityForm",
    "SendForm",
    "StepForm",
]
