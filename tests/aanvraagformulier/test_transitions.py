"""The status actions: one table, valid moves pass, every other move is refused."""

import pytest
from django.test import Client

from aanvraagformulier.models import RequestStatus
from aanvraagformulier.transitions import TRANSITIONS, TransitionRefused, allowed_actions, apply

from ..factories import OrganiserFactory
from .backoffice import make_request, staff_of

pytestmark = pytest.mark.django_db

VALID = {
    ("new", "accept_for_review"): "accepted_for_review",
    ("no_place", "accept_for_review"): "accepted_for_review",
    ("new", "no_place"): "no_place",
    ("accepted_for_review", "no_place"): "no_place",
    ("accepted_for_review", "approve"): "approved",
    ("accepted_for_review", "not_approve"): "not_approved",
    ("approved", "enrol"): "enrolled",
}
MOVES = [(status, action) for status in RequestStatus.values for action in TRANSITIONS]


@pytest.fixture
def world(region, make_location):
    mine = OrganiserFactory()
    return mine, make_location(organiser=mine, title="Mijn locatie"), region


@pytest.mark.parametrize(("status", "action"), MOVES)
def test_every_status_and_action(world, status, action):
    _mine, location, region = world
    row = make_request(region, [location], [status]).locations.get()

    if (status, action) in VALID:
        apply(row, action)
        row.refresh_from_db()
        assert row.status == VALID[(status, action)]
        assert row.history.count() == 2  # created, then this move
    else:
        with pytest.raises(TransitionRefused):
            apply(row, action)
        row.refresh_from_db()
        assert row.status == status


def test_allowed_actions_follow_the_table(world):
    _mine, location, region = world
    row = make_request(region, [location], ["accepted_for_review"]).locations.get()

    assert [name for name, _t in allowed_actions(row)] == ["approve", "no_place", "not_approve"]


def test_an_unknown_action_is_refused(world):
    _mine, location, region = world
    row = make_request(region, [location]).locations.get()

    with pytest.raises(TransitionRefused):
        apply(row, "delete")


def url(row):
    return f"/admin/aanvragen/{row.pk}/"


def test_staff_accept_through_the_admin_and_then_see_contact_data(world):
    mine, location, region = world
    row = make_request(region, [location]).locations.get()
    client = Client()
    client.force_login(staff_of(mine))
    assert "voorbeeld.be" not in client.get(url(row)).content.decode()

    response = client.post(url(row), {"action": "accept_for_review"}, follow=True)

    html = response.content.decode()
    assert response.status_code == 200
    assert "De aanvraag is nu:" in html
    assert "voorbeeld.be" in html
    row.refresh_from_db()
    assert row.status == "accepted_for_review"


def test_an_invalid_move_through_the_admin_gives_a_message(world):
    mine, location, region = world
    row = make_request(region, [location]).locations.get()
    client = Client()
    client.force_login(staff_of(mine))

    response = client.post(url(row), {"action": "enrol"}, follow=True)

    assert response.status_code == 200
    assert "die actie kan nu niet" in response.content.decode()
    row.refresh_from_db()
    assert row.status == "new"


def test_the_loket_may_not_decide(world, loket_user):
    _mine, location, region = world
    row = make_request(region, [location]).locations.get()
    client = Client()
    client.force_login(loket_user)

    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    assert client.post(url(row), {"action": "accept_for_review"}).status_code in (302, 403)
    row.refresh_from_db()
    assert row.status == "new"


def test_others_get_404(world, make_location):
    _mine, _location, region = world
    other = make_location(title="Hun locatie")
    row = make_request(region, [other]).locations.get()
    client = Client()
    client.force_login(staff_of(world[0]))

    assert client.post(url(row), {"action": "accept_for_review"}).status_code == 404
    row.refresh_from_db()
    assert row.status == "new"
