"""Result counts per filter value, each counted with all the other filters applied.

Two queries, whatever the number of fiches. The first groups the fiches that pass every
non-facet filter by the facets' own values (type of care, tariff, subsidy framework, free now,
free later): a few dozen rows at most, from which Python adds up every count and the total.
The second groups by place for the wijk and municipality facets.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opvanglocaties.choices import CareType, SubsidyFramework, TariffType

from .forms import Availability


@dataclass
class FacetValue:
    """One value of a facet: what choosing it sets, its label, and how many results it gives."""

    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class Facet:
    """A facet over one column of the grouped rows (`column`), filtered as `condition`."""

    name: str  # the URL parameter
    condition: str  # the name of its filter in `LocationSearch.conditions`
    column: str


FIELD_FACETS = [
    Facet("type", "type", "care_type"),
    Facet("ikt", "tariff", "tariff_type"),
    Facet("subsidie", "subsidy", "subsidy_framework"),
]
AVAILABILITY = Facet("beschikbaar", "availability", "availability")
FACETS = [*FIELD_FACETS, AVAILABILITY]


def _values(search):
    """Each facet's values as (value, label)."""
    return {
        "type": CareType.choices,
        "ikt": [(TariffType.INCOME_RELATED, TariffType.INCOME_RELATED.label)],
        "subsidie": SubsidyFramework.choices,
        "beschikbaar": _availability_labels(search),
    }


def _has(row, facet, value):
    """Whether the fiches of a grouped row have `value` for `facet`."""
    if facet is AVAILABILITY:
        return bool(row[Availability.NOW if value == Availability.NOW else Availability.FROM_MONTH])
    return row[facet.column] == value


def _chosen(search):
    """The values the search filters on, per facet that is active: {facet: {value, …}}."""
    data = search.data
    chosen = {}
    if data.get("type"):
        chosen["type"] = {data["type"]}
    if data.get("ikt"):
        chosen["ikt"] = {TariffType.INCOME_RELATED}
    if data.get("subsidie"):
        chosen["subsidie"] = set(data["subsidie"])
    if search.availability:
        chosen["beschikbaar"] = {search.availability}
    return chosen


def _grouped_rows(search):
    """Counts of the fiches passing every non-facet filter, grouped by the facets' values."""
    return list(
        search.filtered(leave_out={facet.condition for facet in FACETS})
        .order_by()
        .annotate(
            **{
                Availability.NOW: search.availability_condition(Availability.NOW),
                Availability.FROM_MONTH: search.availability_condition(Availability.FROM_MONTH),
            }
        )
        .values(
            *(facet.column for facet in FIELD_FACETS), Availability.NOW, Availability.FROM_MONTH
        )
        .annotate(n=Count("pk"))
    )


def facets(search):
    """The facets of a `LocationSearch`, as {name: [FacetValue, …]}, plus "total"."""
    rows = _grouped_rows(search)
    chosen = _chosen(search)

    def passes(row, except_facet=None):
        return all(
            any(_has(row, facet, value) for value in chosen[facet.name])
            for facet in FACETS
            if facet.name in chosen and facet is not except_facet
        )

    values = _values(search)
    result = {}
    for facet in FACETS:
        candidates = [row for row in rows if passes(row, except_facet=facet)]
        result[facet.name] = [
            FacetValue(
                value,
                label,
                sum(row["n"] for row in candidates if _has(row, facet, value)),
                value in chosen.get(facet.name, ()),
            )
            for value, label in values[facet.name]
        ]
    # The number of results, from the same rows: the search page need not count them again.
    result["total"] = sum(row["n"] for row in rows if passes(row))
    places = _place_counts(search)
    result["wijk"] = _neighbourhood_facet(search, places)
    result["gemeente"] = _municipality_facet(search, places)
    return result


def _availability_labels(search):
    month = search.data.get("vanaf")
    later = (
        _("Free by %(month)s") % {"month": date_format(month, "F Y")}
        if month
        else _("Free now or later")
    )
    return [(Availability.NOW, _("Free now")), (Availability.FROM_MONTH, later)]


def _place_counts(search):
    """Counts per (municipality, neighbourhood) without the neighbourhood filter, or None.

    One grouped query feeds both place facets.
    """
    if not (search.neighbourhood_choices or search.neighbouring_municipalities):
        return None
    rows = (
        search.filtered(leave_out={"neighbourhood"})
        .order_by()
        .values_list("municipality", "neighbourhood")
        .annotate(n=Count("pk"))
    )
    return {(municipality, neighbourhood): n for municipality, neighbourhood, n in rows}


def _neighbourhood_facet(search, places):
    """Counts per neighbourhood of the chosen municipality (or the region's)."""
    if not search.neighbourhood_choices:
        return []
    counts = {}
    for (_municipality, neighbourhood), n in places.items():
        counts[neighbourhood] = counts.get(neighbourhood, 0) + n
    chosen = {n.pk for n in search.neighbourhoods}
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
    municipalities = [search.municipality, *search.neighbouring_municipalities]
    return [FacetValue(m.slug, m.name_nl, counts.get(m.pk, 0)) for m in municipalities]
