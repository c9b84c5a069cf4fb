"""The search page runs the same number of SQL queries at 50 and at 2,000 fiches."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from opvanglocaties.demo.builder import add_location, build_location, create_organisers

from ..factories import municipality
from .world import DESTELBERGEN, GENT, MERELBEKE_MELLE

pytestmark = pytest.mark.django_db

# The bench's search: text, a municipality with its buurgemeenten, two filters, by distance.
SEARCH = {
    "q": "kinderdagverblijf",
    "gemeente": "gent",
    "buurgemeenten": "on",
    "type": "group",
    "beschikbaar": "vanaf",
    "postcode": "9000",
    "sorteer": "afstand",
}


def add_fiches(index, count, rng):
    today = timezone.localdate()
    places = [municipality(code) for code in (GENT, MERELBEKE_MELLE, DESTELBERGEN)]
    organisers = create_organisers(rng, "Gent", 3)
    for number in range(count):
        page = build_location(
            rng,
            organiser=organisers[number % 3],
            municipality=places[number % 3],
            neighbourhood=None,
            street="Kerkstraat",
            point=(51.0 + rng.random() * 0.1, 3.65 + rng.random() * 0.15),
            today=today,
            rules=[],
        )
        add_location(index, page, publish=False)


OTHER_SEARCHES = [
    {},
    {"gemeente": "gent", "wijk": "onbekend"},
    {"q": "nergens-te-vinden"},
    {"q": "crèche Gent 9000"},  # a place read from the text
]


def queries(client, params):
    client.get("/zoeken/", params)  # the first visit of a site creates its settings rows
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/zoeken/", params)
    assert response.status_code == 200
    return len(captured), response.context["results"].paginator.count


def test_query_count_does_not_grow_with_the_fiches(client, search_page, location_index, buren):
    rng = random.Random(4)
    add_fiches(location_index, 50, rng)
    small = [queries(client, params) for params in [SEARCH, *OTHER_SEARCHES]]

    add_fiches(location_index, 1950, rng)
    large = [queries(client, params) for params in [SEARCH, *OTHER_SEARCHES]]

    assert large[0][1] > small[0][1] > 0  # the bench's search finds more, in more pages
    assert [count for count, _total in large] == [count for count, _total in small]
