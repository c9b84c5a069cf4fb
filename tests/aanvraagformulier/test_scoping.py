"""scoping.rows_for: the one answer to "which rows may this user see at all"."""

import pytest

from aanvraagformulier.scoping import has_back_office, loket_regions, rows_for
from core.roles import LOKET

from ..conftest import role
from ..factories import OrganiserFactory, RegionFactory, UserFactory
from .backoffice import make_request, staff_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(region, make_location):
    mine, theirs = OrganiserFactory(), OrganiserFactory()
    a = make_location(organiser=mine, title="Mijn locatie")
    b = make_location(organiser=theirs, title="Hun locatie")
    both = make_request(region, [a, b])
    only_theirs = make_request(region, [b])
    return mine, theirs, a, b, both, only_theirs


def test_staff_see_the_rows_of_the_locations_they_serve_only(world):
    mine, _theirs, a, _b, both, _only_theirs = world

    rows = rows_for(staff_of(mine))

    assert list(rows) == [both.locations.get(location=a)]


def test_the_loket_sees_every_row_of_its_regions_requests(world, loket_user):
    *_, both, only_theirs = world

    assert set(rows_for(loket_user)) == set(both.locations.all()) | set(only_theirs.locations.all())


def test_without_a_loket_group_field_the_loket_role_serves_every_region(loket_user, region):
    other = RegionFactory()

    assert set(loket_regions(loket_user)) >= {region, other}


def test_the_loket_sees_requests_filed_in_its_region_for_fiches_elsewhere(region, loket_user):
    # A request filed on the region's form keeps its loket as support, even for a row whose
    # fiche was deleted since (location null).
    filed = make_request(region, [])
    filed.locations.create(
        location=None,
        location_title="Elders",
        preference=1,
        status="new",
        status_changed_at=filed.created_at,
        due_date=filed.start_date,
    )

    assert list(rows_for(loket_user)) == list(filed.locations.all())


@pytest.mark.parametrize("who", ["communication", "no_role", "inactive_staff", "inactive_loket"])
def test_nobody_else_sees_anything(world, who, communication_user):
    mine = world[0]
    user = {
        "communication": lambda: communication_user,
        "no_role": lambda: UserFactory(),
        "inactive_staff": lambda: staff_of(mine),
        "inactive_loket": lambda: UserFactory(groups=[role(LOKET)]),
    }[who]()
    if who.startswith("inactive"):
        user.is_active = False
        user.save()

    assert not rows_for(user).exists()
    assert not has_back_office(user)
