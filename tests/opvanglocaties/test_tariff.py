"""The IKT estimate (issue 14.6): `estimate_day_price` at the bounds, between them, with
brothers and sisters, rounded to the cent; the tariff's own rules and its year."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from opvanglocaties.models import IncomeTariff
from opvanglocaties.tariff import Estimate, estimate_day_price, half_day_price

from ..admin_forms import form_data

D = Decimal


def tariff(**changes):
    """An unsaved tariff with round figures: 10 to 30 euro between 2,000 and 6,000 a month."""
    values = {
        "year": 2026,
        "lower_income_bound": D("2000.00"),
        "upper_income_bound": D("6000.00"),
        "min_day_price": D("10.00"),
        "max_day_price": D("30.00"),
        "reduction_per_further_child": D("25.00"),
        "half_day_percentage": D("60.00"),
    }
    return IncomeTariff(**{**values, **changes})


@pytest.mark.parametrize(
    ("income", "price"),
    [
        ("0", "10.00"),  # no income: the minimum
        ("1999.99", "10.00"),
        ("2000.00", "10.00"),  # at the lower bound: still the minimum
        ("2000.01", "10.00"),  # a cent above: 10.000005, rounded
        ("3000", "15.00"),  # a quarter of the way: a quarter of the range
        ("4000", "20.00"),  # halfway
        ("5999.99", "30.00"),  # 29.999995: half a cent rounds up
        ("6000.00", "30.00"),  # at the upper bound: the maximum
        ("25000", "30.00"),  # far above: still the maximum
    ],
)
def test_the_price_rises_in_a_straight_line_between_the_bounds(income, price):
    assert estimate_day_price(D(income), 1, tariff()) == D(price)


def test_rounding_is_half_up_to_the_cent():
    # 10 + 20 * 1/3 = 16.666…: 16.67; 10 + 20 * 2/3 = 23.333…: 23.33.
    third = tariff(upper_income_bound=D("3500.00"), lower_income_bound=D("2000.00"))
    assert estimate_day_price(D("2500"), 1, third) == D("16.67")
    assert estimate_day_price(D("3000"), 1, third) == D("23.33")
    # Exactly half a cent goes up: 10 + 20 * 0.00025 = 10.005.
    assert estimate_day_price(D("2001.00"), 1, tariff()) == D("10.01")


@pytest.mark.parametrize(
    ("children", "price"),
    [(1, "20.00"), (2, "15.00"), (3, "10.00"), (4, "5.00"), (5, "0.00"), (9, "0.00")],
)
def test_every_further_child_lowers_the_price(children, price):
    # Halfway (20 euro), less 25% per child beyond the first, never below zero.
    assert estimate_day_price(D("4000"), children, tariff()) == D(price)


def test_siblings_lower_the_minimum_and_the_maximum_too():
    assert estimate_day_price(D("0"), 2, tariff()) == D("7.50")
    assert estimate_day_price(D("9000"), 3, tariff()) == D("15.00")


def test_no_child_counts_as_one():
    assert estimate_day_price(D("4000"), 0, tariff()) == D("20.00")


def test_a_half_day_is_the_tariffs_share_of_the_day_price():
    assert half_day_price(D("20.00"), tariff()) == D("12.00")
    assert half_day_price(D("15.55"), tariff()) == D("9.33")  # 9.33 exactly
    assert half_day_price(D("15.56"), tariff()) == D("9.34")  # 9.336
    estimate = Estimate.of(D("4000"), 2, tariff())
    assert estimate == Estimate(D("15.00"), D("9.00"), 2026)


@pytest.mark.django_db
def test_the_tariff_of_a_year_is_that_years_else_the_latest_before():
    tariff(year=2025).save()
    tariff(year=2026, max_day_price=D("31.00")).save()
    assert IncomeTariff.objects.for_year(2026).max_day_price == D("31.00")
    assert IncomeTariff.objects.for_year(2027).year == 2026  # not entered yet: last year's
    assert IncomeTariff.objects.for_year(2025).year == 2025
    assert IncomeTariff.objects.for_year(2024) is None


def test_the_bounds_must_be_ordered():
    with pytest.raises(ValidationError) as caught:
        tariff(upper_income_bound=D("2000.00"), max_day_price=D("9.00")).full_clean(
            validate_unique=False
        )
    assert caught.value.message_dict == {
        "upper_income_bound": ["De bovengrens moet hoger zijn dan de ondergrens."],
        "max_day_price": ["De maximumdagprijs kan niet lager zijn dan de minimumdagprijs."],
    }


@pytest.mark.django_db
def test_the_loket_keeps_the_tariff_in_the_admin(client, loket_user):
    client.force_login(loket_user)
    add = reverse("income_tariffs:add")
    data = form_data(client.get(add), form_id=None)
    data.update(
        year="2026",
        lower_income_bound="2000",
        upper_income_bound="6000",
        min_day_price="10",
        max_day_price="30",
        reduction_per_further_child="25",
        half_day_percentage="60",
        source="https://www.kindengezin.be/",
    )
    assert client.post(add, data).status_code == 302
    assert IncomeTariff.objects.get(year=2026).max_day_price == D("30.00")
    # A second row for the same year is refused next to the field.
    response = client.post(add, {**data, "max_day_price": "31"})
    assert response.status_code == 200
    assert "year" in response.context["form"].errors


@pytest.mark.django_db
def test_a_provider_cannot_change_the_tariff(client, provider):
    client.force_login(provider)
    response = client.get(reverse("income_tariffs:add"))
    assert response.status_code in (302, 403)
