"""Consents a parent gave, each with the version of the text they agreed to and when."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import PrivateModel


class ConsentKind(models.TextChoices):
    # Seed 000 art. 4 §3 c: processing rests on consent.
    PROCESSING = "processing", _("processing of the request's data")
    # Seed 000 art. 4 §1 c: passing data to others only with explicit consent.
    SHARE_OUTSIDE_MUNICIPALITY = (
        "outside_municipality",
        _("sharing with a location in another municipality"),
    )
    SHARE_OTHER_REGION = "other_region", _("sharing with a location in another region")
    REFERRER = "referrer", _("a referrer files on the parent's behalf")
    PRIORITY_DECLARATION = "declaration", _("declaration on honour of the priority rules")
    # Seed 000 art. 4 §1 c: a location the loket proposes (emergency list) sees the request
    # only after the parent agreed, by phone or in person; the loket records that here.
    LOKET_PROPOSAL = "loket_proposal", _("sharing with a location the loket proposes")


class Consent(PrivateModel):
    """One consent of a request: what (kind, and for which location), which text, when."""

    request = models.ForeignKey(
        "aanvraagformulier.ChildcareRequest",
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("request"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ConsentKind.choices)
    location = models.ForeignKey(
        "opvanglocaties.LocationPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("location"),
    )
    text_version = models.CharField(_("text version"), max_length=20)
    given_at = models.DateTimeField(_("given on"))

    class Meta:
        ordering = ["given_at", "pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.text_version})"
