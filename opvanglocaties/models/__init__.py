"""Models of the locations app: geography, organisers, priority rules, the fiche (`fiche.py`)
and the pages it lives under (`index.py`)."""

from .fiche import AgeGroupAvailability, ClosingPeriod, LocationPage, LocationPhoto, OpeningHours
from .geography import Municipality, Neighbourhood, PostalCode, Region
from .index import LocationIndexPage, OrganiserPage
from .organisers import LegalForm, Organiser
from .priority import PriorityRule
from .reminders import AvailabilityReminder
from .tariff import IncomeTariff

__all__ = [
    "AgeGroupAvailability",
    "AvailabilityReminder",
    "ClosingPeriod",
    "IncomeTariff",
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
