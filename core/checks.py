"""System checks for the folders the portal writes to (run by `migrate`, `check` and every
management command): the cache folder (CACHE_DIR, without Redis) and BACKUP_DIR.

They are created here, 0700, when missing. A folder the service user may not create (say
/var/cache/opvangpunt, under a root-owned /var/cache) is reported with the command that
creates it, instead of a PermissionError in the middle of `migrate`.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register

FILE_CACHE = "django.core.cache.backends.filebased.FileBasedCache"


def writable_folders():
    """(setting name, folder) for every folder the portal must be able to write to."""
    folders = [
        (f"CACHES[{alias!r}]", Path(cache["LOCATION"]))
        for alias, cache in settings.CACHES.items()
        if cache["BACKEND"] == FILE_CACHE
    ]
    folders.append(("BACKUP_DIR", Path(settings.BACKUP_DIR)))
    return folders


@register()
def check_writable_folders(app_configs, **kwargs):
    errors = []
    for name, folder in writable_folders():
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not os.access(folder, os.W_OK | os.X_OK):
                raise PermissionError(f"{folder} is not writable")
        except OSError as error:
            errors.append(
                Error(
                    f"{name} ({folder}) cannot be created or written to: {error}",
                    hint=(
                        "Create it for the user the portal runs as, e.g. "
                        f"install -d -o opvangpunt -g opvangpunt -m 0700 {folder}"
                    ),
                    id="core.E001",
                )
            )
    return errors
