"""Open data: the published facts of the fiches through Wagtail's API v2 at /api/v2/."""

import datetime
import json
import logging

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from opvanglocaties.models import (
    AgeGroupAvailability,
    ClosingPeriod,
    LocationPage,
    OpeningHours,
    PriorityRule,
)
from portal.settings.base import search_backends
from search.open_data.fields import FIELDS

from ..factories import NeighbourhoodFactory
from ..search.es_stub import down_cluster_url

pytestmark = pytest.mark.django_db

LISTING = "/api/v2/pages/?type=opvanglocaties.LocationPage&fields=*"
# Past every integer column's range (SQLite: OverflowError when the query runs).
HUGE = "99999999999999999999"
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
    assert item["position_rounded"] is False
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


def test_a_childminders_home_is_not_pinpointed(client, make_location):
    home = make_location(
        title="Onthaalouder Els",
        care_type="family",
        street="Thuisstraat",
        house_number="7",
        latitude=51.05432,
        longitude=3.72161,
    )

    item = client.get(f"/api/v2/pages/{home.pk}/").json()

    assert (item["street"], item["house_number"], item["postcode"]) == ("", "", "9000")
    assert (item["latitude"], item["longitude"], item["position_rounded"]) == (51.05, 3.72, True)
    assert "Thuisstraat" not in client.get(LISTING, {"fields": "*"}).content.decode()
    # Nor can a filter confirm the address, or an order rank the exact positions.
    for query in ({"street": "Thuisstraat"}, {"house_number": "7"}, {"order": "latitude"}):
        assert client.get("/api/v2/pages/", query).status_code == 400, query


def test_detail_has_the_same_facts_and_nothing_personal(client, fiche):
    response = client.get(f"/api/v2/pages/{fiche.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["priority_rules"] == ["Werkende ouders"]
    assert not PERSONAL_KEYS & set(keys_anywhere(data))
    assert not any(value in response.content.decode() for value in PERSONAL_VALUES)


@pytest.mark.parametrize(
    "url",
    [
        LISTING,
        "/api/v2/pages/?fields=*",
        "/api/v2/pages/?fields=*,municipality(*),neighbourhood(*),alias_of(*),locale(*)",
        "/api/v2/pages/?fields=*,opening_hours(*),availability(*),closing_periods(*)",
    ],
)
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


@pytest.mark.parametrize(
    "query",
    [
        "fields=*,alias_of(contact_name)",
        "fields=parent",
        "fields=owner",
        # Filtering or ordering on a personal field would tell its value without showing it.
        "contact_name=Sofie%20Peeters",
        "phone=09%20123%2045%2067",
        "order=email",
        "order=-contact_name",
    ],
)
def test_personal_fields_cannot_be_reached_another_way(client, fiche, query):
    response = client.get(f"/api/v2/pages/?{query}")
    assert response.status_code == 400
    assert not any(value in response.content.decode() for value in PERSONAL_VALUES)


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
        "order=random&offset=1",
        "title=%00",
        "postcode=90%0000",
        "locale=%00",
        # Inline rows and many-to-many fields: ordering by one repeats a fiche per row.
        "order=opening_hours",
        "order=-priority_rules",
        "opening_hours=1",
        "priority_rules=1",
        f"availability={HUGE}",
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
    # A new fiche's municipality bumps the publication generation (the site and region are
    # cached with it): the first request after it reads them again; compare the next one.
    queries()
    many = queries()
    assert few[1] == 3 and many[1] == 30
    assert many[0] == few[0]


def test_filters_on_plain_fields_as_documented(client, fiche, make_location):
    make_location(title="Onthaalouder Zonneschijn", care_type="family", postcode="9000")
    response = client.get("/api/v2/pages/?fields=title,care_type&care_type=family&postcode=9000")
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["Onthaalouder Zonneschijn"]


@pytest.mark.parametrize("page_type", ["", "&type=opvanglocaties.LocationPage"])
@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("%22x", []),
        ("%22Pimpampoentje", ["Crèche Pimpampoentje"]),
        ("Pimpampoentje)%22", ["Crèche Pimpampoentje"]),
        ("(Pimpampoentje*", ["Crèche Pimpampoentje"]),
        ("Pimpampoentje%00", ["Crèche Pimpampoentje"]),
        # No words at all: no search, every fiche.
        ("%22", ["Crèche Pimpampoentje"]),
        ("%00", ["Crèche Pimpampoentje"]),
        ("", ["Crèche Pimpampoentje"]),
    ],
)
def test_search_text_is_searched_as_words(client, fiche, caplog, page_type, text, titles):
    with caplog.at_level(logging.WARNING):
        response = client.get(f"/api/v2/pages/?search={text}&fields=title{page_type}")
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == titles
    # Not a "database fault": query syntax used to reach SQLite's FTS5 and be rejected.
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


@pytest.mark.parametrize(("operator", "count"), [("or", 1), ("AND", 0), ("", 0)])
def test_search_operator_and_or(client, fiche, operator, count):
    response = client.get(f"/api/v2/pages/?search=Pimpampoentje%20x&search_operator={operator}")
    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] == count


def test_unknown_search_operator_is_400(client, fiche):
    response = client.get("/api/v2/pages/?search=a&search_operator=zz")
    assert response.status_code == 400
    assert response.json()["message"] == "search_operator must be 'and' or 'or'"


INTEGER_PARAMETERS = [
    "municipality",
    "neighbourhood",
    "licensed_capacity",
    "min_age_months",
    "max_age_months",
    "response_deadline_days",
    "id",
    "alias_of",
    "offset",
    "limit",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "translation_of",
]


@pytest.mark.parametrize("name", INTEGER_PARAMETERS)
@pytest.mark.parametrize(
    "value",
    [HUGE, "9" * 5000, "-1", "١٢", "%2012", "1_0", "1e3", "0x1", ""],
    ids=[
        "huge",
        "5000 digits",
        "negative",
        "arabic-indic",
        "space",
        "underscore",
        "1e3",
        "hex",
        "empty",
    ],
)
def test_bad_integers_are_400_with_a_message(client, fiche, name, value):
    response = client.get(f"/api/v2/pages/?{name}={value}")
    assert response.status_code == 400
    assert response.json()["message"].startswith(f"{name} must be an integer from 0 to ")


def test_limit_message_names_the_maximum(client, fiche):
    response = client.get("/api/v2/pages/?limit=101")
    assert response.status_code == 400
    assert response.json()["message"] == "limit must be an integer from 0 to 100"


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("offset=9223372036854775807", 0),
        ("limit=100", 1),
        ("limit=0", 0),
        ("licensed_capacity=18", 1),
        ("licensed_capacity=0", 0),
        ("descendant_of=root", 1),
        ("child_of=root", 0),  # the fiche sits in an organiser's folder under the index
    ],
)
def test_integers_in_range_still_work(client, fiche, query, count):
    response = client.get(f"/api/v2/pages/?{query}")
    assert response.status_code == 200
    assert len(response.json()["items"]) == count


def test_municipality_filter_takes_its_id(client, fiche):
    response = client.get(f"/api/v2/pages/?municipality={fiche.municipality_id}")
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [fiche.pk]


@pytest.mark.parametrize("url", [f"/api/v2/pages/{HUGE}/", f"/api/v2/pages/{HUGE}/?fields=*"])
def test_detail_of_an_id_past_the_range_is_404(client, fiche, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json()["message"] == "No LocationPage matches the given query."


def test_detail_of_non_ascii_digits_is_404(client, fiche):
    assert client.get("/api/v2/pages/١٢/").status_code == 404


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("id=x", "id must be an integer from 0 to "),
        ("id=", "id must be an integer from 0 to "),
        ("id=١٢", "id must be an integer from 0 to "),
        (f"id={HUGE}", "id must be an integer from 0 to "),
        ("html_path=/%00/", "html_path must not contain null characters"),
    ],
)
def test_find_with_a_bad_value_is_400(client, fiche, query, message):
    response = client.get(f"/api/v2/pages/find/?{query}")
    assert response.status_code == 400
    assert response.json()["message"].startswith(message)


def test_find_by_id_still_redirects(client, fiche):
    response = client.get(f"/api/v2/pages/find/?id={fiche.pk}")
    assert response.status_code == 302
    assert response["Location"].startswith(f"http://testserver/api/v2/pages/{fiche.pk}/")


def test_search_answers_from_the_database_when_the_cluster_is_down(client, fiche, caplog):
    unreachable = search_backends(down_cluster_url(), connection.vendor == "postgresql")
    with override_settings(WAGTAILSEARCH_BACKENDS=unreachable):
        response = client.get("/api/v2/pages/", {"search": "Pimpampoentje"})

    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["Crèche Pimpampoentje"]
    assert "search backend unreachable" in caplog.text


def test_json_only_no_browsable_api(client, fiche):
    # Django REST framework's browsable API is an HTML page for developers (forms, inline
    # scripts); the public site answers the API in JSON only.
    assert client.get("/api/v2/pages/", {"format": "api"}).status_code == 404
    response = client.get("/api/v2/pages/", HTTP_ACCEPT="text/html,*/*;q=0.8")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert client.get("/api/v2/pages/", {"format": "json"}).status_code == 200


def test_the_api_publishes_the_one_list_of_public_fields(client, fiche):
    item = client.get(f"/api/v2/pages/{fiche.pk}/").json()

    own = {"id", "title", "meta"}  # Wagtail's, in every page's API
    assert set(item) - own == {field.name for field in FIELDS if field.api is not False}
    # The model does not decide what is public: a field added to it stays out of the API.
    assert not hasattr(LocationPage, "api_fields")
