"""Contract forms and days a week on the fiche (issue 14.5): the rule of which form allows how
many days, the fiche's validation (model and real admin form), and what parents read."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from opvanglocaties import contracts
from opvanglocaties.choices import ContractForm

from ..admin_forms import form_data
from ..factories import LocationPageFactory, OrganiserFactory

FULL, PART, FLEX, OCCASIONAL = (
    ContractForm.FULL_TIME,
    ContractForm.PART_TIME,
    ContractForm.FLEXIBLE,
    ContractForm.OCCASIONAL,
)


@pytest.mark.parametrize(
    ("forms", "minimum", "days", "allowed"),
    [
        ([FULL], None, 5, True),
        ([FULL], None, 4, False),  # full-time only: no four-day contract
        ([PART], None, 4, True),
        ([PART], 3, 4, True),
        ([PART], 4, 4, True),  # the minimum itself
        ([PART], 4, 3, False),  # below the minimum
        ([PART], None, 5, False),  # five days is full-time
        ([FULL, PART], 3, 5, True),
        ([FULL, PART], 3, 2, False),
        ([FLEX], 2, 5, True),  # flexible: any number from the minimum up
        ([FLEX], 2, 1, False),
        ([OCCASIONAL], None, 2, False),  # now and then: no fixed days
        ([], None, 3, False),  # no contract form given: nothing to promise
    ],
)
def test_which_forms_allow_how_many_days(forms, minimum, days, allowed):
    assert contracts.allows_days(forms, minimum, days) is allowed


def test_the_summary_a_parent_reads():
    assert contracts.summary([PART, FULL], 3) == "Voltijds, deeltijds (minstens 3 dagen per week)"
    assert contracts.summary([FLEX], 1) == "Flexibel (minstens 1 dag per week)"
    assert contracts.summary([OCCASIONAL], None) == "Occasioneel"
    assert contracts.summary([], 3) == ""


def build(**kwargs):
    return LocationPageFactory.build(organiser=OrganiserFactory(), **kwargs)


def errors_of(page):
    with pytest.raises(ValidationError) as caught:
        page.full_clean(exclude=["path", "depth"])
    return caught.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize("days", [0, 6, 7])
def test_the_minimum_lies_from_one_to_five(region, days):
    page = build(contract_forms=[PART], min_days_per_week=days)
    assert errors_of(page) == {"min_days_per_week": ["Vul een aantal dagen van 1 tot 5 in."]}


@pytest.mark.django_db
def test_a_minimum_needs_a_form_with_a_choice_of_days(region):
    page = build(contract_forms=[FULL], min_days_per_week=3)
    assert errors_of(page)["min_days_per_week"] == [
        "Een minimum aantal dagen geldt voor deeltijdse of flexibele contracten: vink er een "
        "aan, of laat het minimum leeg."
    ]
    page = build(contract_forms=[PART], min_days_per_week=5)
    assert errors_of(page)["min_days_per_week"] == [
        "Deeltijds is minder dan 5 dagen per week: vul een lager minimum in."
    ]


@pytest.mark.django_db
def test_an_unknown_contract_form_is_refused(region):
    page = build(contract_forms=["weekend"])
    assert "contract_forms" in errors_of(page)


@pytest.mark.django_db
def test_valid_contracts_pass(region):
    build(contract_forms=[FULL, PART], min_days_per_week=2).full_clean(exclude=["path", "depth"])


@pytest.fixture
def editing(client, loket_user, make_location):
    page = make_location(title="Contracten")
    client.force_login(loket_user)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return client, url, page, form_data(client.get(url))


def publish(client, url, data, **changes):
    return client.post(url, {**data, **changes, "action-publish": "action-publish"})


def test_the_admin_form_shows_the_days_error_next_to_the_field(editing):
    client, url, page, data = editing
    response = publish(client, url, data, contract_forms=[PART], min_days_per_week="6")
    assert response.status_code == 200
    assert response.context["form"].errors["min_days_per_week"] == [
        "Vul een aantal dagen van 1 tot 5 in."
    ]
    page.refresh_from_db()
    assert page.min_days_per_week is None


def test_the_admin_form_saves_the_contracts(editing):
    client, url, page, data = editing
    response = publish(client, url, data, contract_forms=[FULL, PART], min_days_per_week="3")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.contract_forms == [FULL, PART]
    assert page.min_days_per_week == 3


def test_the_fiche_says_which_contracts_it_offers(client, make_location):
    fiche = make_location(contract_forms=[FULL, PART], min_days_per_week=3)
    body = client.get(fiche.url).content.decode()
    assert "Contracten" in body
    assert "Voltijds, deeltijds (minstens 3 dagen per week)" in body
    silent = make_location(contract_forms=[])
    assert "Contracten" not in client.get(silent.url).content.decode()


def test_the_card_says_it_too(client, make_location, location_index):
    make_location(title="Kaartje", contract_forms=[FLEX], min_days_per_week=2)
    body = client.get(location_index.url).content.decode()
    assert "Flexibel (minstens 2 dagen per week)" in body


def test_the_open_data_api_publishes_the_contracts(client, make_location):
    make_location(contract_forms=[FULL, PART], min_days_per_week=3)
    response = client.get("/api/v2/pages/", {"type": "opvanglocaties.LocationPage", "fields": "*"})
    item = response.json()["items"][0]
    assert item["contract_forms"] == ["full_time", "part_time"]
    assert item["min_days_per_week"] == 3
