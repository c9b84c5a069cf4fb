"""Result counts per filter value, each counted with all the other filters applied.

One query, whatever the number of fiches: it groups the fiches that pass every non-facet
filter by the facets' own values (type of care, tariff, subsidy framework, free now, free
later, availability unknown or unconfirmed) and, when the page shows place facets, by
municipality and wijk: a few dozen rows, at most a few hundred, from which Python adds up
every count and the total.

Each facet has one name: the filter it counts (`LocationSearch.conditions`) and its key in
`facets()`. Its URL parameter (Dutch) is the search form's business.

Most parents pick a place and then click facets: for a search filtered by nothing but its
place, the grouped rows are the same for every facet chosen, so they are kept in the shared
cache per place, day and publication generation (`kept_rows_key`), like the result cards.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import cache as page_cache
from opvanglocaties.choices import CareType, SubsidyFramework, TariffType

from .choices import Availability
from .filters import FREE_LATER_BIT, FREE_NOW_BIT

# The grouped rows' columns for the three availability values.
FREE_NOW, FREE_LATER, UNKNOWN = "free_now", "free_later", "availability_unknown"
AVAILABILITY_COLUMNS = {
    Availability.NOW: FREE_NOW,
    Availability.FROM_MONTH: FREE_LATER,
    Availability.UNKNOWN: UNKNOWN,
}


@dataclass
class FacetValue:
    """One value of a facet: what choosing it sets, its label, and how many results it gives."""

    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class Facet:
    """A facet: its name (that of the filter it counts) and its column in the grouped rows."""

    name: str
    column: str


FIELD_FACETS = [
    Facet("care_type", "care_type"),
    Facet("tariff", "tariff_type"),
    Facet("subsidy", "subsidy_framework"),
]
AVAILABILITY = Facet("availability", "availability")
FACETS = [*FIELD_FACETS, AVAILABILITY]
FACET_NAMES = frozenset(facet.name for facet in FACETS)


def _values(search):
    """Each facet's values as (value, label)."""
    return {
        "care_type": CareType.choices,
        "tariff": [(TariffType.INCOME_RELATED, TariffType.INCOME_RELATED.label)],
        "subsidy": SubsidyFramework.choices,
        "availability": _availability_labels(search),
    }


def _has(row, facet, value):
    """Whether the fiches of a grouped row have `value` for `facet`."""
    if facet is AVAILABILITY:
        return bool(row[AVAILABILITY_COLUMNS[value]])
    return row[facet.column] == value


def _chosen(search):
    """The values the search filters on, per facet that is active: {facet name: {value, …}}."""
    query = search.query
    chosen = {}
    if query.care_type:
        chosen["care_type"] = {query.care_type}
    if query.income_related_tariff:
        chosen["tariff"] = {TariffType.INCOME_RELATED}
    if query.subsidy_frameworks:
        chosen["subsidy"] = set(query.subsidy_frameworks)
    if search.availability:
        chosen["availability"] = {search.availability}
    return chosen


def _counts_places(search):
    """Whether the search shows the place facets (wijken, or a municipality and its buren)."""
    return bool(search.neighbourhood_choices or search.neighbouring_municipalities)


# The only condition grouped rows are kept under: its values are municipalities, read from the
# database, so the keys stay bounded by the tables whatever visitors type.
KEPT_CONDITIONS = frozenset({"municipality"})


def kept_rows_key(search, leave_out, with_places):
    """The shared cache's key for the grouped rows of `search`, or None when they are not
    kept: with a text, or any filter besides the place and the facets (an age, hours, a
    distance), or when nothing is kept (`FRAGMENT_CACHE_SECONDS` 0, as in the tests).

    Besides the place the rows depend on the day (free now, the freshness cut-off) and the
    month asked for, and on what is published (the generation: a publish, an unpublish, a
    move, an availability confirmation, a view restriction).
    """
    if not settings.FRAGMENT_CACHE_SECONDS or search.terms:
        return None
    if not search.conditions.keys() - leave_out <= KEPT_CONDITIONS:
        return None
    ids = search.municipality_ids()
    month = search.query.free_by_month
    parts = (
        timezone.localdate().isoformat(),
        search.stale_before.isoformat(),
        month.isoformat() if month else "",
        "places" if with_places else "",
        ",".join(str(pk) for pk in sorted(ids)) if ids is not None else "all",
    )
    # A region's list of municipalities can be long: hashed, the key stays short.
    digest = hashlib.blake2b(":".join(parts).encode(), digest_size=16).hexdigest()
    return f"facet-rows:{page_cache.generation()}:{digest}"


def _grouped_rows(search, with_places):
    """Counts of the fiches passing every non-facet filter, grouped by the facets' values.

    `with_places`: grouped by municipality and wijk too, and without the wijk filter, which
    the rows then say in `in_neighbourhoods` (the place facets count the other wijken): one
    query for what took two, at a few dozen more rows.
    """
    leave_out = FACET_NAMES | {"neighbourhood"} if with_places else FACET_NAMES
    key = kept_rows_key(search, leave_out, with_places)
    store = caches[settings.PAGE_CACHE_ALIAS]
    # The cache hands out its own copy (it pickles): the rows below are this request's.
    rows = store.get(key) if key else None
    if rows is None:
        rows = _count_rows(search, leave_out, with_places)
        if key:
            store.set(key, rows, settings.FRAGMENT_CACHE_SECONDS)
    for row in rows:
        row["in_neighbourhoods"] = not with_places or search.in_neighbourhoods(
            row["municipality"], row["neighbourhood"]
        )
    return rows


def _count_rows(search, leave_out, with_places):
    places = ("municipality", "neighbourhood") if with_places else ()
    rows = list(
        search.filtered(leave_out=leave_out)
        .order_by()
        .annotate(current=search.current_condition(), code=search.availability_code())
        .values(*(facet.column for facet in FIELD_FACETS), "current", "code", *places)
        .annotate(n=Count("pk"))
    )
    for row in rows:
        # `availability_condition`'s three values, from the current flag and the code.
        current, code = row.pop("current"), row.pop("code")
        row[FREE_NOW] = bool(current and code and code & FREE_NOW_BIT)
        row[FREE_LATER] = bool(current and code and code & FREE_LATER_BIT)
        row[UNKNOWN] = not current or code is None
    return rows


def facets(search):
    """The facets of a `LocationSearch`, as {name: [FacetValue, …]}, plus "total".

    The names: "care_type", "tariff", "subsidy", "availability", "neighbourhood" and
    "municipality" (the last two only when the search offers wijken or buurgemeenten).
    """
    with_places = _counts_places(search)
    all_rows = _grouped_rows(search, with_places)
    chosen = _chosen(search)
    active = [facet for facet in FACETS if facet.name in chosen]
    for row in all_rows:
        # The chosen facets this row's fiches fail, worked out once per row: a row counts
        # for a facet's values when it fails no other chosen facet.
        row["fails"] = [
            facet
            for facet in active
            if not any(_has(row, facet, value) for value in chosen[facet.name])
        ]
    rows = [row for row in all_rows if row["in_neighbourhoods"]]

    def passes(row, except_facet=None):
        fails = row["fails"]
        return not fails or (len(fails) == 1 and fails[0] is except_facet)

    values = _values(search)
    result = {}
    for facet in FACETS:
        counts = {}
        for row in rows:
            if passes(row, except_facet=facet):
                for value in _row_values(row, facet):
                    counts[value] = counts.get(value, 0) + row["n"]
        result[facet.name] = [
            FacetValue(value, label, counts.get(value, 0), value in chosen.get(facet.name, ()))
            for value, label in values[facet.name]
        ]
    # The number of results, from the same rows: the search page need not count them again.
    result["total"] = sum(row["n"] for row in rows if passes(row))
    places = _place_counts(all_rows, passes) if with_places else None
    result["neighbourhood"] = _neighbourhood_facet(search, places)
    result["municipality"] = _municipality_facet(search, places)
    return result


def _row_values(row, facet):
    """The values of `facet` the fiches of a grouped row have."""
    if facet is AVAILABILITY:
        return [value for value, column in AVAILABILITY_COLUMNS.items() if row[column]]
    return (row[facet.column],)


def _availability_labels(search):
    month = search.query.free_by_month
    later = (
        _("Free by %(month)s") % {"month": date_format(month, "F Y")}
        if month
        else _("Free now or later")
    )
    return [
        (Availability.NOW, _("Free now")),
        (Availability.FROM_MONTH, later),
        (Availability.UNKNOWN, _("Unknown or not confirmed")),
    ]


def _place_counts(rows, passes):
    """Counts per (municipality, neighbourhood) of the rows passing every facet filter, with
    or without the wijk filter (the place facets show the other wijken's counts too)."""
    counts = {}
    for row in rows:
        if passes(row):
            key = (row["municipality"], row["neighbourhood"])
            counts[key] = counts.get(key, 0) + row["n"]
    return counts


def _neighbourhood_facet(search, places):
    """Counts per neighbourhood of the chosen municipality (or the region's)."""
    if not search.neighbourhood_choices:
        return []
    counts = {}
    for (_municipality, neighbourhood), n in places.items():
        counts[neighbourhood] = counts.get(neighbourhood, 0) + n
    chosen = {n.pk for n in search.query.neighbourhoods}
    return [
        FacetValue(n.choice_value, n.label, counts.get(n.pk, 0), n.pk in chosen)
        for n in search.neighbourhood_choices
        if counts.get(n.pk) or n.pk in chosen
    ]


def _municipality_facet(search, places):
    """Counts per municipality when the search spans several (a municipality and its buren)."""
    if not search.neighbouring_municipalities:
        return []
    counts = {}
    for (municipality, _neighbourhood), n in places.items():
        counts[municipality] = counts.get(municipality, 0) + n
    municipalities = [search.query.municipality, *search.neighbouring_municipalities]
    return [FacetValue(m.slug, m.name_nl, counts.get(m.pk, 0)) for m in municipalities]
