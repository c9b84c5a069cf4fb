"""The request's region copied onto its rows, and the scope read in parts (bench/README.md,
backoffice_list): the same rows and counts as `rows_for`, by another road."""

import pytest
from django.apps import apps

from aanvraagformulier.listing import scope_status_counts, status_counts
from aanvraagformulier.models import RequestedLocation
from aanvraagformulier.scoping import Scope, rows_for
from aanvraagformulier.services import add_rows

from ..factories import OrganiserFactory, RegionFactory, UserFactory
from ..migrations import migration_module
from .backoffice import make_request, staff_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(region, make_location):
    """A fiche `a` of organiser `mine`, a fiche `b` of another; requests of this region and
    of another one for each."""
    mine = OrganiserFactory()
    a = make_location(organiser=mine, title="Mijn locatie")
    b = make_location(title="Hun locatie")
    other = RegionFactory(name="Leuven", slug="leuven")
    requests = {
        "here_a": make_request(region, [a], ["new"]),
        "here_b": make_request(region, [b], ["approved"]),
        "there_a": make_request(other, [a], ["accepted_for_review"]),
        "there_b": make_request(other, [b], ["new"]),
        "nowhere_a": make_request(None, [a], ["no_place"]),
    }
    return mine, a, b, requests


def row_ids(rows):
    return set(rows.values_list("pk", flat=True))


def test_rows_take_their_requests_region(world, region):
    _mine, a, _b, requests = world
    assert requests["here_a"].locations.get().region == region
    assert requests["nowhere_a"].locations.get().region is None

    filed = make_request(region, [])
    (row,) = add_rows(filed, [a], first_preference=1)

    assert RequestedLocation.objects.get(pk=row.pk).region_id == region.pk


def test_the_migration_gives_existing_rows_their_requests_region(world, region):
    _mine, _a, _b, requests = world
    RequestedLocation.objects.update(region=None)

    migration_module("aanvraagformulier", "_bospeed_region").copy_regions(apps, None)

    regions = dict(RequestedLocation.objects.values_list("request_id", "region_id"))
    assert regions[requests["here_a"].pk] == region.pk
    assert regions[requests["there_b"].pk] == requests["there_b"].region_id != region.pk
    assert regions[requests["nowhere_a"].pk] is None


@pytest.mark.parametrize("who", ["loket", "location", "both"])
def test_scope_parts_are_rows_for(world, region, loket_user, who):
    mine, _a, _b, _requests = world
    user = {"loket": loket_user, "location": staff_of(mine)}.get(who)
    if user is None:
        user = staff_of(mine)
        user.groups.add(region.loket_group)
    scope = Scope(user)

    region_part, served_part = scope.row_parts()
    parts = [part for part in (region_part, served_part) if part is not None]
    expected = row_ids(rows_for(user))

    assert row_ids(scope.rows()) == expected
    # Disjoint parts whose union is the scope: nothing counted twice.
    assert sum(part.count() for part in parts) == len(expected)
    assert set().union(*(row_ids(part) for part in parts)) == expected
    assert scope_status_counts(scope) == status_counts(rows_for(user))


def test_both_ways_in_see_their_fiches_rows_of_other_regions(world, region):
    mine, _a, _b, requests = world
    user = staff_of(mine)
    user.groups.add(region.loket_group)

    seen = {row.request_id for row in Scope(user).rows()}

    # Their fiche's rows whatever the request's region, and every row of their region.
    assert {requests[key].pk for key in ("here_a", "here_b", "there_a", "nowhere_a")} <= seen


def test_nobody_sees_nothing(world):

    user = UserFactory()
    assert not Scope(user).rows().exists()
    assert all(count == 0 for _value, _label, count in scope_status_counts(Scope(user)))
