"""'No longer current' (seed 000 art. 2 §6): a location proposes it with a reason, the loket
of the request's region confirms (the request's open rows close, the parent is told) or
rejects it (it goes back)."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aanvraagformulier.models import OPEN_STATUSES, RequestStatus
from aanvraagformulier.transitions import (
    TransitionRefused,
    confirm_stale,
    propose_stale,
    reject_stale,
)
from core.roles import LOKET

from ..conftest import logged_in, role
from ..factories import OrganiserFactory, RegionFactory, UserFactory, municipality
from .backoffice import make_request, staff_of

pytestmark = pytest.mark.django_db

CLOSED = [status for status in RequestStatus.values if status not in OPEN_STATUSES]


@pytest.fixture
def world(region, make_location):
    mine, theirs = OrganiserFactory(), OrganiserFactory()
    here = make_location(organiser=mine, title="Mijn locatie")
    there = make_location(organiser=theirs, title="Hun locatie")
    return mine, theirs, here, there


def url(row):
    return f"/admin/aanvragen/{row.pk}/"


@pytest.mark.parametrize("status", OPEN_STATUSES)
def test_a_location_may_propose_on_an_open_row(world, region, status):
    _mine, _theirs, here, _there = world
    row = make_request(region, [here], [status]).locations.get()

    propose_stale(row, "moved")

    row.refresh_from_db()
    assert row.stale_reason == "moved" and row.stale_proposed
    assert row.status == status


@pytest.mark.parametrize("status", CLOSED)
def test_a_closed_row_cannot_be_proposed(world, region, status):
    _mine, _theirs, here, _there = world
    row = make_request(region, [here], [status]).locations.get()

    with pytest.raises(TransitionRefused):
        propose_stale(row, "moved")
    row.refresh_from_db()
    assert row.stale_proposed_at is None


@pytest.mark.parametrize(("reason", "note"), [("", ""), ("bored", ""), ("other", " ")])
def test_a_proposal_needs_a_known_reason_and_for_other_a_note(world, region, reason, note):
    _mine, _theirs, here, _there = world
    row = make_request(region, [here]).locations.get()

    with pytest.raises(TransitionRefused):
        propose_stale(row, reason, note)


def test_twice_proposed_is_refused_and_confirm_or_reject_need_a_proposal(world, region):
    _mine, _theirs, here, _there = world
    row = make_request(region, [here]).locations.get()
    with pytest.raises(TransitionRefused):
        confirm_stale(row)
    with pytest.raises(TransitionRefused):
        reject_stale(row)

    propose_stale(row, "no_response")
    with pytest.raises(TransitionRefused):
        propose_stale(row, "moved")


def test_confirming_closes_every_open_row_and_tells_the_parent(
    world, region, django_capture_on_commit_callbacks
):
    mine, _theirs, here, there = world
    filed = make_request(region, [here, there], ["accepted_for_review", "not_approved"])
    row = filed.locations.get(location=here)
    propose_stale(row, "care_elsewhere")

    with django_capture_on_commit_callbacks(execute=True):
        closed = confirm_stale(row)

    assert [each.pk for each in closed] == [row.pk]
    statuses = {each.location_title: each.status for each in filed.locations.all()}
    assert statuses == {"Mijn locatie": "no_longer_current", "Hun locatie": "not_approved"}
    (message,) = mail.outbox
    assert message.to == ["sofie.peeters@voorbeeld.be"]
    assert "niet meer actueel" in message.body and "Peeters" not in message.body
    html = logged_in(staff_of(mine)).get(url(row)).content.decode()
    assert "Sofie" in html and "voorbeeld.be" not in html


def test_rejecting_clears_the_proposal(world, region):
    _mine, _theirs, here, _there = world
    row = make_request(region, [here], ["accepted_for_review"]).locations.get()
    propose_stale(row, "other", "Ze verhuist misschien")

    reject_stale(row)

    row.refresh_from_db()
    assert row.status == "accepted_for_review" and not row.stale_proposed
    assert row.stale_reason == "" and row.stale_note == ""
    propose_stale(row, "moved")  # it may be proposed again later


def test_the_whole_flow_through_the_admin(world, region, loket_user):
    mine, _theirs, here, _there = world
    row = make_request(region, [here]).locations.get()
    staff = logged_in(staff_of(mine))

    bad = staff.post(url(row), {"action": "propose_stale", "reason": "other", "note": ""})
    assert bad.status_code == 400
    assert "Licht de andere reden toe." in bad.content.decode()

    staff.post(url(row), {"action": "propose_stale", "reason": "moved"})
    row.refresh_from_db()
    assert row.stale_proposed
    # The location itself cannot confirm.
    assert staff.post(url(row), {"action": "confirm_stale"}).status_code in (302, 403)
    row.refresh_from_db()
    assert row.status == "new"

    loket = logged_in(loket_user)
    dashboard = loket.get("/admin/").content.decode()
    assert f'data-proposal="{row.pk}"' in dashboard and row.request.reference in dashboard
    response = loket.post(url(row), {"action": "confirm_stale"}, follow=True)
    assert "afgesloten als niet meer actueel" in response.content.decode()
    row.refresh_from_db()
    assert row.status == "no_longer_current"
    assert f'data-proposal="{row.pk}"' not in loket.get("/admin/").content.decode()


def test_the_loket_may_reject_through_the_admin(world, region, loket_user):
    _mine, _theirs, here, _there = world
    row = make_request(region, [here]).locations.get()
    propose_stale(row, "no_response")

    logged_in(loket_user).post(url(row), {"action": "reject_stale"})

    row.refresh_from_db()
    assert row.status == "new" and not row.stale_proposed


def test_others_get_404(world, region):
    _mine, theirs, here, _there = world
    row = make_request(region, [here]).locations.get()
    other_region = RegionFactory(
        name="Antwerpen", slug="antwerpen", municipalities=[municipality("11002")]
    )
    other_loket = UserFactory(groups=[role(LOKET), other_region.loket_group])

    assert (
        logged_in(staff_of(theirs))
        .post(url(row), {"action": "propose_stale", "reason": "moved"})
        .status_code
        == 404
    )
    propose_stale(row, "moved")
    assert logged_in(other_loket).post(url(row), {"action": "confirm_stale"}).status_code == 404
    dashboard = logged_in(other_loket).get("/admin/").content.decode()
    assert f'data-proposal="{row.pk}"' not in dashboard
    row.refresh_from_db()
    assert row.status == "new" and row.stale_proposed


def test_the_panel_costs_the_same_queries_for_one_or_many_proposals(world, region, loket_user):
    _mine, _theirs, here, _there = world
    client = logged_in(loket_user)

    def dashboard_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/").status_code == 200
        return len(queries)

    propose_stale(make_request(region, [here]).locations.get(), "moved")
    client.get("/admin/")  # warm caches
    one = dashboard_queries()
    for _ in range(4):
        propose_stale(make_request(region, [here]).locations.get(), "no_response")
    assert dashboard_queries() == one
