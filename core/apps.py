from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app uses: roles, site-wide templates and tags, and the runtime pieces
    (page cache, CSP, faults, health, queued mail, backups)."""

    name = "core"
    verbose_name = "Opvangpunt"

    def ready(self):
        # Connects the page cache's receivers in every process, also those that serve no
        # request (publish_scheduled, the tasks worker): their publishing must clear it too.
        # The login signals (staff sessions, lockouts in the log).
        from . import (
            accounts,  # noqa: F401
            cache,  # noqa: F401
        )
