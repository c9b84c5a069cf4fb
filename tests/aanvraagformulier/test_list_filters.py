"""The request list's filters, sort, counts per status and deadline badges (issue 12 item 2)."""

import datetime

import pytest
from django.utils import timezone

from aanvraagformulier.listing import status_counts
from aanvraagformulier.scoping import rows_for
from opvanglocaties.models import PriorityRule

from ..conftest import logged_in
from ..factories import OrganiserFactory
from .backoffice import make_request, staff_of

pytestmark = pytest.mark.django_db

URL = "/admin/aanvragen/"
TODAY = timezone.localdate


@pytest.fixture
def world(region, make_location):
    mine = OrganiserFactory()
    return mine, make_location(organiser=mine, title="Mijn locatie")


def listed(client, query=""):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    return response.content.decode()


def due_in(filed, days):
    filed.locations.update(due_date=TODAY() + datetime.timedelta(days=days))
    return filed


def test_status_filter(world, region, loket_user):
    _mine, a = world
    new = make_request(region, [a], ["new"])
    offered = make_request(region, [a], ["approved"])

    html = listed(logged_in(loket_user), "status=approved")

    assert offered.reference in html and new.reference not in html


@pytest.mark.parametrize(
    ("deadline", "shown", "hidden"),
    [("overdue", ["late"], ["soon", "later", "closed"]), ("due_soon", ["soon"], ["late", "later"])],
)
def test_deadline_filter_uses_the_badges_rule(world, region, loket_user, deadline, shown, hidden):
    _mine, a = world
    rows = {
        "late": due_in(make_request(region, [a]), -1),
        "soon": due_in(make_request(region, [a]), 3),
        "later": due_in(make_request(region, [a]), 4),
        "closed": due_in(make_request(region, [a], ["enrolled"]), -1),
    }

    html = listed(logged_in(loket_user), f"deadline={deadline}")

    for name in shown:
        assert rows[name].reference in html
    for name in hidden:
        assert rows[name].reference not in html


def test_overdue_and_due_soon_badges_in_the_list(world, region, loket_user):
    _mine, a = world
    due_in(make_request(region, [a]), -2)
    due_in(make_request(region, [a]), 1)

    html = listed(logged_in(loket_user))

    assert 'data-badge="overdue"' in html and 'data-badge="due_soon"' in html


def test_start_date_range(world, region, loket_user):
    _mine, a = world
    early = make_request(region, [a], start_date=datetime.date(2027, 1, 4))
    late = make_request(region, [a], start_date=datetime.date(2027, 9, 1))

    html = listed(logged_in(loket_user), "start_date_from=2027-06-01&start_date_to=2027-12-31")

    assert late.reference in html and early.reference not in html


def test_a_bad_date_gets_a_message_not_an_error(world, region, loket_user):
    _mine, a = world
    filed = make_request(region, [a])

    html = listed(logged_in(loket_user), "start_date_from=gisteren")

    assert "Voer een geldige datum in." in html
    assert filed.reference in html


def test_priority_rule_filter(world, request_region, loket_user):
    _mine, a = world
    code = PriorityRule.objects.exclude(code="werk-of-opleiding").first().code
    working = make_request(request_region, [a])
    other = make_request(request_region, [a], priority_rule_codes=[code])

    html = listed(logged_in(loket_user), "priority=werk-of-opleiding")

    assert working.reference in html and other.reference not in html


def test_care_parts_filter_asks_every_chosen_part(world, region, loket_user):
    _mine, a = world
    monday_wednesday = make_request(region, [a], care_parts={"0": "full", "2": "half"})
    monday_half = make_request(region, [a], care_parts={"0": "half", "2": "half"})
    monday_only = make_request(region, [a], care_parts={"0": "full"})

    html = listed(logged_in(loket_user), "care=0:full&care=2:half")

    assert monday_wednesday.reference in html
    assert monday_half.reference not in html and monday_only.reference not in html


@pytest.mark.parametrize(
    ("birth", "band"),
    [
        (datetime.date(2026, 7, 5), "0-6"),  # 5 months and 30 days at the start
        (datetime.date(2026, 7, 4), "6-12"),  # 6 months to the day
        (datetime.date(2026, 1, 4), "12-18"),
        (datetime.date(2024, 1, 4), "36+"),
    ],
)
def test_age_bands_count_whole_months_at_the_start(world, region, loket_user, birth, band):
    _mine, a = world
    filed = make_request(region, [a], child_birth_date=birth, start_date=datetime.date(2027, 1, 4))
    client = logged_in(loket_user)

    assert filed.reference in listed(client, f"age={band}")
    other = "24-36" if band != "24-36" else "0-6"
    assert filed.reference not in listed(client, f"age={other}")


def test_sort_by_start_date_and_by_request_date(world, region, loket_user):
    _mine, a = world
    later = make_request(region, [a], start_date=datetime.date(2027, 9, 1))
    sooner = make_request(region, [a], start_date=datetime.date(2027, 2, 1))
    client = logged_in(loket_user)

    html = listed(client, "ordering=request__start_date")
    assert html.index(sooner.reference) < html.index(later.reference)
    html = listed(client, "ordering=-created_at")
    assert html.index(sooner.reference) < html.index(later.reference)
    html = listed(client, "ordering=created_at")
    assert html.index(later.reference) < html.index(sooner.reference)


def test_counts_per_status_are_the_users_scope_and_link_to_the_filter(
    world, region, make_location, loket_user
):
    mine, a = world
    theirs = make_location(title="Hun locatie")
    make_request(region, [a, theirs], ["new", "new"])
    make_request(region, [a], ["approved"])

    html = listed(logged_in(staff_of(mine)))

    assert f'href="{URL}?status=new" data-status="new">Nieuw: 1<' in html
    assert 'data-status="approved">Goedgekeurd (plaats aangeboden): 1<' in html
    assert 'data-status="no_place">Geen plaats: 0<' in html


def test_counts_are_one_query(world, region, loket_user, django_assert_num_queries):
    _mine, a = world
    for status in ("new", "new", "approved", "no_place"):
        make_request(region, [a], [status])
    rows = rows_for(loket_user)
    list(rows.none())  # the scope's own lookups are not the count's

    with django_assert_num_queries(1):
        counts = {value: n for value, _label, n in status_counts(rows)}

    assert counts["new"] == 2 and counts["approved"] == 1 and counts["enrolled"] == 0
