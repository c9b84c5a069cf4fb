"""Every check of the form, with the Dutch message it puts next to its field."""

import datetime

import pytest
from django.utils import timezone

from aanvraagformulier.forms import ChildForm, ParentForm, PriorityForm
from aanvraagformulier.rules import rules_for

from .conftest import child_data, in_months, parent_data

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 10)


def days(n):
    return (TODAY + datetime.timedelta(days=n)).isoformat()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"start_date": days(-1)}, "start_date", "De startdatum kan niet in het verleden liggen."),
        (
            {"start_date": "2028-04-01"},
            "start_date",
            "hoogstens 24 maanden vooruit, tot 10/03/2028",
        ),
        ({"start_date": "31/02/2026"}, "start_date", "Vul een echte datum in, zoals 15/03/2026."),
        ({"start_date": ""}, "start_date", "Vul dit veld in."),
        ({"end_date": days(30)}, "end_date", "De einddatum moet na de startdatum liggen."),
        (
            {"child_birth_date": days(5)},
            "child_birth_date",
            "De geboortedatum ligt in de toekomst.",
        ),
        ({"child_birth_date": "2021-01-01"}, "child_birth_date", "tot ze naar school gaan"),
        (
            {"child_status": "expected", "child_birth_date": days(-3)},
            "child_birth_date",
            "De verwachte geboortedatum ligt in het verleden.",
        ),
        (
            {"child_status": "expected", "child_birth_date": "2027-03-01"},
            "child_birth_date",
            "hoogstens 10 maanden in de toekomst",
        ),
        (
            {"child_status": "expected", "child_birth_date": days(100), "start_date": days(60)},
            "start_date",
            "De opvang kan pas starten als je kind geboren is.",
        ),
        (
            {"care_0": "", "care_1": "", "care_2": ""},
            "care_0",
            "Kies minstens één opvangdag: een volle of een halve dag.",
        ),
        ({"care_0": "all day"}, "care_0", "Selecteer een geldige keuze."),
        ({"child_status": "maybe"}, "child_status", "Selecteer een geldige keuze."),
    ],
)
def test_child_and_care_plan_checks(region, overrides, field, message):
    data = child_data(**{"start_date": days(60), "child_birth_date": days(-100), **overrides})
    form = ChildForm(data, rules=rules_for(region), today=TODAY)

    assert not form.is_valid()
    assert any(message in error for error in form.errors[field]), form.errors


def test_the_region_window_for_the_start_date(region):
    region.request_min_days_before_start = 30
    region.request_max_months_ahead = 6
    rules = rules_for(region)

    too_soon = ChildForm(child_data(start_date=days(10)), rules=rules, today=TODAY)
    too_late = ChildForm(child_data(start_date="2026-09-11"), rules=rules, today=TODAY)
    fine = ChildForm(
        child_data(start_date="2026-09-10", child_birth_date=days(-100)), rules=rules, today=TODAY
    )

    assert "minstens 30 dagen voor de start" in too_soon.errors["start_date"][0]
    assert "09/04/2026 of later" in too_soon.errors["start_date"][0]
    assert "hoogstens 6 maanden vooruit" in too_late.errors["start_date"][0]
    assert fine.is_valid(), fine.errors


def test_a_valid_care_plan_keeps_only_the_days_with_care(region):
    form = ChildForm(child_data(), rules=rules_for(region))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["care_parts"] == {"0": "full", "1": "full", "2": "half"}


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"email": "sofie@"}, "email", "Vul een e-mailadres in zoals naam@voorbeeld.be."),
        ({"email": ""}, "email", "Vul dit veld in."),
        ({"phone": "12345"}, "phone", "Vul een Belgisch telefoonnummer in"),
        ({"phone": "+31 6 12345678"}, "phone", "Vul een Belgisch telefoonnummer in"),
        ({"postcode": "0999"}, "postcode", "Vul een bestaande Belgische postcode"),
        ({"postcode": "9999"}, "postcode", "Vul een bestaande Belgische postcode"),
        ({"postcode": "90000"}, "postcode", "Zorg dat deze waarde niet meer dan"),
        ({"parent_first_name": ""}, "parent_first_name", "Vul dit veld in."),
        ({"parent_birth_date": "2030-01-01"}, "parent_birth_date", "Kijk je geboortedatum na."),
        (
            {"parent_first_name": "x" * 101},
            "parent_first_name",
            "Zorg dat deze waarde niet meer dan",
        ),
    ],
)
def test_parent_checks(region, overrides, field, message):
    form = ParentForm(parent_data(**overrides), rules=rules_for(region))

    assert not form.is_valid()
    assert any(message in error for error in form.errors[field]), form.errors


def test_phone_numbers_are_stored_in_one_notation(region):
    for typed in ("0470 12 34 56", "+32 470 12 34 56", "0470/12.34.56"):
        form = ParentForm(parent_data(phone=typed), rules=rules_for(region))
        assert form.is_valid(), form.errors
        assert form.cleaned_data["phone"] == "+32470123456"
    landline = ParentForm(parent_data(phone="09 210 10 10"), rules=rules_for(region))
    assert landline.is_valid(), landline.errors


@pytest.mark.parametrize(
    ("number", "birth_date", "field", "message"),
    [
        (
            "85.07.30-033.29",
            "1985-07-30",
            "national_number",
            "Dit is geen geldig rijksregisternummer",
        ),
        ("1234", "1985-07-30", "national_number", "Dit is geen geldig rijksregisternummer"),
        ("85.07.30-033.28", "1986-07-30", "national_number", "past niet bij je geboortedatum"),
        ("85.07.30-033.28", "", "parent_birth_date", "Vul ook je geboortedatum in"),
    ],
)
def test_national_number_checks(region, number, birth_date, field, message):
    region.asks_national_number = True
    data = parent_data(national_number=number, parent_birth_date=birth_date)

    form = ParentForm(data, rules=rules_for(region))

    assert not form.is_valid()
    assert any(message in error for error in form.errors[field]), form.errors


def test_a_valid_national_number_is_kept_as_digits(region):
    region.asks_national_number = True
    data = parent_data(national_number="85.07.30-033.28", parent_birth_date="1985-07-30")

    form = ParentForm(data, rules=rules_for(region))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["national_number"] == "85073003328"


def test_the_national_number_and_income_are_only_asked_where_the_region_wants(region):
    assert "national_number" not in ParentForm(rules=rules_for(region)).fields
    assert "income_indicator" not in ParentForm(rules=rules_for(region)).fields
    region.asks_national_number = region.asks_income_indicator = True
    form = ParentForm(parent_data(), rules=rules_for(region))
    assert {"national_number", "income_indicator"} <= set(form.fields)
    assert not form.is_valid() and "income_indicator" in form.errors


def test_priority_rules_need_the_declaration_on_honour(request_region):
    rules = rules_for(request_region)

    undeclared = PriorityForm({"rules": ["pleegkind"]}, rules=rules)
    unknown = PriorityForm({"rules": ["verzonnen"], "declaration": "on"}, rules=rules)
    nothing = PriorityForm({}, rules=rules)

    assert "Vink de verklaring op eer aan" in undeclared.errors["declaration"][0]
    assert "Kies uit de regels in de lijst." in unknown.errors["rules"][0]
    assert nothing.is_valid()


def test_messages_reach_the_page_next_to_the_field_and_in_the_summary(client, locations):
    response = client.post(
        "/aanvragen/stap/kind/",
        child_data(start_date="2000-01-01", care_0="", care_1="", care_2=""),
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html
    assert '<a href="#id_start_date">De startdatum kan niet in het verleden liggen.</a>' in html
    assert 'id="id_start_date_error"' in html
    assert 'aria-describedby="id_start_date_helptext id_start_date_error"' in html
    assert '<a href="#id_care_0">' in html
    assert "<title>Fout:" in html


def test_the_limit_on_start_dates_is_shown_to_parents(client, request_region):
    request_region.request_max_months_ahead = 9
    request_region.request_min_days_before_start = 14
    request_region.save()

    html = client.get("/aanvragen/").content.decode()

    assert "De start van de opvang ligt hoogstens 9 maanden vooruit." in html
    assert "Vraag minstens 14 dagen voor de start van de opvang aan." in html
    assert in_months(1)  # the helper stays in use
    assert timezone.localdate()
