from django.apps import AppConfig

from . import provisioning


class CoreConfig(AppConfig):
    """What every app uses: roles, site-wide templates and tags, and the runtime pieces
    (page cache, CSP, faults, health, queued mail, backups)."""

    name = "core"
    verbose_name = "Opvangpunt"

    def ready(self):
        # Connects the page cache's receivers in every process, also those that serve no
        # request (publish_scheduled, the tasks worker): their publishing must clear it too;
        # the system check for the cache and backup folders; the login signals (staff
        # sessions, lockouts in the log, the index of each account's sessions).
        from . import (  # noqa: PLC0415  (models are not loaded before ready())
            accounts,  # noqa: F401
            cache,  # noqa: F401
            checks,  # noqa: F401
            sessions,  # noqa: F401
        )

        provisioning.register_region_step(
            provisioning.SITE, "core.sites.build_site", check="core.sites.check_site"
        )
