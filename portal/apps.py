from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The project package as an app, so its signal receivers connect in every process."""

    name = "portal"
    verbose_name = "Opvangpunt"

    def ready(self):
        # Also in processes that serve no request (publish_scheduled, the tasks worker):
        # their publishing must clear the shared page cache too.
        from . import cache  # noqa: F401
