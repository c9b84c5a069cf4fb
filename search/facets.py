"""Result counts per filter value, each counted with all the other filters applied.

Two queries, whatever the number of fiches: one for the fixed-value facets (and the total),
one grouped by place for the wijk and municipality facets.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
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


# The facets counted together in one query: (facet name, condition name, field, values).
FIELD_FACETS = [
    ("type", "type", "care_type", CareType.choices),
    (
        "ikt",
        "tariff",
        "tariff_type",
        [(TariffType.INCOME_RELATED, TariffType.INCOME_RELATED.label)],
    ),
    ("subsidie", "subsidy", "subsidy_framework", SubsidyFramework.choices),
]


def _except(search, *names):
    """The conditions of the facets named, all but the ones in `names`, ANDed together."""
    condition = Q()
    for _facet, condition_name, _field, _values in FIELD_FACETS:
        if condition_name not in names and condition_name in search.conditions:
            condition &= search.conditions[condition_name]
    if "availability" not in names and "availability" in search.conditions:
        condition &= search.conditions["availability"]
    return condition


def facets(search):
    """The facets of a `LocationSearch`, as {name: [FacetValue, …]}, plus "total".

    The type, tariff, subsidy and availability counts come from one query: the other filters
    apply to the whole query, and each count adds the conditions of the other facets. The
    total number of results is counted in the same query.
    """
    data = search.data
    left_out = {"type", "tariff", "subsidy", "availability"}
    aggregates = {}
    for facet_name, condition_name, field, values in FIELD_FACETS:
        others = _except(search, condition_name)
        for value, _label in values:
            aggregates[f"{facet_name}__{value}"] = Count("pk", filter=others & Q(**{field: value}))
    others = _except(search, "availability")
    for value in (Availability.NOW, Availability.FROM_MONTH):
        aggregates[f"beschikbaar__{value}"] = Count(
            "pk", filter=others & search.availability_condition(value)
        )
    # The number of results, in the same pass: the search page need not count them again.
    aggregates["total"] = Count("pk", filter=_except(search))
    counts = search.filtered(leave_out=left_out).aggregate(**aggregates)

    def selected(facet_name, value):
        if facet_name == "ikt":
            return bool(data.get("ikt"))
        if facet_name == "subsidie":
            return value in (data.get("subsidie") or [])
        return data.get(facet_name) == value

    result = {
        facet_name: [
            FacetValue(value, label, counts[f"{facet_name}__{value}"], selected(facet_name, value))
            for value, label in values
        ]
        for facet_name, _condition, _field, values in FIELD_FACETS
    }
    result["beschikbaar"] = [
        FacetValue(value, label, counts[f"beschikbaar__{value}"], search.availability == value)
        for value, label in _availability_labels(search)
    ]
    result["total"] = counts["total"]
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
