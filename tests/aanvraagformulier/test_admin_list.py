"""The minimal admin list: each location's staff see their own rows, the first name only."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from aanvraagformulier.models import ChildcareRequest
from core.roles import LOCATION_GROUP

from ..conftest import role
from ..factories import OrganiserFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/admin/aanvragen/"


@pytest.fixture
def two_organisers_requests(make_location, new_filler, request_region):
    mine, theirs = OrganiserFactory(), OrganiserFactory()
    a = make_location(organiser=mine, title="Mijn locatie")
    b = make_location(organiser=theirs, title="Hun locatie")
    new_filler().file([a.pk])
    new_filler().file([b.pk])
    return mine, a, b


def staff_of(organiser):
    return UserFactory(groups=[role(LOCATION_GROUP), organiser.group])


def test_staff_see_only_their_locations_rows_and_no_more_than_the_first_name(
    two_organisers_requests,
):
    mine, a, _b = two_organisers_requests
    client = Client()
    client.force_login(staff_of(mine))

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Mijn locatie" in html and "Hun locatie" not in html
    filed = ChildcareRequest.objects.get(locations__location=a)
    assert filed.reference in html and "Sofie" in html
    for hidden in ("Peeters", "voorbeeld.be", "470", "Kortrijksesteenweg"):
        assert hidden not in html


def test_the_list_is_read_only(two_organisers_requests):
    mine, a, _b = two_organisers_requests
    client = Client()
    client.force_login(staff_of(mine))
    row = a.requests.get()

    assert client.get(f"{URL}edit/{row.pk}/").status_code in (302, 403)
    assert client.post(f"{URL}edit/{row.pk}/", {"status": "approved"}).status_code in (302, 403)
    assert client.get(f"{URL}new/").status_code in (302, 403)
    row.refresh_from_db()
    assert row.status == "new"


def test_the_loket_sees_every_row_of_its_region(
    two_organisers_requests, loket_user, location_index
):
    client = Client()
    client.force_login(loket_user)

    html = client.get(URL).content.decode()

    assert "Mijn locatie" in html and "Hun locatie" in html


def test_users_without_fiches_get_no_list(two_organisers_requests, communication_user):
    client = Client()
    client.force_login(communication_user)

    assert client.get(URL).status_code in (302, 403)


def count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries.captured_queries)


def test_the_query_count_does_not_grow_with_the_rows(
    make_location, new_filler, loket_user, request_region
):
    location = make_location()
    new_filler().file([location.pk])
    client = Client()
    client.force_login(loket_user)
    client.get(URL)
    one = count_queries(client)
    for _ in range(4):
        new_filler().file([location.pk])

    assert count_queries(client) == one
