"""Health endpoints for load balancers and monitors (docs/operations.md, "Health").

- `/health/live/`: the process answers. No dependency is asked, so a liveness probe never
  restarts a healthy web process because the database is down.
- `/health/ready/` (and `/health/`, the older name): database, cache, search and the task
  queue. 200 when the database, cache and search answer, else 503 naming what failed.

Both answer JSON in every state. `HealthCheckMiddleware` answers them before any other
middleware: a load balancer polls by IP address over plain HTTP, which ALLOWED_HOSTS
(400) and the HTTPS redirect (301) would refuse, and with the database down the request must
not reach the per-request transaction (ATOMIC_REQUESTS), which would turn the answer into the
HTML fault page. The answers never use the Host header, so answering any host is safe.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)

LIVE_PATH = "/health/live/"
READY_PATHS = ("/health/", "/health/ready/")


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    # The page cache and its invalidation live here (Redis or files): write and read back.
    cache = caches[settings.PAGE_CACHE_ALIAS]
    key, value = "health:probe", uuid.uuid4().hex
    cache.set(key, value, timeout=30)
    if cache.get(key) != value:
        raise RuntimeError("cache did not return what was written")


def check_search():
    # A real (tiny) query through whichever backend is configured, not a ping: it proves the
    # index exists and answers. Wagtail indexes every page type, so Page needs no app of ours.
    list(get_search_backend().search("opvang", Page)[:1])


def task_queue():
    """(pending, age in seconds of the oldest pending task or None) of the database queue.

    Pending means ready to run now: waiting for a `run_worker` process. The queue is empty
    with the immediate backend (development), which runs every task at once.
    """
    pending = DBTaskResult.objects.ready()
    count = pending.count()
    if not count:
        return 0, None
    oldest = pending.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    return count, max(0, round((timezone.now() - oldest).total_seconds()))


# Checks that decide readiness, in order; search after database, which it may need.
CHECKS = {"database": check_database, "cache": check_cache, "search": check_search}


def _run(name, check):
    try:
        check()
    except Exception:  # any failure of a dependency means "unhealthy", never a 500
        # Exceptions of these checks name hosts and SQL, never people.
        logger.exception("health check failed: %s", name)
        return "error"
    return "ok"


def readiness():
    """The ready answer as (status code, body)."""
    results = {}
    for name, check in CHECKS.items():
        if results.get("database") == "error" and name == "search":
            # With the database down, the database search backend would wait for its own
            # connect timeout too: answer quickly instead, the host is unready anyway.
            results[name] = "skipped"
            continue
        results[name] = _run(name, check)
    ready = all(value in ("ok", "skipped") for value in results.values())
    results["tasks"], results["tasks_pending"], results["tasks_oldest_seconds"] = _tasks(
        database_ok=results["database"] == "ok"
    )
    results["status"] = "ok" if ready else "error"
    return (200 if ready else 503), results


def _tasks(database_ok):
    # A late queue (no worker running, or workers that cannot keep up) is reported, not made a
    # reason to take this web host out of the load balancer: every host would be taken out
    # together, for a fault that is the worker's. Monitoring alerts on "tasks": "late".
    if not database_ok:
        return "skipped", None, None
    try:
        pending, oldest = task_queue()
    except Exception:
        logger.exception("health check failed: tasks")
        return "error", None, None
    late = oldest is not None and oldest > settings.HEALTH_TASKS_MAX_AGE_SECONDS
    return ("late" if late else "ok"), pending, oldest


@never_cache
@transaction.non_atomic_requests
def live(request):
    """200 {"status": "ok"} whenever the process can answer; asks no dependency."""
    return JsonResponse({"status": "ok"})


@never_cache
@transaction.non_atomic_requests
def health(request):
    """200 or 503 with {"status", "database", "cache", "search", "tasks", ...} as JSON."""
    status, body = readiness()
    return JsonResponse(body, status=status)


class HealthCheckMiddleware:
    """Answers the health paths before any other middleware (first in MIDDLEWARE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            if request.path_info == LIVE_PATH:
                return live(request)
            if request.path_info in READY_PATHS:
                return health(request)
        return self.get_response(request)
