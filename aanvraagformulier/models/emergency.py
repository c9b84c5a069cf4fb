"""The emergency list (noodlijst): urgent requests the loket follows up personally.

Seed 000 art. 3 §1 e: the loket keeps an emergency list and contacts those families every
quarter. An entry belongs to one request (in the loket's region); each contact is a row of
its own, so the list shows who is due for the quarterly call. A location the loket proposes
to the family gets an ordinary requested location, marked by a `LoketProposal`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import PrivateModel


class EmergencyEntry(PrivateModel):
    """A request on the emergency list: why, since when, by whom; `removed_at` once taken off."""

    request = models.OneToOneField(
        "aanvraagformulier.ChildcareRequest",
        on_delete=models.CASCADE,
        related_name="emergency_entry",
        verbose_name=_("request"),
    )
    reason = models.TextField(_("reason"), max_length=2000)
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("flagged by"),
    )
    flagged_at = models.DateTimeField(_("on the list since"), auto_now_add=True)
    removed_at = models.DateTimeField(_("taken off the list on"), null=True, blank=True)

    class Meta:
        ordering = ["flagged_at", "pk"]
        verbose_name = _("emergency list entry")
        verbose_name_plural = _("emergency list")

    def __str__(self):
        return self.request.reference

    @property
    def is_active(self):
        return self.removed_at is None


class ContactOutcome(models.TextChoices):
    """What a contact with an emergency-list family gave."""

    STILL_NEEDS_CARE = "still_needs_care", _("reached: still needs care")
    PLACE_FOUND = "place_found", _("reached: found a place")
    NO_LONGER_NEEDED = "no_longer_needed", _("reached: no longer needs care")
    NOT_REACHED = "not_reached", _("not reached")


class EmergencyContact(PrivateModel):
    """One contact of the loket with an emergency-list family (the quarterly call)."""

    entry = models.ForeignKey(
        EmergencyEntry,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("emergency list entry"),
    )
    contacted_on = models.DateField(_("contacted on"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=ContactOutcome.choices)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-contacted_on", "-pk"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return f"{self.contacted_on}: {self.get_outcome_display()}"


class LoketProposal(PrivateModel):
    """A requested location the loket added for an emergency-list family (not the parent's
    own choice), with the parent's consent it recorded (docs/data-protection.md)."""

    row = models.OneToOneField(
        "aanvraagformulier.RequestedLocation",
        on_delete=models.CASCADE,
        related_name="loket_proposal",
        verbose_name=_("requested location"),
    )
    consent = models.ForeignKey(
        "aanvraagformulier.Consent",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("parent's consent"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed on"), auto_now_add=True)

    class Meta:
        verbose_name = _("proposal by the loket")
        verbose_name_plural = _("proposals by the loket")

    def __str__(self):
        return str(self.row_id)
