"""Fast, predictable test settings (the shape of wagtail/bakerydemo's test settings)."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["*"]
# Each test opens and closes its connections as before persistent connections came in.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Off by default so tests see fresh pages; tests/portal/test_page_cache.py turns it on.
PAGE_CACHE_SECONDS = 0
# Off like the page cache, so tests see what they changed; tests/core/test_generation_caches.py
# turns it on.
FRAGMENT_CACHE_SECONDS = 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests run offline: the map shows its markers without tiles.
OPVANGPUNT_MAP_TILES_URL = ""
# Fixed, public keys for tests only (never use them anywhere else): see base.py.
# base64 of "test-only-not-secret-key-nr-0001"
OPVANGPUNT_FIELD_ENCRYPTION_KEYS = ["dGVzdC1vbmx5LW5vdC1zZWNyZXQta2V5LW5yLTAwMDE="]
OPVANGPUNT_LOOKUP_HASH_KEY = "test-only-not-secret-lookup-hash-key"
# Tests that exercise the limits turn them on (tests/aanvraagformulier/test_abuse.py).
RATELIMIT_ENABLE = False
