"""The read-only detail view: the policy's fields, an access record, 404 outside the scope."""

import datetime
import re

import pytest
from django.utils import timezone

from aanvraagformulier.admin_views import deadline_badge
from aanvraagformulier.models import AccessRecord
from core.roles import DATA_PROTECTION_OFFICER

from ..conftest import logged_in, role
from ..factories import OrganiserFactory, UserFactory
from .backoffice import make_request, staff_of

pytestmark = pytest.mark.django_db


def url(row):
    return f"/admin/aanvragen/{row.pk}/"


@pytest.fixture
def world(region, make_location):
    mine = OrganiserFactory()
    a = make_location(organiser=mine, title="Mijn locatie")
    b = make_location(title="Hun locatie")
    return mine, a, b


@pytest.mark.parametrize(
    ("status", "shown", "hidden"),
    [
        ("new", ["Sofie", "9000", "03/2026"], ["Peeters", "voorbeeld.be", "0470", "Kortrijks"]),
        ("accepted_for_review", ["Sofie", "Peeters", "voorbeeld.be", "0470"], ["Kortrijks"]),
        ("approved", ["Peeters", "Kortrijksesteenweg 10", "90051712345"], []),
        ("place_elsewhere", ["Sofie"], ["Peeters", "voorbeeld.be", "0470", "Kortrijks"]),
    ],
)
def test_staff_see_exactly_the_policys_fields(world, region, status, shown, hidden):
    mine, a, _b = world
    row = make_request(region, [a], [status]).locations.get()

    response = logged_in(staff_of(mine)).get(url(row))

    html = response.content.decode()
    assert response.status_code == 200
    for text in shown:
        assert text in html
    for text in hidden:
        assert text not in html


def test_a_display_writes_one_access_record(world, region):
    mine, a, _b = world
    row = make_request(region, [a], ["accepted_for_review"]).locations.get()
    user = staff_of(mine)

    logged_in(user).get(url(row))

    record = AccessRecord.objects.get()
    assert (record.user, record.row, record.purpose) == (user, row, "view")
    assert "email" in record.fields and "national_number" not in record.fields


def test_rows_outside_the_scope_answer_404_and_leave_no_record(world, region):
    mine, _a, b = world
    row = make_request(region, [b], ["approved"]).locations.get()

    response = logged_in(staff_of(mine)).get(url(row))

    assert response.status_code == 404
    assert "Peeters" not in response.content.decode()
    assert not AccessRecord.objects.exists()


def test_a_missing_row_is_404(world):
    assert logged_in(staff_of(world[0])).get("/admin/aanvragen/999999/").status_code == 404


def test_the_officer_and_others_get_no_data(world, region, communication_user):
    _mine, a, _b = world
    row = make_request(region, [a], ["approved"]).locations.get()
    officer = UserFactory(groups=[role(DATA_PROTECTION_OFFICER)])

    for user in (officer, communication_user):
        response = logged_in(user).get(url(row))
        assert response.status_code in (302, 403, 404)
        assert "Peeters" not in response.content.decode()


def test_the_loket_sees_contact_but_no_national_number(world, region, loket_user):
    _mine, a, _b = world
    row = make_request(region, [a], ["approved"]).locations.get()

    html = logged_in(loket_user).get(url(row)).content.decode()

    assert "voorbeeld.be" in html and "90051712345" not in html
    assert AccessRecord.objects.get().viewer == "loket"


def test_the_list_links_to_the_detail(world, region):
    mine, a, _b = world
    row = make_request(region, [a]).locations.get()

    html = logged_in(staff_of(mine)).get("/admin/aanvragen/").content.decode()

    assert f'href="{url(row)}"' in html


def test_deadline_badges(world, region):
    _mine, a, _b = world
    row = make_request(region, [a]).locations.get()
    today = timezone.localdate()

    row.due_date = today - datetime.timedelta(days=1)
    assert deadline_badge(row, today) == "overdue"
    row.due_date = today + datetime.timedelta(days=2)
    assert deadline_badge(row, today) == "due_soon"
    row.due_date = today + datetime.timedelta(days=10)
    assert deadline_badge(row, today) is None
    row.due_date, row.status = today - datetime.timedelta(days=1), "enrolled"
    assert deadline_badge(row, today) is None


def test_an_overdue_badge_shows(world, region):
    mine, a, _b = world
    row = make_request(region, [a]).locations.get()
    row.due_date = timezone.localdate() - datetime.timedelta(days=1)
    row.save()

    html = logged_in(staff_of(mine)).get(url(row)).content.decode()

    assert 'data-badge="overdue"' in html


@pytest.mark.parametrize(
    ("status", "primary"),
    [("new", "accept_for_review"), ("accepted_for_review", "approve"), ("approved", "enrol")],
)
def test_the_primary_button_is_the_step_forward(world, region, status, primary):
    # After "accept for review" the next step is offering a place; "no place" stays offered,
    # as a secondary button.
    mine, a, _b = world
    row = make_request(region, [a], [status]).locations.get()

    html = logged_in(staff_of(mine)).get(url(row)).content.decode()

    buttons = re.findall(r'<button type="submit" name="action" value="(\w+)" class="([^"]+)"', html)
    assert buttons[0] == (primary, "button")
    assert all("button-secondary" in classes for _name, classes in buttons[1:])
