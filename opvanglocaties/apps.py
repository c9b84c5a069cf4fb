from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpvanglocatiesConfig(AppConfig):
    """Geography, organisers and the location fiches."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "opvanglocaties"
    verbose_name = _("Childcare locations")

    def ready(self):
        from . import signals  # noqa: F401, PLC0415  (connects receivers once models load)
