"""Each rule of the fiche, through the model and through the real admin form."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from shapely.geometry import box, mapping

from opvanglocaties import validation
from opvanglocaties.choices import AvailabilityStatus, SubsidyFramework, TariffType
from opvanglocaties.models import Organiser

from ..admin_forms import form_data
from ..factories import (
    LocationPageFactory,
    NeighbourhoodFactory,
    OrganiserFactory,
    RegionFactory,
    municipality,
)

pytestmark = pytest.mark.django_db


# Tree fields are set when a page is added under its parent; the admin form excludes them too.
TREE_FIELDS = ["path", "depth"]


def validate(page):
    page.full_clean(exclude=TREE_FIELDS)


def errors_of(page):
    with pytest.raises(ValidationError) as caught:
        validate(page)
    return caught.value.message_dict


def build(**kwargs):
    return LocationPageFactory.build(organiser=OrganiserFactory(), **kwargs)


def test_a_valid_fiche_passes(region):
    validate(build())


def test_postcode_must_belong_to_the_municipality(region):
    errors = errors_of(build(postcode="2000"))
    assert errors["postcode"] == ["Postcode 2000 hoort niet bij Gent."]


def test_municipality_is_derived_from_a_postcode_with_one_municipality(region):
    page = build(postcode="9040", municipality=None)
    validate(page)
    assert page.municipality == municipality("44021")


def test_neighbourhood_is_derived_from_the_coordinates(region):
    ledeberg = NeighbourhoodFactory(
        name="Ledeberg", slug="ledeberg", geometry=mapping(box(3.73, 51.03, 3.75, 51.04))
    )
    NeighbourhoodFactory(
        name="Elders", slug="elders", geometry=mapping(box(3.70, 51.03, 3.72, 51.04))
    )
    page = build(latitude=51.035, longitude=3.74, neighbourhood=None)
    validate(page)
    assert page.neighbourhood == ledeberg


def test_neighbourhood_must_lie_in_the_municipality(region):
    antwerp_district = NeighbourhoodFactory(municipality=municipality("11002"), postcode="2000")
    errors = errors_of(build(neighbourhood=antwerp_district))
    assert "neighbourhood" in errors


def test_capacity_must_be_positive(region):
    assert errors_of(build(licensed_capacity=0))["licensed_capacity"] == [
        "De capaciteit moet minstens 1 plaats zijn."
    ]


def test_age_range_must_be_ordered(region):
    errors = errors_of(build(min_age_months=36, max_age_months=12))
    assert "max_age_months" in errors


def test_free_price_needs_a_day_price(region):
    errors = errors_of(
        build(tariff_type=TariffType.FREE_PRICE, day_price=None, subsidy_framework="basic")
    )
    assert "day_price" in errors


def test_income_related_subsidy_needs_the_income_related_tariff(region):
    errors = errors_of(
        build(
            tariff_type=TariffType.FREE_PRICE,
            day_price=Decimal("30"),
            subsidy_framework=SubsidyFramework.PLUS,
        )
    )
    assert "tariff_type" in errors


@pytest.mark.parametrize(
    ("days", "valid"), [(0, False), (1, True), (21, True), (60, True), (61, False)]
)
def test_response_deadline_within_the_regions_bounds(region, days, valid):
    page = build(response_deadline_days=days)
    page.publishing_region = region  # as the admin form sets it for a fiche not yet placed
    if valid:
        validate(page)
    else:
        assert "tussen 1 en 60 dagen" in errors_of(page)["response_deadline_days"][0]


def test_deadline_bounds_follow_the_region_configuration(region):
    region.min_response_deadline_days, region.max_response_deadline_days = 14, 30
    region.save()
    page = build(response_deadline_days=7)
    page.publishing_region = region
    assert "response_deadline_days" in errors_of(page)


def test_deadline_bounds_are_those_of_the_site_the_fiche_is_on(region, make_location):
    # A fiche on Gent's site in a municipality another region serves: the user agreement is
    # with Gent, so Gent's bounds apply (LocationPage.publishing_region).
    other = RegionFactory(name="Elders", slug="elders", max_response_deadline_days=90)
    other.municipalities.set([municipality("11002")])
    region.max_response_deadline_days = 30
    region.save()
    fiche = make_location(title="Aan de grens")
    fiche.municipality, fiche.postcode, fiche.response_deadline_days = (
        municipality("11002"),
        "2000",
        45,
    )
    assert fiche.publishing_region == region
    assert "response_deadline_days" in errors_of(fiche)


def test_coordinates_must_lie_in_belgium(region):
    errors = errors_of(build(latitude=48.85, longitude=2.35))
    assert set(errors) >= {"latitude", "longitude"}
    assert "latitude" in errors_of(
        build(latitude=51.0, longitude=None)
    ) or "longitude" in errors_of(build(latitude=51.0, longitude=None))


def test_opening_hours_overlap_rule():
    rows = [
        (0, datetime.time(7), datetime.time(12)),
        (0, datetime.time(11), datetime.time(18)),
        (1, datetime.time(11), datetime.time(18)),
        (0, datetime.time(12), datetime.time(18)),
    ]
    assert validation.opening_hours_overlaps(rows) == [1, 3]


def test_free_from_needs_a_date():
    assert validation.availability_row_errors(AvailabilityStatus.FREE_FROM, None)
    assert not validation.availability_row_errors(AvailabilityStatus.FREE_NOW, None)


def test_kbo_number_is_checked_and_normalised():
    organiser = Organiser(legal_name="Vzw Test", kbo_number="0123456789", legal_form="vzw")
    with pytest.raises(ValidationError) as caught:
        organiser.full_clean()
    assert "geen geldig KBO-nummer" in caught.value.message_dict["kbo_number"][0]
    organiser.kbo_number = "BE 0403.170.701"
    organiser.full_clean()
    organiser.save()
    assert organiser.kbo_number == "0403.170.701"
    duplicate = Organiser(legal_name="Ander", kbo_number="0403170701", legal_form="vzw")
    with pytest.raises(ValidationError) as caught:
        duplicate.full_clean()
    assert "kbo_number" in caught.value.message_dict


def test_organiser_changes_are_tracked(organiser):
    organiser.legal_name = "Vzw De Speelvogel Gent"
    organiser.save()
    assert [h.legal_name for h in organiser.history.order_by("history_date")] == [
        "Vzw De Speelvogel",
        "Vzw De Speelvogel Gent",
    ]


# Through the real admin form: each error is shown next to its field, in Dutch, nothing saved.


@pytest.fixture
def editing(client, loket_user, make_location):
    page = make_location(title="Te bewerken")
    client.force_login(loket_user)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return client, url, page, form_data(client.get(url))


def post(client, url, data, **changes):
    data = {**data, **changes, "action-publish": "action-publish"}
    return client.post(url, data)


def field_error(response, field):
    """The error messages Wagtail shows for a field of the page form."""
    form = response.context["form"]
    return form.errors.get(field, [])


def test_admin_form_shows_errors_next_to_fields_and_saves_nothing(editing):
    client, url, page, data = editing
    response = post(client, url, data, postcode="2000", licensed_capacity="0", title="Kapot")
    assert response.status_code == 200
    assert field_error(response, "postcode") == ["Postcode 2000 hoort niet bij Gent."]
    assert field_error(response, "licensed_capacity") == [
        "De capaciteit moet minstens 1 plaats zijn."
    ]
    page.refresh_from_db()
    assert page.title == "Te bewerken"
    assert not page.has_unpublished_changes


def inline_rows(data, prefix, rows):
    data = {k: v for k, v in data.items() if not k.startswith(f"{prefix}-")}
    data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
    data[f"{prefix}-INITIAL_FORMS"] = "0"
    data[f"{prefix}-MIN_NUM_FORMS"] = "0"
    data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
        data[f"{prefix}-{index}-ORDER"] = str(index + 1)
        data[f"{prefix}-{index}-id"] = ""
        data[f"{prefix}-{index}-DELETE"] = ""
    return data


def test_admin_form_checks_opening_hours_per_row(editing):
    client, url, page, data = editing
    data = inline_rows(
        data,
        "opening_hours",
        [
            {"weekday": "0", "opens": "07:00", "closes": "12:00"},
            {"weekday": "0", "opens": "11:00", "closes": "18:00"},
            {"weekday": "1", "opens": "18:00", "closes": "07:00"},
        ],
    )
    response = post(client, url, data)
    assert response.status_code == 200
    rows = response.context["form"].formsets["opening_hours"].forms
    assert rows[1].errors["opens"] == [
        "Dit tijdslot overlapt met een ander tijdslot op dezelfde dag."
    ]
    assert rows[2].errors["closes"] == ["Het sluitingsuur moet na het openingsuur liggen."]
    assert not page.opening_hours.exists()


def test_admin_form_checks_availability_rows(editing):
    client, url, _page, data = editing
    data = inline_rows(
        data,
        "availability",
        [
            {"age_group": "baby", "status": "free_from", "free_from": "", "free_places": ""},
            {"age_group": "baby", "status": "full", "free_from": "", "free_places": ""},
        ],
    )
    response = post(client, url, data)
    assert response.status_code == 200
    rows = response.context["form"].formsets["availability"].forms
    assert "free_from" in rows[0].errors
    assert rows[1].errors["age_group"] == ["Deze leeftijdsgroep staat er twee keer in."]


def test_admin_form_saves_valid_rows(editing):
    client, url, page, data = editing
    data = inline_rows(
        data,
        "opening_hours",
        [
            {"weekday": "0", "opens": "07:00", "closes": "12:00"},
            {"weekday": "0", "opens": "13:00", "closes": "18:00"},
        ],
    )
    response = post(client, url, data)
    assert response.status_code == 302
    assert page.opening_hours.count() == 2
