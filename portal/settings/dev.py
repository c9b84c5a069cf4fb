"""Local development: debug on, a throw-away secret, console mail."""

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-opvangpunt"  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# `make demo`: the demo accounts (seed_demo) log in without a second factor. Only with DEBUG
# on (core.twofactor.is_exempt); production never has it.
OPVANGPUNT_TWO_FACTOR_EXEMPT = (
    "admin",
    "loket",
    "communicatie",
    "redactie",
    "organisator",
    "locatie",
)
