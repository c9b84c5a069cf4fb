"""Issue 14.5 in the search: days a week, contract form and the wished start month."""

import datetime

import pytest
from django.http import QueryDict
from django.utils import timezone

from opvanglocaties.choices import ContractForm, TariffType
from search.results import active_filters

from .world import FREE_FROM, FREE_NOW, FULL, set_availability

pytestmark = pytest.mark.django_db

FULL_TIME, PART, FLEX, OCCASIONAL = (
    ContractForm.FULL_TIME,
    ContractForm.PART_TIME,
    ContractForm.FLEXIBLE,
    ContractForm.OCCASIONAL,
)


def titles(response):
    assert response.status_code == 200
    return sorted(card.title for card in response.context["cards"])


@pytest.fixture
def fiches(search_page, make_location):
    """Five fiches with different contracts (and, for the facets, different tariffs)."""
    ikt, free = TariffType.INCOME_RELATED, TariffType.FREE_PRICE
    made = {
        "Voltijds": make_location(title="Voltijds", contract_forms=[FULL_TIME]),
        "Deeltijds drie": make_location(
            title="Deeltijds drie", contract_forms=[FULL_TIME, PART], min_days_per_week=3
        ),
        "Deeltijds twee": make_location(
            title="Deeltijds twee",
            contract_forms=[PART],
            min_days_per_week=2,
            tariff_type=free,
            subsidy_framework="none",
            day_price=30,
        ),
        "Flexibel": make_location(title="Flexibel", contract_forms=[FLEX], tariff_type=ikt),
        "Occasioneel": make_location(title="Occasioneel", contract_forms=[OCCASIONAL]),
        "Onbekend": make_location(title="Onbekend", contract_forms=[]),
    }
    return made


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ("5", ["Deeltijds drie", "Flexibel", "Voltijds"]),
        ("4", ["Deeltijds drie", "Deeltijds twee", "Flexibel"]),
        ("3", ["Deeltijds drie", "Deeltijds twee", "Flexibel"]),
        ("2", ["Deeltijds twee", "Flexibel"]),  # "Deeltijds drie" takes 3 days at least
        ("1", ["Flexibel"]),
    ],
)
def test_days_a_week(client, fiches, days, expected):
    assert titles(client.get("/zoeken/", {"dagen": days})) == expected


def test_contract_forms_match_any_chosen(client, fiches):
    assert titles(client.get("/zoeken/", {"contract": [PART]})) == [
        "Deeltijds drie",
        "Deeltijds twee",
    ]
    assert titles(client.get("/zoeken/", {"contract": [OCCASIONAL, FLEX]})) == [
        "Flexibel",
        "Occasioneel",
    ]


@pytest.mark.parametrize("days", ["0", "6", "vier", "3.5"])
def test_bad_days_get_a_message_and_the_other_filters_still_apply(client, fiches, days):
    response = client.get("/zoeken/", {"dagen": days, "contract": [FLEX]})
    assert response.context["form"].errors["dagen"] == ["Vul een aantal dagen van 1 tot 5 in."]
    assert titles(response) == ["Flexibel"]


def test_the_facets_count_with_the_new_filters(client, fiches):
    counts = {
        name: {value.value: value.count for value in values}
        for name, values in client.get("/zoeken/", {"dagen": "4"}).context["facets"].items()
    }
    # Four days: "Deeltijds drie" (IKT), "Deeltijds twee" (free price), "Flexibel" (IKT).
    assert counts["tariff"] == {TariffType.INCOME_RELATED: 2}
    response = client.get("/zoeken/", {"dagen": "4", "ikt": "on"})
    assert titles(response) == ["Deeltijds drie", "Flexibel"]
    assert response.context["results"].paginator.count == 2


def test_the_filters_count_in_filters_n():
    assert active_filters(QueryDict("dagen=4&contract=part_time&contract=flexible")) == 3


def test_filters_that_leave_nothing_are_named_in_the_advice(client, fiches):
    response = client.get("/zoeken/", {"dagen": "1", "contract": [PART]})
    assert titles(response) == []
    assert response.context["narrowed_by"] == [
        "de filter “Dagen per week”",
        "de filter “Contractvorm”",
    ]


def test_the_more_filters_group_opens_for_them(client, fiches):
    assert client.get("/zoeken/", {"dagen": "4"}).context["more_filters_active"]
    assert client.get("/zoeken/", {"contract": PART}).context["more_filters_active"]


def test_the_downloads_take_the_same_filters(client, fiches):
    response = client.get("/open-data/opvanglocaties.csv", {"dagen": "2"})
    body = b"".join(response.streaming_content).decode()
    assert "Deeltijds twee" in body
    assert "Deeltijds drie" not in body
    assert "full_time part_time" not in body  # the one with those forms needs three days
    header = body.splitlines()[0]
    assert "contract_forms" in header
    assert "min_days_per_week" in header


# The wished start month: places free by the end of that month, confirmed recently.


def first_of_month(months_ahead):
    today = timezone.localdate().replace(day=1)
    year, month = divmod(today.month - 1 + months_ahead, 12)
    return datetime.date(today.year + year, month + 1, 1)


@pytest.fixture
def months(search_page, make_location):
    today = timezone.localdate()
    stale = today - datetime.timedelta(days=90)
    by_title = {}
    for title, status, free_from, confirmed in [
        ("Nu vrij", FREE_NOW, None, today),
        ("Over twee maanden", FREE_FROM, first_of_month(2), today),
        ("Over vijf maanden", FREE_FROM, first_of_month(5), today),
        ("Volzet", FULL, None, today),
        ("Niet bevestigd", FREE_NOW, None, stale),
        ("Nooit bevestigd", FREE_NOW, None, None),
    ]:
        fiche = make_location(title=title, availability_confirmed_on=confirmed)
        set_availability(fiche, status, free_from=free_from)
        by_title[title] = fiche
    make_location(title="Zonder rijen", availability_confirmed_on=today)
    return by_title


def test_the_start_month_matches_places_free_by_then(client, months):
    wished = first_of_month(3).strftime("%m/%Y")
    response = client.get("/zoeken/", {"vanaf": wished})
    assert titles(response) == ["Nu vrij", "Over twee maanden"]
    # Availability not confirmed recently, never confirmed or never given is unknown:
    # counted as such, never as free by that month.
    counts = {value.value: value.count for value in response.context["facets"]["availability"]}
    assert counts == {"nu": 1, "vanaf": 2, "onbekend": 3}
    assert titles(client.get("/zoeken/", {"vanaf": wished, "beschikbaar": "onbekend"})) == [
        "Niet bevestigd",
        "Nooit bevestigd",
        "Zonder rijen",
    ]


def test_the_start_month_and_days_a_week_together(client, months):
    months["Nu vrij"].contract_forms = [PART]
    months["Nu vrij"].save()
    months["Over twee maanden"].contract_forms = [FULL_TIME]
    months["Over twee maanden"].save()
    wished = first_of_month(3).strftime("%m/%Y")
    assert titles(client.get("/zoeken/", {"vanaf": wished, "dagen": "3"})) == ["Nu vrij"]
    assert titles(client.get("/zoeken/", {"vanaf": wished, "dagen": "5"})) == ["Over twee maanden"]
