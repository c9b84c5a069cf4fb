"""Exports that leave the portal: an encrypted archive on disk, deleted after a few days.

The row says who made which export and when, and where its file lies until `purge_exports`
deletes it; the password is never stored (shown once to the loket, seeds 003 and 004).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import PrivateModel


class ExportKind(models.TextChoices):
    RESEARCH = "research", _("research export (pseudonymised)")
    EMERGENCY_LIST = "emergency_list", _("emergency list (for the quarterly calls)")


class Export(PrivateModel):
    """One encrypted export file and who made it."""

    kind = models.CharField(_("kind"), max_length=20, choices=ExportKind.choices)
    region = models.ForeignKey(
        "opvanglocaties.Region",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("region"),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    created_at = models.DateTimeField(_("made on"), auto_now_add=True, db_index=True)
    # The archive's name in OPVANGPUNT_EXPORT_DIR; empty once purged.
    filename = models.CharField(max_length=100, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    purged_at = models.DateTimeField(_("deleted on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%d/%m/%Y}"
