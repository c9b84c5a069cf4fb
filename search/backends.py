"""One entry point for full-text search, whatever backend is configured.

Views call `search()` and never ask which backend runs. When Elasticsearch is configured the
settings also keep the database backend's index up to date (the "fallback" backend), so that
when the cluster cannot be reached the search still answers, from the database, and the logs
say so: a parent gets results, never a 500.
"""

import logging
from dataclasses import dataclass

from elasticsearch import ApiError, TransportError
from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)

FALLBACK_BACKEND = "fallback"
UNREACHABLE = (TransportError, ApiError, ConnectionError, TimeoutError)


@dataclass
class SearchResult:
    """One page of results, already fetched, and how they were found."""

    items: list
    total: int
    backend: str


def _run(backend_name, queryset, query, start, stop, **options):
    results = get_search_backend(backend_name).search(query, queryset, **options)
    # Both the count and the slice are evaluated here, inside the caller's error handling.
    items = list(results[start:stop])
    return SearchResult(items=items, total=results.count(), backend=backend_name)


def search(queryset, query, start=0, stop=20, **options):
    """Search `queryset` for `query`; fall back to the database index if the cluster is down."""
    try:
        return _run("default", queryset, query, start, stop, **options)
    except UNREACHABLE as error:
        from django.conf import settings

        if FALLBACK_BACKEND not in settings.WAGTAILSEARCH_BACKENDS:
            raise
        logger.warning(
            "search backend unreachable, answering from the database index instead: %s",
            type(error).__name__,
        )
        return _run(FALLBACK_BACKEND, queryset, query, start, stop, **options)
