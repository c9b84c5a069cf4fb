"""The health endpoint a load balancer or monitor polls: database and search backend."""

import logging

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_search():
    # A real (tiny) query through whichever backend is configured, not a ping: it proves the
    # index exists and answers. Wagtail indexes every page type, so Page needs no app of ours.
    list(get_search_backend().search("opvang", Page)[:1])


CHECKS = {"database": check_database, "search": check_search}


@never_cache
def health(request):
    """200 with {"database": "ok", "search": "ok"}, or 503 naming what failed."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:  # any failure of a dependency means "unhealthy", never a 500
            logger.exception("health check failed: %s", name)
            results[name] = "error"
        else:
            results[name] = "ok"
    status = 200 if all(value == "ok" for value in results.values()) else 503
    return JsonResponse(results, status=status)
