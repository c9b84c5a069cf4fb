from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """Home page, information pages, news and leaflets."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = _("Home and information")

    def ready(self):
        from . import signals  # noqa: F401, PLC0415  (connects receivers once models load)
