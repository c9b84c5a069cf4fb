"""From a `SearchQuery` to a queryset of live fiches, without loading pages into Python.

Each filter is a named `Q` (`LocationSearch.conditions`), so the facets can count every
filter value with all *other* filters applied: a parent who ticks "group care" still sees
how many family care locations there would be.
"""

import calendar
import re
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from opvanglocaties import contracts, first_free, freshness
from opvanglocaties.choices import AgeGroup, TariffType
from opvanglocaties.models import (
    LocationPage,
    OpeningHours,
    Region,
)
from opvanglocaties.presenters import CARD_SELECT

from . import geo, geography
from .backends import matching_ids, name_first, ranks_per_row, text_matches
from .choices import Availability, Sort
from .query import SearchQuery

WORD = re.compile(r"\w+")

# The age from which a child counts as a toddler for the availability per age group.
TODDLER_FROM_MONTHS = 18

# The conditions that go to the search backend with the text: on the index's filter fields
# (`LocationPage.search_fields`), and none that a facet leaves out to count its other values
# (type, tariff, subsidy). Elasticsearch keeps its best matches only; with the same filters
# in every query, the results, their total and the facets count from the same matches.
INDEXED_CONDITIONS = frozenset({"municipality", "neighbourhood", "age", "radius"})
# The conditions the text's matches are read within (`LocationSearch.matching_ids`): those
# that every query of a search page keeps (the place facets leave out the wijken, no query
# leaves out these). A common word matches three quarters of the fiches; within the place
# asked for the list is a few hundred ids, and every query after it filters by that list.
MATCH_SCOPE = frozenset({"municipality", "age", "radius"})


def words(text):
    """The words of a search text, without the operators and quotes of a query syntax.

    Parents type words; quotes, brackets or "OR" from elsewhere would otherwise reach the
    full-text engine as syntax (SQLite's FTS5 rejects an unbalanced quote outright).
    """
    return " ".join(WORD.findall(text or ""))


def month_end(first_day):
    """The last day of the month that starts on `first_day`."""
    return first_day.replace(day=calendar.monthrange(first_day.year, first_day.month)[1])


def age_group_for(months):
    """The availability age group of a child of `months` months."""
    return AgeGroup.TODDLER if months >= TODDLER_FROM_MONTHS else AgeGroup.BABY


# The bits of `LocationSearch.availability_code()`.
HAS_ROWS, FREE_LATER_BIT, FREE_NOW_BIT = 1, 2, 4


@dataclass
class LocationSearch:
    """One `SearchQuery` in a region, and the querysets that answer it."""

    query: SearchQuery
    region: Region | None = None
    # The wijken the form offered, as `SearchForm.neighbourhood_choices` (for the facet).
    neighbourhood_choices: list = field(default_factory=list)
    # The fiches' positions that distances are measured to (`open_data.privacy` for the
    # downloads, which must not tell more of a childminder's home than they publish).
    positions: geo.Positions = geo.EXACT

    # -- where ---------------------------------------------------------------------------

    @cached_property
    def region_municipality_ids(self):
        if self.region is None:
            return None
        # A region without municipalities (not configured yet) does not hide every fiche.
        # (Read once per publication generation with the region: Region.municipality_ids.)
        return set(self.region.municipality_ids()) or None

    @cached_property
    def neighbouring_municipalities(self):
        """The buurgemeenten added to the search, with the region each belongs to."""
        municipality = self.query.municipality
        if not (municipality and self.query.include_neighbours):
            return []
        return geography.neighbours(municipality)

    def municipality_ids(self):
        """The municipalities in scope (before a neighbourhood filter narrows it), or None."""
        if self.query.municipality:
            return {self.query.municipality.pk} | {m.pk for m in self.neighbouring_municipalities}
        return self.region_municipality_ids

    def _scope(self, with_neighbourhoods=True):
        ids = self.municipality_ids()
        if with_neighbourhoods and self.query.neighbourhoods:
            in_neighbourhoods = Q(neighbourhood__in=[n.pk for n in self.query.neighbourhoods])
            if self.neighbouring_municipalities:
                # A wijk widened to the buurgemeenten: the wijk plus the municipalities around.
                return in_neighbourhoods | Q(
                    municipality__in=[m.pk for m in self.neighbouring_municipalities]
                )
            return in_neighbourhoods
        return Q(municipality__in=ids) if ids is not None else Q()

    @cached_property
    def _wijk_filter_ids(self):
        # (chosen wijken, buurgemeenten added to them), as ids for `in_neighbourhoods`.
        return (
            {n.pk for n in self.query.neighbourhoods},
            {m.pk for m in self.neighbouring_municipalities},
        )

    def in_neighbourhoods(self, municipality_id, neighbourhood_id):
        """Whether a fiche in this municipality and wijk passes the wijk filter: `_scope()`'s
        condition in Python, for rows read without it (the place facets)."""
        wijken, neighbours = self._wijk_filter_ids
        return not wijken or neighbourhood_id in wijken or municipality_id in neighbours

    # -- from where (distance) -----------------------------------------------------------

    @cached_property
    def origin(self):
        """The point distances are measured from, or None (`notices()` says why)."""
        query = self.query
        if query.position is not None:
            return geo.Point(*query.position, _("your position"))
        if query.postcode:
            return self._postcode_origin(query.postcode)
        for neighbourhood in (query.origin_neighbourhood, *query.neighbourhoods):
            if neighbourhood is None:
                continue
            if neighbourhood.min_latitude is not None:
                return geo.Point(
                    (neighbourhood.min_latitude + neighbourhood.max_latitude) / 2,
                    (neighbourhood.min_longitude + neighbourhood.max_longitude) / 2,
                    neighbourhood.name,
                )
        return None

    def _postcode_origin(self, code):
        # No address register offline: the middle of the fiches with that postcode, else of
        # the fiches of the municipality it serves, stands in for the postcode's position.
        centre = geography.postcode_centre(code, self.positions)
        return geo.Point(*centre, code) if centre is not None else None

    # -- the filters ---------------------------------------------------------------------

    @cached_property
    def age_group(self):
        age = self.query.age_months
        return age_group_for(age) if age is not None else None

    @cached_property
    def availability(self):
        """The availability asked for: an `Availability`, or "" (a month alone: FROM_MONTH)."""
        if self.query.availability:
            return self.query.availability
        return Availability.FROM_MONTH if self.query.free_by_month else ""

    @cached_property
    def stale_before(self):
        """The region's freshness cut-off: availability confirmed earlier is unknown."""
        return freshness.stale_before(self.region)

    def availability_condition(self, choice):
        """Fiches with a free place for the child: now, or by the month asked for (any month
        when none was given); or, for UNKNOWN, fiches that say neither. The facet counts use
        this too, so a count matches its link.

        Availability the location has not confirmed within the region's freshness period
        promises nothing (issue 14): it counts as unknown, not as free. Read from the
        fiche's own row (`first_free`), not from its availability rows.
        """
        current = freshness.current_q(self.stale_before)
        if choice == Availability.UNKNOWN:
            return (
                ~current | Q(availability_confirmed_on__isnull=True) | first_free.without_rows_q()
            )
        if choice == Availability.NOW:
            return current & self._free_now_q()
        return current & self._free_later_q()

    def _free_now_q(self):
        return first_free.free_by_q(timezone.localdate(), self.age_group)

    def _free_later_q(self):
        # The "free later" of the availability filter: by the month asked for, or any date.
        if self.query.free_by_month:
            return first_free.free_by_q(month_end(self.query.free_by_month), self.age_group)
        return first_free.free_later_q(self.age_group)

    def availability_code(self):
        """The availability facet's three conditions as one value per fiche, for the facets'
        grouped query: NULL for a fiche without availability rows, else `HAS_ROWS`, plus
        `FREE_LATER_BIT` and `FREE_NOW_BIT` when the fiche promises a place to the child's
        age group (`availability_condition`'s FROM_MONTH and NOW without the freshness, which
        `current_condition` gives)."""

        def bit(condition, value):
            return Case(When(condition, then=Value(value)), default=Value(0))

        return Case(
            When(first_free.without_rows_q(), then=None),
            default=bit(self._free_now_q(), FREE_NOW_BIT)
            + bit(self._free_later_q(), FREE_LATER_BIT)
            + Value(HAS_ROWS),
            output_field=IntegerField(),
        )

    def current_condition(self):
        """Whether a fiche's availability is current, as a value (NULL when never confirmed)."""
        return ExpressionWrapper(
            freshness.current_q(self.stale_before), output_field=BooleanField()
        )

    @cached_property
    def conditions(self):
        """Every active filter as a named condition; a facet leaves out its own."""
        query = self.query
        conditions = {"municipality": self._scope(with_neighbourhoods=False)}
        if query.neighbourhoods:
            conditions["neighbourhood"] = self._scope()
        if query.care_type:
            conditions["care_type"] = Q(care_type=query.care_type)
        if query.age_months is not None:
            conditions["age"] = Q(
                min_age_months__lte=query.age_months, max_age_months__gte=query.age_months
            )
        if query.income_related_tariff:
            conditions["tariff"] = Q(tariff_type=TariffType.INCOME_RELATED)
        if query.subsidy_frameworks:
            conditions["subsidy"] = Q(subsidy_framework__in=query.subsidy_frameworks)
        if self.availability:
            conditions["availability"] = self.availability_condition(self.availability)
        hours = self._hours_condition()
        if hours is not None:
            conditions["hours"] = hours
        if query.days_per_week is not None:
            conditions["days"] = contracts.days_q(query.days_per_week)
        if query.contract_forms:
            conditions["contract"] = contracts.offers_q(query.contract_forms)
        for code in query.languages:
            # The languages are a JSON list; its text holds each code in quotes on every database.
            conditions[f"language_{code}"] = Q(languages__icontains=f'"{code}"')
        if query.radius_km and self.origin is not None:
            conditions["radius"] = geo.bounding_box(
                self.origin, query.radius_km, margin=self.positions.margin
            )
        return conditions

    def _hours_condition(self):
        query = self.query
        slots = OpeningHours.objects.filter(page=OuterRef("pk"))
        if query.weekday is not None:
            slots = slots.filter(weekday=query.weekday)
        parts = []
        if query.opens_by:
            parts.append(Exists(slots.filter(opens__lte=query.opens_by)))
        if query.closes_from:
            parts.append(Exists(slots.filter(closes__gte=query.closes_from)))
        if not parts and query.weekday is not None:
            parts.append(Exists(slots))
        if not parts:
            return None
        condition = Q()
        for part in parts:
            condition &= Q(part)
        return condition

    def notices(self):
        """What the parent should know about how the search ran: a postcode that cannot be
        placed, and a distance or an order by distance with nowhere to measure from (both
        are then left out)."""
        query = self.query
        notices = []
        if query.postcode and query.position is None and self.origin is None:
            notices.append(
                _(
                    "We cannot place postcode %(code)s on the map: results are not sorted by "
                    "distance."
                )
                % {"code": query.postcode}
            )
        if query.radius_km and self.origin is None:
            notices.append(
                _("Give a postcode, a neighbourhood or your position to search within a distance.")
            )
        if query.sort == Sort.DISTANCE and self.origin is None:
            notices.append(
                _("Give a postcode, a neighbourhood or your position to sort by distance.")
            )
        return notices

    # -- querysets -----------------------------------------------------------------------

    @cached_property
    def _restricted(self):
        # Wagtail's `public()`, with the view restrictions read once per publication.
        return geography.private_pages_q()

    @cached_property
    def terms(self):
        """The words of the search text (`words`)."""
        return words(self.query.text)

    def filtered(self, leave_out=(), ranked=False):
        """Live public fiches matching the text and every filter but those in `leave_out`.

        The place, age and distance filters go to the search backend with the text:
        Elasticsearch applies them before it keeps its best matches
        (`backends.MAX_INDEX_MATCHES`), so a text search in Gent is not cut off by matches
        elsewhere in Flanders. The others (type, tariff, subsidy, availability, hours,
        languages, view restrictions) follow in SQL.
        """
        # One filter() per group of conditions: each call copies the whole query.
        indexed, others = Q(), ~self._restricted
        for name, condition in self.conditions.items():
            if name in leave_out:
                continue
            if name in INDEXED_CONDITIONS:
                indexed &= condition
            else:
                others &= condition
        queryset = LocationPage.objects.live().filter(indexed)
        if self.terms:
            queryset = self._text_filter(queryset, ranked, leave_out)
        queryset = queryset.filter(others)
        if "radius" in self.conditions and "radius" not in leave_out:
            radius = self.query.radius_km
            queryset = queryset.alias(
                distance_sq=geo.squared_distance(self.origin, self.positions)
            ).filter(distance_sq__lte=radius * radius)
        return queryset

    @cached_property
    def matching_ids(self):
        """The ids of the fiches in scope (`MATCH_SCOPE`) whose text matches, read once per
        search (a database index), or None (a search server, asked per query:
        `backends.matching_ids`)."""
        scope = Q()
        for name in MATCH_SCOPE & self.conditions.keys():
            scope &= self.conditions[name]
        return matching_ids(LocationPage.objects.order_by().filter(scope), self.terms)

    def _text_filter(self, queryset, ranked, leave_out=()):
        # The facets, the place counts and the page filter by the ids matched once; only an
        # index that scores relevance itself (PostgreSQL's) matches again, to rank the page.
        # A query without one of the scope's conditions cannot use the scoped list.
        ids = None if MATCH_SCOPE & set(leave_out) else self.matching_ids
        if ids is None or (ranked and not ranks_per_row("default")):
            return text_matches(queryset, self.terms, ranked=ranked)
        if not ids:
            return queryset.none()
        # The ids as literal integers: Django would check and bind each of thousands of
        # parameters on every query (about 20 ms for 6,000), SQLite reads a list at once.
        listed = RawSQL(",".join(str(int(pk)) for pk in ids), ())
        queryset = queryset.filter(pk__in=listed)
        return name_first(queryset, self.terms) if ranked else queryset

    @cached_property
    def sort(self):
        """The order of the results: the one chosen when it can be followed, else the default
        (best match for a text, distance from a place, else the earliest free place)."""
        chosen = self.query.sort
        if chosen == Sort.DISTANCE and self.origin is None:
            chosen = ""
        if chosen == Sort.RELEVANCE and not self.terms:
            chosen = ""
        if chosen:
            return chosen
        if self.terms:
            return Sort.RELEVANCE
        if self.origin is not None:
            return Sort.DISTANCE
        return Sort.AVAILABILITY

    def results(self):
        """The fiches to show, in the chosen order, with what a result card needs."""
        queryset = self.filtered(ranked=self.sort == Sort.RELEVANCE).select_related(*CARD_SELECT)
        if self.origin is not None:
            queryset = queryset.annotate(
                distance_sq=geo.squared_distance(self.origin, self.positions)
            )
        if self.sort == Sort.DISTANCE:
            # A fiche without a position has no distance: last, not first (SQLite sorts NULL
            # before any number).
            return queryset.order_by(F("distance_sq").asc(nulls_last=True), "title", "pk")
        if self.sort == Sort.NAME:
            return queryset.order_by("title", "pk")
        if self.sort == Sort.AVAILABILITY:
            # A place free by today (free now, or from a date gone by) sorts as today.
            today = timezone.localdate()
            current = freshness.current_q(self.stale_before)
            # Availability no longer confirmed promises no date: it goes with the full ones.
            queryset = queryset.annotate(
                first_free=Case(
                    When(current & self._free_now_q(), then=Value(today)),
                    When(current, then=F(first_free.column(self.age_group))),
                    default=None,
                )
            )
            return queryset.order_by(
                Case(
                    When(first_free__isnull=True, then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                ),
                "first_free",
                "title",
                "pk",
            )
        return queryset  # by relevance: the text search's own order

    @cached_property
    def municipalities_in_other_regions(self):
        """Ids of the buurgemeenten served by another region (not by this one, nor by none)."""
        return {pk for pk, names in self.other_region_names.items() if names} & {
            m.pk for m in self.neighbouring_municipalities
        }

    @cached_property
    def other_region_names(self):
        """{municipality id: the names of the regions serving it} for every municipality in
        scope that this region does not serve ("" for one no region serves).

        Only the municipality asked for and its buurgemeenten can lie outside the region (the
        region's own municipalities are the scope otherwise). Which regions serve which
        municipality is read once per publication generation (`geography.regions_serving`).
        """
        own = self.region.pk if self.region else None
        candidates = list(self.neighbouring_municipalities)
        asked = self.query.municipality
        if asked is not None and (
            self.region_municipality_ids is None or asked.pk not in self.region_municipality_ids
        ):
            candidates.append(asked)
        names = {}
        for municipality in candidates:
            regions = geography.regions_serving(municipality.pk)
            if own not in {r.pk for r in regions}:
                names[municipality.pk] = ", ".join(r.name for r in regions)
        return names

    @cached_property
    def uncovered_neighbours(self):
        """The buurgemeenten where the portal lists no location at all, whatever the filters
        (a "(0)" there means the portal does not cover it, not that it is full)."""
        ids = [m.pk for m in self.neighbouring_municipalities]
        if not ids:
            return []
        listed = geography.listed_municipality_ids()
        return [m for m in self.neighbouring_municipalities if m.pk not in listed]
