"""Bulk "no place" from the request list (issue 12 item 3): all selected rows or none."""

import pytest
from django.contrib.messages import get_messages

from aanvraagformulier.models import RequestedLocation

from ..conftest import logged_in
from ..factories import OrganiserFactory
from .backoffice import make_request, staff_of

pytestmark = pytest.mark.django_db

URL = "/admin/aanvragen/geen-plaats/"


@pytest.fixture
def world(region, make_location):
    mine = OrganiserFactory()
    a = make_location(organiser=mine, title="Mijn locatie")
    b = make_location(title="Hun locatie")
    return mine, a, b


def statuses(*rows):
    return [RequestedLocation.objects.get(pk=row.pk).status for row in rows]


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_list_has_a_checkbox_per_row_the_location_decides_on(world, region):
    mine, a, _b = world
    mine_row = make_request(region, [a]).locations.get()

    html = logged_in(staff_of(mine)).get("/admin/aanvragen/").content.decode()

    assert f'name="rows" value="{mine_row.pk}" form="bulk-no-place"' in html
    assert 'id="bulk-no-place"' in html


def test_confirm_then_every_selected_row_gets_no_place(world, region):
    mine, a, _b = world
    rows = [make_request(region, [a], [s]).locations.get() for s in ("new", "accepted_for_review")]
    client = logged_in(staff_of(mine))
    ids = [str(row.pk) for row in rows]

    confirm = client.post(URL, {"rows": ids})
    assert confirm.status_code == 200
    assert rows[0].request.reference in confirm.content.decode()
    assert statuses(*rows) == ["new", "accepted_for_review"]  # nothing before confirming

    done = client.post(URL, {"rows": ids, "confirm": "1"})

    assert done.status_code == 302
    assert statuses(*rows) == ["no_place", "no_place"]
    assert texts(done) == ["2 aanvragen staan nu op: geen plaats."]
    assert rows[0].history.filter(status="no_place").exists()


def test_a_row_in_a_wrong_status_refuses_the_whole_selection(world, region):
    mine, a, _b = world
    new = make_request(region, [a]).locations.get()
    offered = make_request(region, [a], ["approved"]).locations.get()
    client = logged_in(staff_of(mine))

    response = client.post(URL, {"rows": [new.pk, offered.pk], "confirm": "1"})

    assert response.status_code == 302
    assert statuses(new, offered) == ["new", "approved"]
    messages = texts(response)
    assert messages[0] == "Er is niets gewijzigd."
    assert any(offered.request.reference in text for text in messages[1:])
    assert len(messages) == 2


def test_another_locations_row_is_refused_without_naming_it(world, region):
    mine, a, b = world
    new = make_request(region, [a]).locations.get()
    theirs = make_request(region, [b]).locations.get()
    client = logged_in(staff_of(mine))

    response = client.post(URL, {"rows": [new.pk, theirs.pk], "confirm": "1"})

    assert statuses(new, theirs) == ["new", "new"]
    assert all(theirs.request.reference not in text for text in texts(response))
    assert len(texts(response)) == 2


def test_the_loket_does_not_decide(world, region, loket_user):
    _mine, a, _b = world
    new = make_request(region, [a]).locations.get()

    response = logged_in(loket_user).post(URL, {"rows": [new.pk], "confirm": "1"})

    assert response.status_code == 302
    assert statuses(new) == ["new"]


def test_nothing_selected_is_a_message(world, region):
    mine, _a, _b = world

    response = logged_in(staff_of(mine)).post(URL, {"rows": ["x"]})

    assert response.status_code == 302
    assert "Selecteer minstens één aanvraag." in texts(response)


def test_get_is_not_allowed(world):
    mine, _a, _b = world

    assert logged_in(staff_of(mine)).get(URL).status_code == 405
