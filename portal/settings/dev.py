"""Local development: debug on, a throw-away secret, console mail."""

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-opvangpunt"  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Fixed, public keys for development only (never in production): see base.py.
OPVANGPUNT_FIELD_ENCRYPTION_KEYS = OPVANGPUNT_FIELD_ENCRYPTION_KEYS or [  # noqa: F405
    "ZGV2LW9ubHktbm90LXNlY3JldC1rZXktbnVtYmVyLTE="  # base64 of "dev-only-not-secret-key-number-1"
]
OPVANGPUNT_LOOKUP_HASH_KEY = OPVANGPUNT_LOOKUP_HASH_KEY or "dev-only-not-secret-lookup-key"  # noqa: F405

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
