"""Settings for `python -m bench.run`: production-like, but with a database of its own.

DEBUG stays off (cached templates, no query log) so timings resemble production. The database
is var/bench.sqlite3 unless BENCH_DATABASE_URL names another one: the bench never touches the
development database, and its 8,000 seeded fiches survive between runs (--reuse-db).
"""

import os

import dj_database_url

from portal.settings.base import *  # noqa: F403
from portal.settings.base import (
    BASE_DIR,
    INSTALLED_APPS,
    PAGE_CACHE_EXCLUDED_PREFIXES,
    database_options,
    search_backends,
)
from portal.settings.base import (
    DATABASES as PORTAL_DATABASES,
)

DEBUG = False
SECRET_KEY = "bench-only-not-secret"
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "bench.urls"

# The connection kept between requests as the portal keeps it (`DATABASE_CONN_MAX_AGE`, checked
# before reuse): gunicorn's workers in `make bench-http` reuse theirs as production's do, instead of
# opening, configuring and warming a new one for every request.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'bench.sqlite3'}",
        conn_max_age=PORTAL_DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=PORTAL_DATABASES["default"]["CONN_HEALTH_CHECKS"],
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True  # as in production: part of every request's cost
# The project's connection options (SQLite's write-ahead log, PostgreSQL's timeouts): the bench
# measures the database as the portal configures it.
DATABASES["default"]["OPTIONS"] = database_options(DATABASES["default"])
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
# An app only for the template of the stock search view (bench/urls.py).
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
if DATABASE_IS_POSTGRES and "django.contrib.postgres" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "django.contrib.postgres"]

# A real cache, in process, so the page cache and Wagtail's caches behave as in production
# without a Redis server (the bench must not depend on anything but loopback).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The floor must always run the whole stack, never come out of the page cache.
PAGE_CACHE_EXCLUDED_PREFIXES = [*PAGE_CACHE_EXCLUDED_PREFIXES, "/__bench__/"]

# No collectstatic manifest is needed to render templates that use {% static %}; STATIC_ROOT
# is an empty folder of the bench's own (bench.run creates it) so WhiteNoise does not warn.
STATIC_ROOT = BASE_DIR / "var" / "bench-static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Logging in the bench user costs nothing measurable with a fast hasher.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Background work: TASKS_BACKEND as in base (immediate unless the environment says
# "database"), so that seeding builds the search index at once. The request_submit figure
# switches to production's database queue itself (bench.run.PRODUCTION_TASKS).
# Mail (if a view sends any) stays in memory; search stays in the database even when
# ELASTICSEARCH_URL is set: the bench talks to nothing but loopback.
DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILSEARCH_BACKENDS = search_backends("", DATABASE_IS_POSTGRES)
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "WARNING")  # noqa: F405
# Fixed, public keys for the bench only (base64 of "bench-only-not-secret-key-nr-001").
OPVANGPUNT_FIELD_ENCRYPTION_KEYS = ["YmVuY2gtb25seS1ub3Qtc2VjcmV0LWtleS1uci0wMDE="]
OPVANGPUNT_LOOKUP_HASH_KEY = "bench-only-not-secret-lookup-key"
# The bench measures the request form, not the rate limiter (every request comes from one
# address here).
RATELIMIT_ENABLE = False
