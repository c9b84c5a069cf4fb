from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AanvraagformulierConfig(AppConfig):
    """The request form, requests and their handover to the locations (issue 11)."""

    name = "aanvraagformulier"
    verbose_name = _("Requests")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: the receivers import the models, which the app
        # registry is still loading when this module is imported.
        from .figures import signals  # noqa: PLC0415

        signals.connect()
