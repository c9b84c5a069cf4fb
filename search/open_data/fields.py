"""Which facts of a fiche the open data publish, and how each format writes them: one list.

Published facts only, nothing about people: no contact person, e-mail address, phone number,
staff group or owner (they are on the fiche for parents, not for bulk harvesting), and a
childminder's home only as `privacy.published_address` gives it. A field added to the model
is not public until a row is added here. Each row says how the JSON API serialises the fact
(`api`) and which columns it fills in the downloads, CSV and GeoJSON (`columns`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from rest_framework.fields import Field
from wagtail.api import APIField

from opvanglocaties.presenters import OSM_WEEKDAYS, opening_hours_summary

from .privacy import published_address
from .serializers import (
    AvailabilitySerializer,
    ClosingPeriodSerializer,
    MunicipalitySerializer,
    NeighbourhoodSerializer,
    OpeningHoursSerializer,
    PriorityRuleNamesField,
    PublishedAddressField,
)


@dataclass(frozen=True)
class Column:
    """A column of the downloads: its name and its value for a fiche, `value(fiche, request)`."""

    name: str
    value: Callable


@dataclass(frozen=True)
class PublicField:
    """One published fact of a fiche.

    `api`: True for the model field as it is, a serializer for another form, False when the
    API does not add it (Wagtail's own `id`, `title` and `meta.html_url`, or not in the API).
    `columns`: what it fills in the downloads (none: the API only).
    """

    name: str
    api: bool | Field = True
    columns: tuple = field(default=())


def attribute(name):
    """The column `name` holding the fiche's attribute of that name."""
    return Column(name, lambda fiche, request: getattr(fiche, name))


def address(part):
    """The column of one part of the address as the open data publish it."""
    return Column(part, lambda fiche, request: getattr(published_address(fiche), part))


def iso_date(name):
    """The column of a date or time as ISO 8601, empty without one."""

    def value(fiche, request):
        moment = getattr(fiche, name)
        return moment.isoformat() if moment else ""

    return Column(name, value)


def _availability(fiche, request):
    # "baby: free_now; toddler: free_from 2027-03-01": codes, the same in every language.
    return "; ".join(
        f"{row.age_group}: {row.status}"
        + (f" {row.free_from.isoformat()}" if row.free_from else "")
        for row in fiche.availability.all()
    )


FIELDS = (
    PublicField("id", api=False, columns=(attribute("id"),)),
    PublicField("title", api=False, columns=(Column("name", lambda f, r: f.title),)),
    PublicField("html_url", api=False, columns=(Column("url", lambda f, r: f.get_full_url(r)),)),
    PublicField("care_type", columns=(attribute("care_type"),)),
    PublicField("street", PublishedAddressField("street"), (address("street"),)),
    PublicField("house_number", PublishedAddressField("house_number"), (address("house_number"),)),
    PublicField("postcode", columns=(attribute("postcode"),)),
    PublicField(
        "municipality",
        MunicipalitySerializer(read_only=True),
        (
            Column("municipality", lambda f, r: f.municipality.name_nl if f.municipality else ""),
            Column(
                "municipality_nis_code",
                lambda f, r: f.municipality.nis_code if f.municipality else "",
            ),
        ),
    ),
    PublicField(
        "neighbourhood",
        NeighbourhoodSerializer(read_only=True),
        (Column("neighbourhood", lambda f, r: f.neighbourhood.name if f.neighbourhood else ""),),
    ),
    PublicField("latitude", PublishedAddressField("latitude"), (address("latitude"),)),
    PublicField("longitude", PublishedAddressField("longitude"), (address("longitude"),)),
    PublicField(
        "position_rounded",
        PublishedAddressField("position_rounded"),
        (address("position_rounded"),),
    ),
    PublicField("licensed_capacity", columns=(attribute("licensed_capacity"),)),
    PublicField("min_age_months", columns=(attribute("min_age_months"),)),
    PublicField("max_age_months", columns=(attribute("max_age_months"),)),
    PublicField("tariff_type", columns=(attribute("tariff_type"),)),
    PublicField(
        "day_price",
        columns=(
            Column("day_price", lambda f, r: str(f.day_price) if f.day_price is not None else ""),
        ),
    ),
    PublicField("subsidy_framework", columns=(attribute("subsidy_framework"),)),
    # Issue 14.5: codes, the same in every language ("full_time part_time").
    PublicField(
        "contract_forms",
        columns=(Column("contract_forms", lambda f, r: " ".join(f.contract_forms or [])),),
    ),
    PublicField(
        "min_days_per_week",
        columns=(
            Column(
                "min_days_per_week",
                lambda f, r: f.min_days_per_week if f.min_days_per_week is not None else "",
            ),
        ),
    ),
    PublicField(
        "languages", columns=(Column("languages", lambda f, r: " ".join(f.languages or [])),)
    ),
    PublicField("wheelchair_accessible", columns=(attribute("wheelchair_accessible"),)),
    PublicField("response_deadline_days", columns=(attribute("response_deadline_days"),)),
    PublicField(
        "opening_hours",
        OpeningHoursSerializer(many=True, read_only=True),
        (
            # OpenStreetMap's `opening_hours` syntax: "Mo-Fr 07:00-18:00" in every language.
            Column(
                "opening_hours",
                lambda f, r: opening_hours_summary(
                    f.opening_hours.all(), day_names=OSM_WEEKDAYS, dash="-", comma=","
                ),
            ),
        ),
    ),
    PublicField("closing_periods", ClosingPeriodSerializer(many=True, read_only=True)),
    PublicField(
        "availability",
        AvailabilitySerializer(many=True, read_only=True),
        (Column("availability", _availability),),
    ),
    PublicField("availability_confirmed_on", columns=(iso_date("availability_confirmed_on"),)),
    PublicField("priority_rules", PriorityRuleNamesField()),
    PublicField("last_published_at", api=False, columns=(iso_date("last_published_at"),)),
)

# What the API adds to Wagtail's own fields (`api.LocationPagesAPIViewSet.get_body_fields`).
API_FIELDS = [
    APIField(item.name) if item.api is True else APIField(item.name, serializer=item.api)
    for item in FIELDS
    if item.api is not False
]
# The downloads' columns, in order: the CSV header and the GeoJSON properties.
COLUMNS = [column.name for item in FIELDS for column in item.columns]


def record(fiche, request=None):
    """One fiche as the downloads write it: {column: value}, in the order of `COLUMNS`."""
    return {column.name: column.value(fiche, request) for item in FIELDS for column in item.columns}
