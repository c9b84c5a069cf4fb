"""Models of the locations app: geography, organisers, priority rules and the fiche pages."""

from .geography import Municipality, Neighbourhood, PostalCode, Region
from .organisers import LegalForm, Organiser
from .pages import (
    AgeGroupAvailability,
    ClosingPeriod,
    LocationIndexPage,
    LocationPage,
    LocationPhoto,
    OpeningHours,
    OrganiserPage,
)
from .priority import PriorityRule

__all__ = [
    "AgeGroupAvailability",
    "ClosingPeriod",
    "LegalForm",
    "LocationIndexPage",
    "LocationPage",
    "LocationPhoto",
    "Municipality",
    "Neighbourhood",
    "OpeningHours",
    "Organiser",
    "OrganiserPage",
    "PostalCode",
    "PriorityRule",
    "Region",
]
