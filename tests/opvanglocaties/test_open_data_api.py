"""Open data: the published facts of the fiches through Wagtail's API v2 at /api/v2/."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from opvanglocaties.models import (
    AgeGroupAvailability,
    ClosingPeriod,
    OpeningHours,
    PriorityRule,
)

from ..factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db

LISTING = "/api/v2/pages/?type=opvanglocaties.LocationPage&fields=*"
PERSONAL_KEYS = {"contact_name", "email", "phone", "staff_group", "owner", "organiser", "parent"}
PERSONAL_VALUES = ("Sofie Peeters", "sofie@crechepimpampoentje.example", "09 123 45 67")


def add_rows(page):
    OpeningHours.objects.create(
        page=page, weekday=0, opens=datetime.time(7), closes=datetime.time(18, 30)
    )
    ClosingPeriod.objects.create(
        page=page,
        start_date=datetime.date(2026, 12, 24),
        end_date=datetime.date(2026, 12, 26),
        description="Kerst",
    )
    AgeGroupAvailability.objects.create(page=page, age_group="baby", status="free_now")
    rule, _ = PriorityRule.objects.get_or_create(
        code="werkende-ouders", defaults={"name": "Werkende ouders"}
    )
    page.priority_rules.add(rule)
    page.save_revision().publish()


@pytest.fixture
def fiche(make_location):
    page = make_location(
        title="Crèche Pimpampoentje",
        neighbourhood=NeighbourhoodFactory(name="Sint-Amandsberg", slug="sint-amandsberg"),
        contact_name="Sofie Peeters",
        email="sofie@crechepimpampoentje.example",
        phone="09 123 45 67",
        licensed_capacity=18,
        availability_confirmed_on=datetime.date(2026, 11, 2),
    )
    add_rows(page)
    return page


def keys_anywhere(data):
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from keys_anywhere(value)
    elif isinstance(data, list):
        for item in data:
            yield from keys_anywhere(item)


def test_listing_has_the_published_facts(client, fiche):
    response = client.get(LISTING)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["meta"]["total_count"] == 1
    item = data["items"][0]
    assert item["title"] == "Crèche Pimpampoentje"
    assert item["meta"]["type"] == "opvanglocaties.LocationPage"
    assert item["meta"]["html_url"] == f"http://testserver{fiche.url}"
    assert item["care_type"] == "group"
    assert (item["street"], item["house_number"], item["postcode"]) == ("Veldstraat", "12", "9000")
    assert item["municipality"] == {
        "nis_code": "44021",
        "name": "Gent",
        "name_fr": "Gand",
        "slug": "gent",
    }
    assert item["neighbourhood"] == {"name": "Sint-Amandsberg", "slug": "sint-amandsberg"}
    assert (item["latitude"], item["longitude"]) == (51.0519, 3.7216)
    assert item["licensed_capacity"] == 18
    assert (item["min_age_months"], item["max_age_months"]) == (0, 36)
    assert item["tariff_type"] == "income_related"
    assert item["day_price"] is None
    assert item["subsidy_framework"] == "income_related"
    assert item["languages"] == ["nl", "fr"]
    assert item["wheelchair_accessible"] is False
    assert item["response_deadline_days"] == 21
    assert item["opening_hours"] == [{"weekday": 0, "opens": "07:00", "closes": "18:30"}]
    assert item["closing_periods"] == [
        {"start_date": "2026-12-24", "end_date": "2026-12-26", "description": "Kerst"}
    ]
    assert item["availability_confirmed_on"] == "2026-11-02"
    assert item["availability"] == [
        {"age_group": "baby", "status": "free_now", "free_from": None, "free_places": None}
    ]
    assert item["priority_rules"] == ["Werkende ouders"]


def test_detail_has_the_same_facts_and_nothing_personal(client, fiche):
    response = client.get(f"/api/v2/pages/{fiche.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["priority_rules"] == ["Werkende ouders"]
    assert not PERSONAL_KEYS & set(keys_anywhere(data))
    assert not any(value in response.content.decode() for value in PERSONAL_VALUES)


@pytest.mark.parametrize("url", [LISTING, "/api/v2/pages/?fields=*"])
def test_no_personal_data_anywhere(client, fiche, url):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert not PERSONAL_KEYS & set(keys_anywhere(json.loads(body)))
    assert not any(value in body for value in PERSONAL_VALUES)


def test_personal_fields_cannot_be_asked_for(client, fiche):
    response = client.get("/api/v2/pages/?fields=contact_name,email,phone")
    assert response.status_code == 400
    assert response.json()["message"] == "unknown fields: contact_name, email, phone"


def test_only_live_public_fiches(client, fiche, make_location):
    draft = make_location(title="Crèche In Opbouw")
    draft.unpublish()
    restricted = make_location(title="Crèche Met Wachtwoord")
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )

    titles = [item["title"] for item in client.get(LISTING).json()["items"]]

    assert titles == ["Crèche Pimpampoentje"]
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{restricted.pk}/").status_code == 404


def test_only_fiches_no_other_pages(client, fiche, home_page, location_index):
    items = client.get("/api/v2/pages/").json()["items"]
    assert [item["meta"]["type"] for item in items] == ["opvanglocaties.LocationPage"]
    assert client.get(f"/api/v2/pages/{home_page.pk}/").status_code == 404
    assert client.get("/api/v2/pages/?type=home.HomePage").status_code == 400


@pytest.mark.parametrize(
    "query",
    [
        "type=nothing.Here",
        "fields=staff_group",
        "limit=abc",
        "offset=-1",
        "order=email",
        "email=x",
        "fields=*,municipality(x)",
        "latitude=x",
        "day_price=abc",
        "availability_confirmed_on=gisteren",
        "first_published_at=nooit",
    ],
)
def test_bad_queries_are_400_not_500(client, fiche, query):
    assert client.get(f"/api/v2/pages/?{query}").status_code == 400


def test_listing_query_count_does_not_grow_with_fiches(client, make_location):
    def add(count):
        for _ in range(count):
            add_rows(make_location())

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(LISTING + "&limit=50")
        assert response.status_code == 200
        return len(captured), response.json()["meta"]["total_count"]

    add(3)
    queries()  # warms Wagtail's cache of site root paths
    few = queries()
    add(27)
    many = queries()
    assert few[1] == 3 and many[1] == 30
    assert many[0] == few[0]


def test_filters_on_plain_fields_as_documented(client, fiche, make_location):
    make_location(title="Onthaalouder Zonneschijn", care_type="family", postcode="9000")
    response = client.get("/api/v2/pages/?fields=title,care_type&care_type=family&postcode=9000")
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["Onthaalouder Zonneschijn"]
