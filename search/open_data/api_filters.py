"""The query parameters of the open-data API (`api.py`): a bad value is a 400, not a 500.

Wagtail's API v2 reads integers with `int()`, which also takes "١٢", " 12" and "1_0", and
hands values beyond a column's range to the database: SQLite then raises OverflowError (or an
IntegrityError for the offset), a 500. Its search passes the text to the full-text engine as
query syntax, and SQLite's FTS5 rejects an unbalanced quote with an OperationalError, which
`core.faults` answers as a database outage (a 503 and an ERROR in the logs).
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models
from wagtail.api.v2.filters import FieldsFilter, SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError
from wagtail.search.query import PlainText

from ..backends import text_matches
from ..filters import words

# ASCII digits only, as in the URL patterns: `int()` would take the digits of any script.
INTEGER = re.compile(r"-?[0-9]+")

# The page-tree filters take a page id; all but ancestor_of also take "root".
PAGE_ID_PARAMETERS = {
    "child_of": True,
    "descendant_of": True,
    "ancestor_of": False,
    "translation_of": True,
}


def integer_range(field, using):
    """The lowest and highest value the column of integer `field` holds on database `using`."""
    if field.is_relation:
        field = field.target_field
    low, high = connections[using].ops.integer_field_range(field.get_internal_type())
    if isinstance(field, models.AutoField):
        # Ids are never negative; Wagtail's own page-tree filters refuse them too.
        low = max(low, 0)
    return low, high


def is_integer_field(field):
    """Whether the API reads `field`'s filter value as an integer (a foreign key: its id)."""
    if field.many_to_one or field.one_to_one:
        field = field.target_field
    return isinstance(field, models.IntegerField)


def parse_integer(value, name, low, high):
    """`value` as an int from `low` to `high`, or a BadRequestError naming parameter `name`."""
    error = BadRequestError(f"{name} must be an integer from {low} to {high}")
    if not INTEGER.fullmatch(value):
        raise error
    try:
        number = int(value)
    except ValueError as exc:  # longer than `int()` reads (4,300 digits): out of range anyway
        raise error from exc
    if not low <= number <= high:
        raise error
    return number


def check_no_null_characters(query, names):
    """Refuse a NUL in the values of `names`: PostgreSQL cannot compare text holding one."""
    for name in names:
        if "\x00" in query.get(name, ""):
            raise BadRequestError(f"{name} must not contain null characters")


def check_listing_query(query, model, filter_fields, using):
    """Raise BadRequestError for a value of the listing's `query` the database cannot take.

    `filter_fields` are the names of `model`'s fields the listing filters and orders by. Every
    integer-valued parameter is parsed here; Wagtail's filters and pagination then convert the
    same text.
    """
    # The search text is reduced to its words instead (`WordsSearchFilter`).
    check_no_null_characters(query, [name for name in query if name != "search"])
    ids = integer_range(Page._meta.pk, using)
    for name, allows_root in PAGE_ID_PARAMETERS.items():
        value = query.get(name)
        if value is not None and not (allows_root and value == "root"):
            parse_integer(value, name, *ids)
    # OFFSET (and LIMIT when no WAGTAILAPI_LIMIT_MAX caps it) take a big integer at most.
    rows = connections[using].ops.integer_field_range("PositiveBigIntegerField")
    if "offset" in query:
        parse_integer(query["offset"], "offset", *rows)
    if "limit" in query:
        limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20) or rows[1]
        parse_integer(query["limit"], "limit", rows[0], limit_max)
    for name in filter_fields:
        # "locale" is a language code, for Wagtail's locale filter rather than the field filter.
        if name not in query or name == "locale":
            continue
        field = model._meta.get_field(name)
        if is_integer_field(field):
            parse_integer(query[name], name, *integer_range(field, using))


class CheckedFieldsFilter(FieldsFilter):
    """Wagtail's field filter, answering 400 rather than 500 to a value of the wrong type.

    Wagtail converts booleans and integers itself but hands other values (a latitude, a price,
    a date) straight to the ORM, which raises while building the query.
    """

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except (ValueError, TypeError, ValidationError) as error:
            raise BadRequestError(f"field filter error: {error}") from error


class WordsSearchFilter(SearchFilter):
    """Wagtail's search filter (same parameters and errors), searching only the text's words.

    A text without words (a lone quote) searches for nothing: the listing is not narrowed.
    Written out rather than extending Wagtail's, which reads the text from `request.GET`; the
    tag check is left out because fiches have no tags.
    """

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if not getattr(settings, "WAGTAILAPI_SEARCH_ENABLED", True):
            raise BadRequestError("search is disabled")
        operator = request.GET.get("search_operator") or None
        if operator is not None and operator.lower() not in PlainText.OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        terms = words(request.GET["search"])
        if not terms:
            return queryset
        try:
            # The portal's one entry point: the database index answers when the cluster is
            # down, and SQLite's per-row relevance score (seconds over thousands of fiches)
            # is never asked for.
            return text_matches(
                queryset, terms, ranked="order" not in request.GET, operator=operator
            )
        except FilterFieldError as error:
            raise BadRequestError(
                f"cannot filter by '{error.field_name}' while searching (field is not indexed)"
            ) from error
        except OrderByFieldError as error:
            raise BadRequestError(
                f"cannot order by '{error.field_name}' while searching (field is not indexed)"
            ) from error
