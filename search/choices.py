"""The search's own choice lists. Their values are Dutch: they appear in shared URLs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sort(models.TextChoices):
    """The orders a parent can choose; the default depends on what they searched for."""

    RELEVANCE = "relevantie", _("Best match")
    DISTANCE = "afstand", _("Distance")
    NAME = "naam", _("Name")
    AVAILABILITY = "beschikbaarheid", _("Availability")


class Availability(models.TextChoices):
    """A free place now, or by a month (any month when none is given); or not known: the
    location published none, or did not confirm it within its region's freshness period."""

    NOW = "nu", _("Free now")
    FROM_MONTH = "vanaf", _("Free from a month")
    UNKNOWN = "onbekend", _("Unknown or not confirmed")
