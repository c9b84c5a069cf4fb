"""One entry point for full-text search, whatever backend is configured.

Views and the API call `text_matches()` and never ask which backend runs. When Elasticsearch
is configured the settings also keep the database backend's index up to date (the "fallback"
backend), so that when the cluster cannot be reached the search still answers, from the
database, and the logs say so: a parent gets results, never a 500.
"""

import logging

from django.conf import settings
from django.db.models import Case, IntegerField, Q, Value, When
from elasticsearch import ApiError, TransportError
from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)

FALLBACK_BACKEND = "fallback"
UNREACHABLE = (TransportError, ApiError, ConnectionError, TimeoutError)


def _with_fallback(run, *args, **options):
    # `run(backend_name, ...)` must send its query before it returns (evaluate the results),
    # so that an unreachable cluster fails here and not later in a template.
    try:
        return run("default", *args, **options)
    except UNREACHABLE as error:
        if FALLBACK_BACKEND not in settings.WAGTAILSEARCH_BACKENDS:
            raise
        logger.warning(
            "search backend unreachable, answering from the database index instead: %s",
            type(error).__name__,
        )
        return run(FALLBACK_BACKEND, *args, **options)


# With Elasticsearch the matches come back as ids; past this many a parent refines anyway.
MAX_INDEX_MATCHES = 1000


def ranks_per_row(backend_name):
    """Whether the backend scores relevance with a subquery per matching row.

    Wagtail's SQLite backend does (and compares a text column with the integer key, so the
    subquery scans the index table): ranking 6,000 matches took ten seconds. PostgreSQL and
    Elasticsearch score in the same pass as the match.
    """
    return type(get_search_backend(backend_name)).__name__ == "SQLiteSearchBackend"


def _matches(backend_name, queryset, query, ranked, operator=None):
    if ranked and ranks_per_row(backend_name):
        return name_first(_matches(backend_name, queryset, query, False, operator), query)
    backend = get_search_backend(backend_name)
    results = backend.search(query, queryset, order_by_relevance=ranked, operator=operator)
    if hasattr(results, "get_queryset"):
        # Database backends answer with a queryset (the text match is a subquery, ordered by
        # relevance), so the filters, facets and counts stay in one SQL statement each.
        return results.get_queryset()
    # An index answers with ids: take its best matches by relevance whatever order follows,
    # so that a count and a page of the same search come from the same matches. (Results
    # are lazy: the unranked search above sent nothing yet.)
    if not ranked:
        results = backend.search(query, queryset, order_by_relevance=True, operator=operator)
    ids = [page.pk for page in results[:MAX_INDEX_MATCHES]]
    if not ids:
        return queryset.none()
    if not ranked:
        return queryset.filter(pk__in=ids)
    relevance = Case(
        *[When(pk=pk, then=Value(rank)) for rank, pk in enumerate(ids)],
        output_field=IntegerField(),
    )
    return queryset.filter(pk__in=ids).order_by(relevance)


# Past this many matches a list of ids in the SQL would pass SQLite's limit of bound
# parameters (32,766): the match then stays a subquery of each query.
MAX_LISTED_MATCHES = 20000


def matching_ids(queryset, query, operator=None):
    """The ids of the rows of `queryset` that match `query`, as a list, or None.

    For the database backends: the match costs more than anything else in a text search
    (about 12 ms for 6,000 of 8,000 fiches on SQLite), so a search reads it once and filters
    its facets, counts and page by these ids. None when the index is a search server (it
    caps and ranks its matches with the search's filters, so each query asks it itself:
    `text_matches`), or when the matches are too many to list.
    """

    def run(backend_name):
        backend = get_search_backend(backend_name)
        results = backend.search(query, queryset, order_by_relevance=False, operator=operator)
        if not hasattr(results, "get_queryset"):
            return None
        matches = results.get_queryset().order_by().values_list("pk", flat=True)
        ids = list(matches[: MAX_LISTED_MATCHES + 1])
        return ids if len(ids) <= MAX_LISTED_MATCHES else None

    return _with_fallback(run)


def name_first(queryset, query):
    """The relevance order where the backend cannot rank cheaply: fiches whose name holds
    every word of `query` first, then those whose name holds one of them, then by name."""
    words = query.split()
    all_words = Q()
    any_word = Q()
    for word in words:
        all_words &= Q(title__icontains=word)
        any_word |= Q(title__icontains=word)
    return queryset.order_by(
        Case(
            When(all_words, then=Value(0)),
            When(any_word, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
        "title",
        "pk",
    )


def text_matches(queryset, query, ranked=True, operator=None):
    """`queryset` narrowed to the rows matching `query`; `ranked`: best match first.

    The result is a plain queryset: callers add filters, annotations and another order. Leave
    `ranked` off when another order or a count follows: the database backends compute the
    relevance score with a subquery per row. When the cluster cannot be reached the database
    index answers, and a warning is logged.
    """
    return _with_fallback(_matches, queryset, query, ranked, operator)
