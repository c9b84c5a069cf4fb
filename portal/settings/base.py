"""Settings shared by every environment.

Everything that differs between machines is read from the environment here, in one place,
with the usual names: DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS (comma-separated), EMAIL_URL,
ELASTICSEARCH_URL. Defaults are the embedded ones (SQLite, database search, console mail) so
that `make demo` runs on a fresh machine; production.py refuses to start without a secret.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import dj_email_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list, without empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Ours, from the bottom up: core <- opvanglocaties <- search, home (docs/architecture.md).
    "core",
    "opvanglocaties",
    "home",
    "search",
    "aanvraagformulier",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    # Page translations (docs/guides/communication.md): the translation editor, kept in step
    # with the Dutch source; wagtail.locales is the admin for the content languages.
    "wagtail_localize",
    "wagtail_localize.locales",
    # Open data: the fiches' published facts as JSON (search/open_data/, docs/open-data.md).
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "simple_history",
    "csp",
    # Login protection (core/accounts.py, core/twofactor.py): lockout, second factor.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Templates of the sitemap that wagtail.contrib.sitemaps builds.
    "django.contrib.sitemaps",
    "django_ratelimit",
]

MIDDLEWARE = [
    # First: answers /health/ for load balancers by IP, before ALLOWED_HOSTS and the HTTPS
    # redirect, and outside the per-request transaction (core/health.py).
    "core.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The page cache's generation read once per request, by everything below that keeps
    # something per generation (core.cache).
    "core.cache.GenerationPerRequestMiddleware",
    "core.cache.AnonymousPageCacheMiddleware",
    # After the page cache (a hit needs no Site): the Site of the host, once per generation.
    "core.sitecache.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.twofactor.TwoFactorMiddleware",
    "core.accounts.StaffSessionMiddleware",
    "core.sessions.SessionIndexMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.csp.PortalCSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.faults.FaultMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a lockout noted during authentication into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
# The page type home pages and location indexes link to as "the search" (core.pages), named
# here so that neither app imports the search app.
OPVANGPUNT_SEARCH_PAGE_MODEL = "opvangpunt_search.SearchPage"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                # Menus, footer, feeds and contact for core's base template.
                "home.navigation.site_navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"


def postgres_session_setting(options, name, value):
    """PostgreSQL connection OPTIONS with `-c name=value` added after any `options` the
    DATABASE_URL already carries (the server sets it for the session)."""
    options = dict(options)
    extra = f"-c {name}={value}"
    options["options"] = f"{options['options']} {extra}" if options.get("options") else extra
    return options


def postgres_timeouts(options, connect_timeout, statement_timeout):
    """PostgreSQL connection OPTIONS with connect and statement timeouts (seconds; 0 = none).

    A hung or unreachable database then fails a request with the 503 page (core.faults) in
    seconds, instead of holding a gunicorn worker until gunicorn kills it (nginx's bare 502).
    The statement timeout is set by the server for the session ("-c statement_timeout"),
    after any `options` the DATABASE_URL already carries.
    """
    options = dict(options)
    if connect_timeout:
        options["connect_timeout"] = connect_timeout
    if statement_timeout:
        options = postgres_session_setting(
            options, "statement_timeout", int(statement_timeout * 1000)
        )
    return options


DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Persistent connections, checked before reuse: after a database restart a worker
        # opens a new connection instead of failing one more request on its stale one.
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# One transaction per request: a request that fails half-way leaves nothing half written.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
# gunicorn.conf.py keeps its timeout above the sum of these two.
DATABASE_CONNECT_TIMEOUT = int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
DATABASE_STATEMENT_TIMEOUT = float(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "20"))
# PostgreSQL's planner prices a random page read at 4 sequential ones, a figure from spinning
# disks. On SSD storage (what a server has today) 1.1 is the usual setting; with 4 the search's
# facet query read the whole availability table three times instead of looking up the few
# hundred fiches in view (bench/README.md, "Search, round 4"). 0 keeps the server's own.
DATABASE_RANDOM_PAGE_COST = float(os.environ.get("DATABASE_RANDOM_PAGE_COST", "1.1"))
# SQLite (the embedded default, a single-host install): the write-ahead log, and an fsync at
# its checkpoints rather than at every commit. What SQLite itself advises for a web server:
# readers never wait for the writer, and a commit costs a write instead of two fsyncs. Never
# corruption; on a power cut (not a crash of the process) the last commits before it may be
# lost (docs/operations.md "SQLite"). The online backup (core.backup) reads through the log.
SQLITE_INIT_COMMAND = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL"


def database_options(database):
    """The connection OPTIONS every environment gives its database (the bench's included):
    the timeouts and the planner's price of a random read on PostgreSQL, the write-ahead log
    on SQLite."""
    options = dict(database.get("OPTIONS", {}))
    if database["ENGINE"] == "django.db.backends.postgresql":
        options = postgres_timeouts(options, DATABASE_CONNECT_TIMEOUT, DATABASE_STATEMENT_TIMEOUT)
        if DATABASE_RANDOM_PAGE_COST:
            options = postgres_session_setting(
                options, "random_page_cost", f"{DATABASE_RANDOM_PAGE_COST:g}"
            )
        return options
    if database["ENGINE"] == "django.db.backends.sqlite3":
        options.setdefault("init_command", SQLITE_INIT_COMMAND)
    return options


DATABASES["default"]["OPTIONS"] = database_options(DATABASES["default"])
if DATABASE_IS_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Dutch first: the portal serves Flemish cities. English is the second interface language.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Daily database backups (`backup_database`, core/backup.py); created 0700 when missing.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "var" / "backups"))
STORAGES = {
    # Django's, minus the partial file a failed save leaves (core/storage.py).
    "default": {"BACKEND": "core.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Wagtail's page editor for a full fiche (hours, closing days, availability, photos) has many
# inline fields; Django's default of 1000 is too low for it.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Every mail is queued (core.mail) and delivered by a task through DELIVERY_EMAIL_BACKEND,
# the backend EMAIL_URL names (console in development, SMTP in production).
_email = dj_email_url.parse(os.environ.get("EMAIL_URL", "console://"))
EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
DELIVERY_EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
# A mail server that accepts the connection and then says nothing must not hold the worker.
EMAIL_TIMEOUT = _email.get("EMAIL_TIMEOUT") or 10
EMAIL_FILE_PATH = _email.get("EMAIL_FILE_PATH") or None
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Opvangpunt <noreply@opvangpunt.invalid>")

WAGTAIL_SITE_NAME = "Opvangpunt"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Pages have an English copy where an editor translated them (wagtail-localize); fiches stay
# one Dutch page served under both languages (core/i18n.py, docs/architecture.md).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
# A new translation stays a draft until the translator publishes it: a copy still in Dutch
# must not go live as "the English page" (until then the English visitor sees the notice).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Documents always pass through Wagtail's view, which checks collection privacy (documents for
# providers only); never a redirect to a storage URL that anyone could pass around.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Renditions in the default storage; a full disk leaves the picture out instead of failing
# the page (core/storage.py).
WAGTAILIMAGES_RENDITION_STORAGE = "core.storage.RenditionStorage"
# Bytes that only start like an image get a form error, not a 500 (core/images.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.images.PortalImageForm"
# Providers publish their own fiche; the loket's moderation workflow only applies where a
# region asks for it (opvanglocaties.permissions), the two-step workflow where an
# administrator assigns it to a content section (home.permissions).
WAGTAIL_WORKFLOW_ENABLED = True
# An approved workflow publishes without the last approver holding publish rights, so that
# nobody needs the right that would let them skip the workflow.
WAGTAIL_FINISH_WORKFLOW_ACTION = "core.workflows.publish_approved"
# An edit while a workflow runs starts its steps again: every approval applies to the
# revision that goes live, not to an earlier one (issue 10 item 2).
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True


def search_backends(elasticsearch_url, is_postgres):
    """The search configuration: Elasticsearch 9 when a cluster is named, else the database.

    Views never ask which backend runs; both index the same `search_fields`.
    """
    database = {"BACKEND": "wagtail.search.backends.database"}
    if is_postgres:
        database["SEARCH_CONFIG"] = "dutch"
    if elasticsearch_url:
        prefix = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "opvangpunt_")
        return {
            "default": {
                "BACKEND": "wagtail.search.backends.elasticsearch9",
                "URLS": [elasticsearch_url],
                # Index names are the prefix plus the model's; "_" keeps them readable.
                "INDEX_PREFIX": prefix if prefix.endswith("_") else f"{prefix}_",
                "TIMEOUT": 5,
                # Fail fast when the cluster is down: search then answers from the database.
                "OPTIONS": {"max_retries": 1},
                "INDEX_SETTINGS": {
                    "settings": {
                        "analysis": {
                            "analyzer": {
                                "default": {"type": "dutch"},
                            }
                        }
                    }
                },
            },
            # Kept up to date next to the cluster, so search.backends can answer from it
            # when the cluster is unreachable.
            "fallback": database,
        }
    return {"default": database}


ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
WAGTAILSEARCH_BACKENDS = search_backends(ELASTICSEARCH_URL, DATABASE_IS_POSTGRES)

LOGIN_URL = "wagtailadmin_login"
# Wagtail's public login (/_util/login/, for pages restricted to logged-in users) goes back
# to the page it came from (?next=); without one, to the home page, not Django's default
# /accounts/profile/, which does not exist here.
LOGIN_REDIRECT_URL = "/"

# Login protection (docs/operations.md "Logins"). Wrong passwords: django-axes locks the
# combination of user and client after AXES_FAILURE_LIMIT failures, on every login form.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "core.accounts.lockout_response"
# No Django admin here; no login history (it would be personal data kept for nothing); no
# usernames in the logs (core.accounts logs lockouts without them).
AXES_ENABLE_ADMIN = False
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# How many reverse proxies of ours put the client's address in X-Forwarded-For (nginx: 1).
OPVANGPUNT_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Password reset: requests per client an hour, mails per address a day (core.accounts).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "core.accounts.CappedPasswordResetForm"
OPVANGPUNT_RESET_REQUESTS_PER_CLIENT = 5
OPVANGPUNT_RESET_MAILS_PER_ADDRESS = 3
# Staff sessions end when the browser closes, and at the latest this long after login.
OPVANGPUNT_STAFF_SESSION_SECONDS = 8 * 60 * 60
# Second factor on /admin/ for every account (core/twofactor.py). The exemption for demo
# accounts works only with DEBUG on (portal.settings.dev sets it).
OTP_TOTP_ISSUER = "Opvangpunt"
OPVANGPUNT_TWO_FACTOR_EXEMPT = ()

# Structured (JSON) logs in production, readable lines in development. Log messages never
# carry personal data: no names, email addresses or request bodies (tests/portal/test_logs.py).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line per background task is noise with the immediate backend.
        "django_tasks": {"level": "WARNING"},
    },
}

# Background work (mail, reminders): run at once in development; in production
# TASKS_BACKEND=database queues it in the database for `manage.py db_worker` processes.
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[os.environ.get("TASKS_BACKEND", "immediate")]
    }
}

# /health/ reports the task queue as "late" when a task has waited longer than this.
HEALTH_TASKS_MAX_AGE_SECONDS = int(os.environ.get("HEALTH_TASKS_MAX_AGE_SECONDS", "300"))

# Caches: local memory by default; Redis (REDIS_URL) when several processes or hosts serve.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Whole anonymous pages (core.cache); 0 turns the page cache off.
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_EXCLUDED_PREFIXES = ["/admin/", "/health/", "/documenten/", "/static/", "/media/"]
PAGE_CACHE_BYPASS_COOKIES = ["sessionid", "messages"]
# Rendered fragments that are the same for every visitor (a fiche's body, the home page's),
# kept until the next publication for every visitor, with or without a session
# (core/templatetags/fragment_cache.py); 0 renders them afresh every time.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "3600"))

# No inline scripts or styles on public pages: JSON-LD is a data block, which CSP allows.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
ADMIN_CSP_PATH_PREFIX = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # The page editor shows previews of the page in an iframe of its own origin.
        "frame-ancestors": ["'self'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail marks its preview views SAMEORIGIN itself; everything else may not be framed.
X_FRAME_OPTIONS = "DENY"

# Region rules that have no Region row yet fall back to these (seed 000: the LOK agrees the
# response deadline; 21 days is the default the cities use).
OPVANGPUNT_DEFAULT_RESPONSE_DEADLINE_DAYS = 21
# How many locations a parent compares side by side and asks for in one request.
OPVANGPUNT_MAX_COMPARE = 4

# Figures the privacy page quotes (home.figures), so that the text follows the configuration.
# Requests are anonymised after this many years (decree of 20 April 2012 art. 24).
OPVANGPUNT_REQUEST_RETENTION_YEARS = 5
# Days within which we answer a parent's request to see, correct or erase their data
# (GDPR art. 12(3): one month).
OPVANGPUNT_DATA_REQUEST_RESPONSE_DAYS = 30
# Per-region changes to who sees which request field at which status, keyed by region slug
# (aanvraagformulier.visibility, the only reader; empty: design.md's matrix everywhere).
# Example: {"gent": {"location": {"accepted_for_review": ["basic", "contact", "address"]}}}
OPVANGPUNT_REQUEST_VISIBILITY = {}
# Exports that leave the portal (aanvraagformulier.exports): encrypted archives kept in this
# private folder (never under MEDIA_ROOT) and deleted by `purge_exports` after this many days.
OPVANGPUNT_EXPORT_DIR = Path(os.environ.get("EXPORT_DIR", BASE_DIR / "var" / "exports"))
OPVANGPUNT_EXPORT_DAYS = int(os.environ.get("EXPORT_DAYS", "3"))

# The results map (search/static/search/map.js). Tiles come from this URL template; its host
# is added to the public pages' img-src (core.csp). Empty: markers on a plain background,
# no request leaves the site (tests, closed networks). Check the tile server's usage policy:
# openstreetmap.org asks heavy users to run or rent their own.
OPVANGPUNT_MAP_TILES_URL = os.environ.get(
    "OPVANGPUNT_MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
OPVANGPUNT_MAP_ATTRIBUTION = os.environ.get(
    "OPVANGPUNT_MAP_ATTRIBUTION", "\N{COPYRIGHT SIGN} OpenStreetMap"
)
OPVANGPUNT_MAP_ATTRIBUTION_URL = os.environ.get(
    "OPVANGPUNT_MAP_ATTRIBUTION_URL", "https://www.openstreetmap.org/copyright"
)

# Open data API (search/open_data/api.py): reusers page through all fiches 100 at a time.
WAGTAILAPI_LIMIT_MAX = 100

# The demo's sites (seed_demo, `make demo`): the i-th demo region is served on the i-th host
# name, all on one port. 127.0.0.1 and localhost reach the same server, so each region has a
# Wagtail Site of its own without DNS. Another port: `make demo DEMO_PORT=8080`.
OPVANGPUNT_DEMO_HOSTNAMES = env_list("DEMO_HOSTNAMES", "127.0.0.1,localhost")
OPVANGPUNT_DEMO_PORT = int(os.environ.get("DEMO_PORT", "8000"))

# The request form (aanvraagformulier, docs/data-protection.md).
# The national register number is encrypted at rest with these Fernet keys (comma-separated;
# the first encrypts, all decrypt, so an old key stays last until `rotate_request_keys` ran),
# and found again for duplicate checks by an HMAC-SHA256 under a key of its own. Neither is
# derived from SECRET_KEY: rotating one never touches the others. production.py refuses to
# start without them; dev.py and test.py carry fixed, public, non-secret keys.
OPVANGPUNT_FIELD_ENCRYPTION_KEYS = env_list("OPVANGPUNT_FIELD_ENCRYPTION_KEYS")
OPVANGPUNT_LOOKUP_HASH_KEY = os.environ.get("OPVANGPUNT_LOOKUP_HASH_KEY", "")
# How long a parent's private link (/aanvraag/<token>/) works; a new one is asked by email.
OPVANGPUNT_PRIVATE_LINK_MAX_AGE_DAYS = int(os.environ.get("OPVANGPUNT_PRIVATE_LINK_DAYS", "60"))
# A form in progress (RequestDraft) is deleted after this many days without a change.
OPVANGPUNT_REQUEST_DRAFT_DAYS = 14
# Largest body the request form and the private pages accept (bytes); the form has no uploads.
OPVANGPUNT_REQUEST_MAX_BODY_BYTES = 32 * 1024
# Per client (IP address): submits of the form's steps and look-ups of private links.
OPVANGPUNT_RATE_SUBMIT = os.environ.get("OPVANGPUNT_RATE_SUBMIT", "30/m")
OPVANGPUNT_RATE_PRIVATE_LINK = os.environ.get("OPVANGPUNT_RATE_PRIVATE_LINK", "20/m")
# Behind a reverse proxy, name the header holding the client's address (for example
# HTTP_X_REAL_IP); by default the address of the connection.
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY") or None
RATELIMIT_USE_CACHE = "default"
# Off only for a load test from one address (bench/load_request.py): every simulated parent
# shares 127.0.0.1 there.
RATELIMIT_ENABLE = os.environ.get("OPVANGPUNT_RATE_LIMITS", "on") != "off"
# django-ratelimit refuses caches it does not list. Ours: local memory in one process (dev,
# tests), Django's own RedisCache (atomic increments; the library only lists django-redis),
# and the shared file cache on a single host, whose increments are not atomic: under a race a
# few extra requests get through. A limit against floods, not a quota, so that is acceptable.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
# StreamField blocks of other apps that information pages, news and leaflets accept (home
# imports them by path, so home never imports the app that defines them).
OPVANGPUNT_EXTRA_BODY_BLOCKS = [("request_form", "aanvraagformulier.blocks.RequestFormBlock")]
