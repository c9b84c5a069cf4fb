"""Outgoing mail that has not reached the mail server yet."""

from django.db import models
from django.utils import timezone


class QueuedEmail(models.Model):
    """One message waiting for delivery; deleted as soon as the mail server accepted it.

    Kept in the database (not only in a task) so that a mail server outage or a restart loses
    nothing; the row holds the message only as long as needed (it contains personal data).
    """

    message = models.JSONField()
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_error = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["next_attempt_at"]
        # The table predates the `core` app (it was the project package's, label `portal`).
        db_table = "portal_queuedemail"

    def __str__(self):
        return f"queued email {self.pk} ({self.attempts} attempts)"
