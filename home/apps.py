from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import provisioning


class HomeConfig(AppConfig):
    """Home page, information pages, news and leaflets."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = _("Home and information")

    def ready(self):
        from . import signals  # noqa: F401, PLC0415  (connects receivers once models load)

        # This app's part of a region's site (setup_region) and of the demo (seed_demo).
        steps = "home.provisioning"
        provisioning.register_region_step(provisioning.HOME_PAGE, f"{steps}.build_home_page")
        provisioning.register_region_step(provisioning.SITE_CONTENT, f"{steps}.build_privacy_page")
        provisioning.register_region_step(
            provisioning.SITE_CONTENT, f"{steps}.build_provider_documents"
        )
        provisioning.register_demo_step(
            provisioning.DEMO_SITE_CONTENT, "home.demo.build_demo_content"
        )
