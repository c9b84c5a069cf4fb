"""The access trail: every display or export of a family's data, by whom, when, and why."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import PrivateModel


class AccessPurpose(models.TextChoices):
    """Why data was shown."""

    LIST = "list", _("shown in a list")
    VIEW = "view", _("opened")
    EXPORT = "export", _("exported")
    EMAIL = "email", _("sent by email")
    SUPPORT = "support", _("support by the loket")


class AccessRecord(PrivateModel):
    """One user saw fields of one requested location's request (written by
    `aanvraagformulier.trail.record_access`, in the transaction of the view that showed them).

    Changes to requests are in django-simple-history; this trail holds the reads. Who saw it
    is kept twice: the account (for the loket's and the officer's filters) and, for the
    parent's page, in which capacity ("location" with the location's name, or "loket"), so
    the parent's trail still reads right after an account or fiche is gone.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="request_accesses",
        verbose_name=_("staff account"),
    )
    username = models.CharField(_("staff username"), max_length=150)
    viewer = models.CharField(_("seen as"), max_length=10)
    request = models.ForeignKey(
        "aanvraagformulier.ChildcareRequest",
        on_delete=models.CASCADE,
        related_name="accesses",
        verbose_name=_("request"),
    )
    row = models.ForeignKey(
        "aanvraagformulier.RequestedLocation",
        on_delete=models.CASCADE,
        related_name="accesses",
        verbose_name=_("requested location"),
    )
    location_title = models.CharField(_("location name"), max_length=255)
    fields = models.JSONField(_("fields shown"), default=list)
    purpose = models.CharField(_("purpose"), max_length=10, choices=AccessPurpose.choices)
    accessed_at = models.DateTimeField(_("accessed on"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-accessed_at", "-pk"]
        verbose_name = _("access record")
        verbose_name_plural = _("access records")
        indexes = [models.Index(fields=["request", "-accessed_at"], name="access_by_request")]

    def __str__(self):
        return f"{self.username} {self.purpose} {self.location_title}"
