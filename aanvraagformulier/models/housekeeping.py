"""Marks of the housekeeping mails to locations: one per location, kind and day."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderKind(models.TextChoices):
    DEADLINES = "deadlines", _("deadline reminder")
    DIGEST = "digest", _("monthly review digest")


class LocationReminder(models.Model):
    """A reminder mail went (or was due) to a location's staff for `day`.

    Written in the transaction that queues the mails: the unique constraint makes a second or
    concurrent run skip the location (one deadline mail per location per day, one digest per
    month, keyed on the month's first day). Holds no personal data.
    """

    location = models.ForeignKey(
        "opvanglocaties.LocationPage", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("reminder to a location")
        verbose_name_plural = _("reminders to locations")
        constraints = [
            models.UniqueConstraint(
                fields=["location", "kind", "day"], name="one_reminder_per_location_kind_day"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.day}"
