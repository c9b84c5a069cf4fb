"""Servers: everything from the environment, no default for secrets."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment.")
if SECRET_KEY.startswith("CHANGE-ME"):  # noqa: F405
    # The placeholder of deploy/env.example is long enough to pass `check --deploy`.
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment (not the example's).")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment.")
# The request form's national register numbers: no key, no start (docs/operations.md); the
# placeholders of deploy/env.example neither.
_keys = ",".join(OPVANGPUNT_FIELD_ENCRYPTION_KEYS)  # noqa: F405
if not _keys or "CHANGE-ME" in _keys:
    raise ImproperlyConfigured("OPVANGPUNT_FIELD_ENCRYPTION_KEYS must be set in the environment.")
if not OPVANGPUNT_LOOKUP_HASH_KEY or OPVANGPUNT_LOOKUP_HASH_KEY.startswith("CHANGE-ME"):  # noqa: F405
    raise ImproperlyConfigured("OPVANGPUNT_LOOKUP_HASH_KEY must be set in the environment.")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# nginx in front (docs/operations.md): the client's address is its X-Forwarded-For entry,
# for the login lockout and the password-reset limit.
OPVANGPUNT_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
SECURE_SSL_REDIRECT = True
# The load balancer polls the health endpoints over plain HTTP on the private network
# (core.health.HealthCheckMiddleware answers them before the redirect; this is the fallback).
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
if not REDIS_URL:  # noqa: F405
    # Gunicorn's workers and the cron jobs (publish_scheduled) are separate processes: with a
    # cache in each one's memory, a page published in one would stay stale in the others.
    # Files under one folder are shared by every process on the host; several hosts need Redis.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),  # noqa: F405
        }
    }
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT  # noqa: F405
