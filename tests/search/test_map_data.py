"""The results map's data (`search/map_data.py`): every match of the search, not one page of
it; what a popup shows; no personal data; one query however many fiches match."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from opvanglocaties.choices import CareType, SubsidyFramework, TariffType
from search.results import PAGE_SIZE

from ..factories import municipality
from .world import ANTWERPEN, FREE_FROM, FREE_NOW, FULL, set_availability

pytestmark = pytest.mark.django_db

FIELDS = {
    "id",
    "title",
    "url",
    "lat",
    "lng",
    "position_rounded",
    "place",
    "price",
    "availability",
    "availability_current",
    "confirmed",
}


@pytest.fixture
def map_url():
    return reverse("map_locations")


def map_of(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def by_title(data):
    return {location["title"]: location for location in data["locations"]}


def test_the_map_holds_every_match_not_only_the_first_page(
    client, search_page, make_location, map_url
):
    fiches = [
        make_location(title=f"Crèche {number:02}", latitude=51.0 + number / 1000)
        for number in range(PAGE_SIZE + 5)
    ]
    make_location(title="In Antwerpen", municipality=municipality(ANTWERPEN), postcode="2000")

    page = client.get("/zoeken/")
    assert len(page.context["cards"]) == PAGE_SIZE

    data = map_of(client, map_url)
    assert len(data["locations"]) == PAGE_SIZE + 5
    # Each with its own position and link to its fiche.
    assert {
        (location["id"], location["lat"], location["url"]) for location in data["locations"]
    } == {(fiche.pk, fiche.latitude, fiche.url) for fiche in fiches}
    assert "In Antwerpen" not in by_title(data)  # the same scope as the list: this region


def test_the_map_follows_the_search_filters(client, search_page, make_location, map_url):
    make_location(title="Groep", care_type=CareType.GROUP)
    make_location(title="Gezin", care_type=CareType.FAMILY)
    make_location(title="Zonder positie", latitude=None, longitude=None)
    unpublished = make_location(title="Niet gepubliceerd")
    unpublished.unpublish()

    assert set(by_title(map_of(client, map_url))) == {"Groep", "Gezin"}
    assert set(by_title(map_of(client, map_url, {"type": "family"}))) == {"Gezin"}
    assert set(by_title(map_of(client, map_url, {"q": "groep"}))) == {"Groep"}


def test_each_location_carries_what_its_popup_shows(client, search_page, make_location, map_url):
    today = timezone.localdate()
    ikt = make_location(title="Met IKT", latitude=51.0519, longitude=3.7216)
    set_availability(ikt, FREE_NOW)
    priced = make_location(
        title="Vrije prijs",
        tariff_type=TariffType.FREE_PRICE,
        subsidy_framework=SubsidyFramework.BASIC,
        day_price="32.50",
    )
    set_availability(priced, FREE_FROM, today + datetime.timedelta(days=40))
    make_location(title="Zonder gegevens")

    locations = by_title(map_of(client, map_url))

    first = locations["Met IKT"]
    assert set(first) == FIELDS
    assert first["id"] == ikt.pk
    assert first["url"] == ikt.url
    assert (first["lat"], first["lng"]) == (51.0519, 3.7216)
    assert first["place"] == "Gent"
    assert first["price"] == "Inkomensgerelateerd tarief (IKT)"
    assert first["availability"] == [
        {"status": "free_now", "text": "Baby's (jonger dan 18 maanden): nu vrije plaatsen"}
    ]
    assert first["availability_current"] is True
    assert first["confirmed"].startswith("bevestigd op")

    assert locations["Vrije prijs"]["price"] == "€ 32,50 per dag"
    assert locations["Vrije prijs"]["availability"][0]["status"] == "free_from"
    assert locations["Zonder gegevens"]["availability"] == [
        {"status": "unconfirmed", "text": "Beschikbaarheid onbekend"}
    ]


def test_availability_no_longer_confirmed_is_unconfirmed_on_the_map(
    client, search_page, make_location, map_url
):
    stale = make_location(
        title="Oud", availability_confirmed_on=timezone.localdate() - datetime.timedelta(days=400)
    )
    set_availability(stale, FREE_NOW)

    location = by_title(map_of(client, map_url))["Oud"]
    assert location["availability_current"] is False
    # The text stays, the green status goes: never "free now" on old word.
    assert [row["status"] for row in location["availability"]] == ["unconfirmed"]
    assert location["confirmed"].startswith("niet bevestigd sinds")


def test_no_personal_data_and_a_childminders_home_only_roughly(
    client, search_page, make_location, map_url
):
    make_location(
        title="Onthaalouder Els",
        care_type=CareType.FAMILY,
        street="Geheimstraat",
        house_number="7",
        email="els@example.org",
        phone="09 123 45 67",
        latitude=51.05678,
        longitude=3.72345,
    )
    response = client.get(map_url)
    text = response.content.decode()
    for private in ("Geheimstraat", "els@example.org", "123 45 67", "51.05678", "3.72345"):
        assert private not in text

    home = by_title(response.json())["Onthaalouder Els"]
    assert (home["lat"], home["lng"], home["position_rounded"]) == (51.06, 3.72, True)


def test_the_origin_and_radius_of_a_distance_search(client, search_page, make_location, map_url):
    make_location(title="Dichtbij", postcode="9040", latitude=51.06, longitude=3.75)
    make_location(title="Ver weg", postcode="9000", latitude=50.90, longitude=3.40)

    data = map_of(client, map_url, {"postcode": "9040", "afstand": "5"})
    assert set(by_title(data)) == {"Dichtbij"}
    assert data["origin"] == {"lat": 51.06, "lng": 3.75, "label": "9040"}
    assert data["radius_km"] == 5

    # A place typed in the search box is the origin too; no distance set, no circle.
    typed = map_of(client, map_url, {"q": "9040"})
    assert typed["origin"]["label"] == "9040"
    assert typed["radius_km"] is None

    assert map_of(client, map_url)["origin"] is None


def test_bad_input_gives_a_map_not_an_error(client, search_page, make_location, map_url):
    make_location(title="Crèche")
    data = map_of(client, map_url, {"afstand": "veel", "lat": "x", "lng": "9999", "leeftijd": "-"})
    assert set(by_title(data)) == {"Crèche"}
    assert data["origin"] is None
    assert data["radius_km"] is None


def count_queries(client, url, params):
    client.get(url, params)  # the first visit of a site creates its settings rows
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    return len(captured), len(json.loads(response.content)["locations"])


@pytest.mark.parametrize(
    "params",
    [{}, {"postcode": "9000", "afstand": "20", "beschikbaar": "nu"}, {"q": "crèche"}],
)
def test_one_query_for_the_locations_however_many_match(
    client, search_page, make_location, map_url, params
):
    def add(count):
        for number in range(count):
            location = make_location(title=f"Crèche {number}", latitude=51.05 + number / 10000)
            set_availability(location, FREE_NOW)
            set_availability(location, FULL, age_group="toddler")

    add(3)
    small, found_small = count_queries(client, map_url, params)
    add(30)
    large, found_large = count_queries(client, map_url, params)

    assert found_large > found_small > 0
    assert large == small


def test_the_locations_are_read_in_one_query(client, search_page, make_location, map_url):
    for number in range(5):
        set_availability(make_location(title=f"Crèche {number}"), FREE_NOW)
    client.get(map_url)
    with CaptureQueriesContext(connection) as captured:
        client.get(map_url)
    # Everything a popup shows comes from one SELECT over the fiches (a join with their
    # availability rows); the other queries are the site, region and search's own.
    reading_fiches = [
        query["sql"]
        for query in captured.captured_queries
        if '"opvanglocaties_agegroupavailability"' in query["sql"]
        or 'FROM "opvanglocaties_locationpage"' in query["sql"]
    ]
    assert len(reading_fiches) == 1, reading_fiches
