from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AanvraagformulierConfig(AppConfig):
    """The request form, requests and their handover to the locations (issue 11)."""

    name = "aanvraagformulier"
    verbose_name = _("Requests")
    default_auto_field = "django.db.models.BigAutoField"
