"""The month field reads the notations parents type, in Dutch and English (issue 14 item 10)."""

import datetime

import pytest
from django.utils import timezone

from search.months import parse_month

pytestmark = pytest.mark.django_db

MARCH_2027 = datetime.date(2027, 3, 1)


@pytest.mark.parametrize(
    "text",
    [
        "2027-03",
        "2027/3",
        "03/2027",
        "3/2027",
        "03-2027",
        "03.2027",
        " 3 / 2027 ",
        "maart 2027",
        "Maart 2027",
        "mrt 2027",
        "mrt. 2027",
        "maa 2027",
        "March 2027",
        "mar 2027",
    ],
)
def test_usual_notations_of_a_month(text):
    assert parse_month(text) == MARCH_2027


@pytest.mark.parametrize(
    "text",
    ["", "2027", "13/2027", "0/2027", "2027-13", "maartje 2027", "03/27", "1/1/2027", "²/2027"],
)
def test_what_is_no_month(text):
    assert parse_month(text) is None


@pytest.mark.parametrize("typed", ["03/{year}", "maart {year}", "{year}-03"])
def test_the_search_takes_a_typed_month(client, search_page, typed):
    year = timezone.localdate().year + 1  # March next year: ahead, within the 3 years allowed
    response = client.get("/zoeken/", {"beschikbaar": "vanaf", "vanaf": typed.format(year=year)})

    form = response.context["form"]
    assert form.errors == {}
    assert form.cleaned_data["vanaf"] == datetime.date(year, 3, 1)
    # Shown back as the parent typed it.
    assert f'value="{typed.format(year=year)}"' in response.content.decode()


def test_a_month_that_is_none_gets_a_message_next_to_the_field(client, search_page):
    response = client.get("/zoeken/", {"beschikbaar": "vanaf", "vanaf": "volgende maand"})

    assert response.context["form"].errors["vanaf"] == [
        "Vul een maand in als maand en jaar, bijvoorbeeld 03/2027 of maart 2027."
    ]
