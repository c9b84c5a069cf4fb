from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import provisioning


class OpvanglocatiesConfig(AppConfig):
    """Geography, organisers and the location fiches."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "opvanglocaties"
    verbose_name = _("Childcare locations")

    def ready(self):
        # Imported here: signals and policies need the models, which are not loaded when
        # this module is.
        from wagtail.permissions import register_permission_policy  # noqa: PLC0415

        from . import signals  # noqa: F401, PLC0415
        from .models import Organiser, Region  # noqa: PLC0415
        from .policies import organiser_policy, region_policy  # noqa: PLC0415

        # Before any admin view asks for these models' policy (Wagtail 8 refuses later).
        register_permission_policy(Organiser, organiser_policy, exact_class=True)
        register_permission_policy(Region, region_policy, exact_class=True)

        # This app's part of a region's site (setup_region) and of the demo (seed_demo).
        steps = "opvanglocaties.provisioning"
        provisioning.register_region_step(
            provisioning.REGION, f"{steps}.build_region_row", check=f"{steps}.check_region"
        )
        provisioning.register_region_step(
            provisioning.LOCATION_INDEX, f"{steps}.build_location_index"
        )
        provisioning.register_region_step(provisioning.ORGANISER, f"{steps}.build_organiser")
        provisioning.register_demo_step(
            provisioning.DEMO_REGIONS, "opvanglocaties.demo.builder.build_demo_regions"
        )
