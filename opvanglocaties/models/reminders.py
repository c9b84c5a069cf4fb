"""The record of each freshness reminder sent about a fiche (`remind_stale_fiches`)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AvailabilityReminder(models.Model):
    """One reminder to a fiche's staff that its availability is no longer confirmed.

    At most one per fiche per staleness period: the unique constraint on (fiche, the date
    the periods count from, the period's number) makes the housekeeping command idempotent,
    also when two runs overlap (the second insert fails and that run sends nothing). The
    periods count from the last confirmation, so confirming starts a new series. `sent_by`
    is empty for the command, the loket's user for a reminder sent from its list.
    """

    page = models.ForeignKey(
        "opvanglocaties.LocationPage",
        on_delete=models.CASCADE,
        related_name="availability_reminders",
        verbose_name=_("location fiche"),
    )
    counted_from = models.DateField(
        _("counted from"), help_text=_("The last confirmation, or when the fiche was published.")
    )
    period = models.PositiveSmallIntegerField(_("staleness period"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(_("number of recipients"), default=0)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )

    class Meta:
        verbose_name = _("availability reminder")
        verbose_name_plural = _("availability reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "counted_from", "period"], name="one_reminder_per_period"
            )
        ]

    def __str__(self):
        return f"{self.page_id} {self.counted_from} #{self.period}"
