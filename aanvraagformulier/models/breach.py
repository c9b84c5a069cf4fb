"""The breach register: each personal data breach, when it was found and what was decided."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Breach(models.Model):
    """One personal data breach (GDPR art. 33.5: the controller documents every breach, its
    effects and the remedial action, whether or not it was notified).

    The clocks run from `found_at`: 48 hours to inform the other party of the user agreement
    (seed 000 art. 4 §6), 72 hours to notify the supervisory authority (GDPR art. 33.1); see
    `aanvraagformulier.dpo.breaches`. Kept by the data protection officer; changes are in the
    history (django-simple-history).
    """

    found_at = models.DateTimeField(
        _("found at"),
        default=timezone.now,
        help_text=_("When the breach became known: the clocks run from here."),
    )
    reported_by = models.CharField(
        _("reported by"), max_length=200, help_text=_("Who reported it, and for which party.")
    )
    description = models.TextField(
        _("description"),
        help_text=_("What happened, which data and which people are concerned. No names."),
    )
    affected_requests = models.PositiveIntegerField(
        _("affected requests"), default=0, help_text=_("How many requests are concerned.")
    )
    decision = models.TextField(
        _("decision"),
        blank=True,
        help_text=_(
            "Measures taken, and whether (and why) the authority and the parents are told."
        ),
    )
    other_party_informed_at = models.DateTimeField(
        _("other party informed at"), null=True, blank=True
    )
    authority_notified_at = models.DateTimeField(
        _("supervisory authority notified at"), null=True, blank=True
    )
    authority_not_required = models.BooleanField(
        _("no notification to the authority"),
        default=False,
        help_text=_(
            "The breach is unlikely to result in a risk to people (GDPR art. 33.1): say why "
            "in the decision."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-found_at", "-pk"]
        verbose_name = _("breach")
        verbose_name_plural = _("breach register")

    def __str__(self):
        return f"{self.found_at:%Y-%m-%d %H:%M}: {self.description[:60]}"

    def clean(self):
        super().clean()
        errors = {}
        now = timezone.now()
        if self.found_at and self.found_at > now:
            errors["found_at"] = _("A breach cannot be found in the future.")
        for name in ("other_party_informed_at", "authority_notified_at"):
            moment = getattr(self, name)
            if moment and self.found_at and moment < self.found_at:
                errors[name] = _("This is before the breach was found.")
            elif moment and moment > now:
                errors[name] = _("This is in the future.")
        if self.authority_not_required and self.authority_notified_at:
            errors["authority_not_required"] = _(
                "The authority was notified: untick this box, or clear the date."
            )
        if self.authority_not_required and not self.decision.strip():
            errors["decision"] = _("Say why the authority is not notified.")
        if errors:
            raise ValidationError(errors)
