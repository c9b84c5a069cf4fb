from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpvanglocatiesConfig(AppConfig):
    """Geography, organisers and the location fiches."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "opvanglocaties"
    verbose_name = _("Childcare locations")

    def ready(self):
        # Imported here: signals and policies need the models, which are not loaded when
        # this module is.
        from wagtail.permissions import register_permission_policy

        from . import signals  # noqa: F401
        from .models import Organiser, Region
        from .policies import organiser_policy, region_policy

        # Before any admin view asks for these models' policy (Wagtail 8 refuses later).
        register_permission_policy(Organiser, organiser_policy, exact_class=True)
        register_permission_policy(Region, region_policy, exact_class=True)
