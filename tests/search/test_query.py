"""The search form turns the Dutch URL parameters into one typed `SearchQuery`, once."""

import datetime

import pytest
from django.http import QueryDict
from django.utils import translation

from search.choices import Availability, Sort
from search.filters import LocationSearch
from search.forms import SearchForm
from search.query import SearchQuery

pytestmark = pytest.mark.django_db


def query(text):
    return SearchForm(QueryDict(text)).query()


def test_every_parameter_has_its_english_name(gent, wijken):
    ledeberg, gentbrugge = wijken
    parsed = query(
        "q=zonnetje&gemeente=gent&buurgemeenten=on&wijk=ledeberg&wijk=gentbrugge&postcode=9000"
        "&afstand=2.5&lat=51.05&lng=3.72&type=group&leeftijd=14&ikt=on&subsidie=basic"
        "&subsidie=plus&beschikbaar=vanaf&vanaf=2027-03&opent_voor=07:30&sluit_na=18:00&dag=2"
        "&taal=nl&taal=fr&sorteer=afstand"
    )

    assert parsed == SearchQuery(
        text="zonnetje",
        municipality=gent,
        include_neighbours=True,
        neighbourhoods=(gentbrugge, ledeberg),  # in the order the form offers them
        postcode="9000",
        radius_km=2.5,
        latitude=51.05,
        longitude=3.72,
        care_type="group",
        age_months=14,
        income_related_tariff=True,
        subsidy_frameworks=("basic", "plus"),
        availability=Availability.FROM_MONTH,
        free_by_month=datetime.date(2027, 3, 1),
        opens_by=datetime.time(7, 30),
        closes_from=datetime.time(18, 0),
        weekday=2,
        languages=("nl", "fr"),
        sort=Sort.DISTANCE,
    )
    assert parsed.position == (51.05, 3.72)


def test_an_empty_query_string_is_the_empty_query():
    assert query("") == SearchQuery()
    assert SearchQuery().position is None


def test_a_parameter_that_does_not_validate_is_left_out(gent):
    form = SearchForm(QueryDict("gemeente=gent&leeftijd=abc&afstand=-1&sorteer=random"))

    parsed = form.query()

    assert set(form.errors) == {"leeftijd", "afstand", "sorteer"}
    assert parsed == SearchQuery(municipality=gent)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (SearchQuery(), []),
        (SearchQuery(radius_km=5), ["within a distance"]),
        (SearchQuery(sort=Sort.DISTANCE), ["sort by distance"]),
        (SearchQuery(postcode="9000"), ["postcode 9000"]),  # no fiche to place it by
        (
            SearchQuery(postcode="9000", radius_km=5, sort=Sort.DISTANCE),
            ["postcode 9000", "within a distance", "sort by distance"],
        ),
        # A position of the parent's own comes first: the postcode is not looked up.
        (SearchQuery(postcode="9000", latitude=51.05, longitude=3.72, radius_km=5), []),
    ],
)
def test_notices_say_what_the_search_could_not_do(params, expected):
    search = LocationSearch(params)

    with translation.override("en"):
        notices = search.notices()

    assert len(notices) == len(expected)
    for notice, words in zip(notices, expected, strict=True):
        assert words in notice
    # Asking again, or running the search first, says the same: no notice piles up.
    search.results()
    with translation.override("en"):
        assert search.notices() == notices
