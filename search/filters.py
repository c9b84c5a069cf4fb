"""From a parent's filters to a queryset of live fiches, without loading pages into Python.

Each filter is a named `Q` (`LocationSearch.conditions`), so the facets can count every
filter value with all *other* filters applied: a parent who ticks "group care" still sees
how many family care locations there would be.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import (
    Avg,
    Case,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from opvanglocaties.choices import AgeGroup, AvailabilityStatus, TariffType
from opvanglocaties.models import (
    AgeGroupAvailability,
    LocationPage,
    OpeningHours,
    PostalCode,
    Region,
)

from . import geo
from .backends import text_matches
from .forms import Availability, Sort, month_end

WORD = re.compile(r"\w+")

# The age from which a child counts as a toddler for the availability per age group.
TODDLER_FROM_MONTHS = 18

# The conditions that go to the search backend with the text: on the index's filter fields
# (`LocationPage.search_fields`), and none that a facet leaves out to count its other values
# (type, tariff, subsidy). Elasticsearch keeps its best matches only; with the same filters
# in every query, the results, their total and the facets count from the same matches.
INDEXED_CONDITIONS = frozenset({"municipality", "neighbourhood", "age", "radius"})


def words(text):
    """The words of a search text, without the operators and quotes of a query syntax.

    Parents type words; quotes, brackets or "OR" from elsewhere would otherwise reach the
    full-text engine as syntax (SQLite's FTS5 rejects an unbalanced quote outright).
    """
    return " ".join(WORD.findall(text or ""))


def age_group_for(months):
    """The availability age group of a child of `months` months."""
    return AgeGroup.TODDLER if months >= TODDLER_FROM_MONTHS else AgeGroup.BABY


def free_rows(until, age_group=None):
    """Availability rows with a place free on or before `until` (for the child's age group)."""
    rows = AgeGroupAvailability.objects.filter(page=OuterRef("pk")).filter(
        Q(status=AvailabilityStatus.FREE_NOW)
        | Q(status=AvailabilityStatus.FREE_FROM, free_from__lte=until)
    )
    if age_group:
        rows = rows.filter(age_group=age_group)
    return rows


def later_rows(age_group=None):
    """Availability rows that promise a free place, now or at any later date."""
    rows = AgeGroupAvailability.objects.filter(
        page=OuterRef("pk"),
        status__in=[AvailabilityStatus.FREE_NOW, AvailabilityStatus.FREE_FROM],
    )
    if age_group:
        rows = rows.filter(age_group=age_group)
    return rows


@dataclass
class LocationSearch:
    """The parsed filters of one search, and the querysets that answer it."""

    data: dict
    region: Region | None = None
    neighbourhood_choices: list = field(default_factory=list)
    notices: list = field(default_factory=list)

    # -- where ---------------------------------------------------------------------------

    @cached_property
    def municipality(self):
        return self.data.get("gemeente")

    @cached_property
    def neighbourhoods(self):
        return self.data.get("wijk") or []

    @cached_property
    def region_municipality_ids(self):
        if self.region is None:
            return None
        # A region without municipalities (not configured yet) does not hide every fiche.
        return set(self.region.municipalities.values_list("pk", flat=True)) or None

    @cached_property
    def neighbouring_municipalities(self):
        """The buurgemeenten added to the search, with the region each belongs to."""
        if not (self.municipality and self.data.get("buurgemeenten")):
            return []
        return list(self.municipality.neighbours.order_by("name_nl").prefetch_related("regions"))

    def municipality_ids(self):
        """The municipalities in scope (before a neighbourhood filter narrows it), or None."""
        if self.municipality:
            return {self.municipality.pk} | {m.pk for m in self.neighbouring_municipalities}
        return self.region_municipality_ids

    def _scope(self, with_neighbourhoods=True):
        ids = self.municipality_ids()
        if with_neighbourhoods and self.neighbourhoods:
            in_neighbourhoods = Q(neighbourhood__in=[n.pk for n in self.neighbourhoods])
            if self.neighbouring_municipalities:
                # A wijk widened to the buurgemeenten: the wijk plus the municipalities around.
                return in_neighbourhoods | Q(
                    municipality__in=[m.pk for m in self.neighbouring_municipalities]
                )
            return in_neighbourhoods
        return Q(municipality__in=ids) if ids is not None else Q()

    # -- from where (distance) -----------------------------------------------------------

    @cached_property
    def origin(self):
        """The point distances are measured from, or None."""
        latitude, longitude = self.data.get("lat"), self.data.get("lng")
        if latitude is not None and longitude is not None:
            return geo.Point(latitude, longitude, _("your position"))
        if self.data.get("postcode"):
            return self._postcode_origin(self.data["postcode"])
        for neighbourhood in self.neighbourhoods:
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
        for filter_ in (
            Q(postcode=code),
            Q(municipality__in=PostalCode.objects.filter(code=code).values("municipality")),
        ):
            centre = (
                LocationPage.objects.live()
                .filter(filter_, latitude__isnull=False)
                .aggregate(latitude=Avg("latitude"), longitude=Avg("longitude"))
            )
            if centre["latitude"] is not None:
                return geo.Point(centre["latitude"], centre["longitude"], code)
        self.notices.append(
            _("We cannot place postcode %(code)s on the map: results are not sorted by distance.")
            % {"code": code}
        )
        return None

    # -- the filters ---------------------------------------------------------------------

    @cached_property
    def age_group(self):
        age = self.data.get("leeftijd")
        return age_group_for(age) if age is not None else None

    @cached_property
    def availability(self):
        """The availability asked for: "nu", "vanaf" or "" (a month alone means "vanaf")."""
        choice = self.data.get("beschikbaar") or ""
        if not choice and self.data.get("vanaf"):
            return Availability.FROM_MONTH
        return choice

    def availability_condition(self, choice):
        """Fiches with a free place for the child: now, or by the month asked for (any month
        when none was given). The facet counts use this too, so a count matches its link."""
        if choice == Availability.NOW:
            return Q(Exists(free_rows(timezone.localdate(), self.age_group)))
        if self.data.get("vanaf"):
            return Q(Exists(free_rows(month_end(self.data["vanaf"]), self.age_group)))
        return Q(Exists(later_rows(self.age_group)))

    @cached_property
    def conditions(self):
        """Every active filter as a named condition; facets leave out their own."""
        data = self.data
        conditions = {"municipality": self._scope(with_neighbourhoods=False)}
        if self.neighbourhoods:
            conditions["neighbourhood"] = self._scope()
        if data.get("type"):
            conditions["type"] = Q(care_type=data["type"])
        if data.get("leeftijd") is not None:
            conditions["age"] = Q(
                min_age_months__lte=data["leeftijd"], max_age_months__gte=data["leeftijd"]
            )
        if data.get("ikt"):
            conditions["tariff"] = Q(tariff_type=TariffType.INCOME_RELATED)
        if data.get("subsidie"):
            conditions["subsidy"] = Q(subsidy_framework__in=data["subsidie"])
        if self.availability:
            conditions["availability"] = self.availability_condition(self.availability)
        hours = self._hours_condition()
        if hours is not None:
            conditions["hours"] = hours
        for code in data.get("taal") or []:
            # The languages are a JSON list; its text holds each code in quotes on every database.
            conditions[f"language_{code}"] = Q(languages__icontains=f'"{code}"')
        if data.get("afstand") and self.origin is None:
            self.notices.append(
                _("Give a postcode, a neighbourhood or your position to search within a distance.")
            )
        elif data.get("afstand"):
            radius = data["afstand"]
            conditions["radius"] = geo.bounding_box(self.origin, radius)
        return conditions

    def _hours_condition(self):
        data = self.data
        day = data.get("dag")
        slots = OpeningHours.objects.filter(page=OuterRef("pk"))
        if day is not None:
            slots = slots.filter(weekday=day)
        parts = []
        if data.get("opent_voor"):
            parts.append(Exists(slots.filter(opens__lte=data["opent_voor"])))
        if data.get("sluit_na"):
            parts.append(Exists(slots.filter(closes__gte=data["sluit_na"])))
        if not parts and day is not None:
            parts.append(Exists(slots))
        if not parts:
            return None
        condition = Q()
        for part in parts:
            condition &= Q(part)
        return condition

    # -- querysets -----------------------------------------------------------------------

    @cached_property
    def _restricted(self):
        # Wagtail's `public()`, with the view restrictions read once per search, not per query.
        return LocationPage.objects.all().private_q()

    @cached_property
    def terms(self):
        """The words of the search text (`words`)."""
        return words(self.data.get("q"))

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
            queryset = text_matches(queryset, self.terms, ranked=ranked)
        queryset = queryset.filter(others)
        if "radius" in self.conditions and "radius" not in leave_out:
            radius = self.data["afstand"]
            queryset = queryset.alias(distance_sq=geo.squared_distance(self.origin)).filter(
                distance_sq__lte=radius * radius
            )
        return queryset

    @cached_property
    def sort(self):
        chosen = self.data.get("sorteer")
        if chosen == Sort.DISTANCE and self.origin is None:
            self.notices.append(
                _("Give a postcode, a neighbourhood or your position to sort by distance.")
            )
            chosen = None
        if chosen == Sort.RELEVANCE and not self.terms:
            chosen = None
        if chosen:
            return chosen
        if self.terms:
            return Sort.RELEVANCE
        if self.origin is not None:
            return Sort.DISTANCE
        return Sort.AVAILABILITY

    def results(self):
        """The fiches to show, in the chosen order, with what a result card needs."""
        queryset = self.filtered(ranked=self.sort == Sort.RELEVANCE).select_related(
            "municipality", "neighbourhood"
        )
        if self.origin is not None:
            queryset = queryset.annotate(distance_sq=geo.squared_distance(self.origin))
        if self.sort == Sort.DISTANCE:
            # A fiche without a position has no distance: last, not first (SQLite sorts NULL
            # before any number).
            return queryset.order_by(F("distance_sq").asc(nulls_last=True), "title", "pk")
        if self.sort == Sort.NAME:
            return queryset.order_by("title", "pk")
        if self.sort == Sort.AVAILABILITY:
            today = timezone.localdate()
            first_free = (
                later_rows(self.age_group)
                .annotate(
                    day=Case(
                        When(status=AvailabilityStatus.FREE_NOW, then=Value(today)),
                        default=F("free_from"),
                    )
                )
                .order_by()
                .values("page")
                .annotate(first=Min("day"))
                .values("first")
            )
            queryset = queryset.annotate(first_free=Subquery(first_free[:1]))
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
        own = self.region.pk if self.region else None
        return {
            municipality.pk
            for municipality in self.neighbouring_municipalities
            if municipality.regions.all() and own not in {r.pk for r in municipality.regions.all()}
        }
