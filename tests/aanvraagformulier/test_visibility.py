"""The visibility policy, walked cell by cell: every status x viewer x field.

The expected table is written out here on its own (from design.md), not read from the
module, so a change to the policy has to change this table too.
"""

import pytest
from django.core.exceptions import ImproperlyConfigured

from aanvraagformulier.models import RequestStatus
from aanvraagformulier.scoping import Scope, Viewer
from aanvraagformulier.visibility import FIELDS, field_value, for_row, visible_fields
from core.roles import DATA_PROTECTION_OFFICER, LOKET

from ..conftest import role
from ..factories import OrganiserFactory, UserFactory
from .backoffice import make_request, staff_of

BASIC = {"parent_first_name", "priority_rules", "care_plan", "child_birth_month", "postcode"}
CONTACT = {"parent_last_name", "email", "phone"}
FULL = {"address", "national_number", "income_indicator"}

EXPECTED = {
    Viewer.LOCATION: {
        "new": BASIC,
        "no_place": BASIC,
        "accepted_for_review": BASIC | CONTACT,
        "approved": BASIC | CONTACT | FULL,
        "enrolled": BASIC | CONTACT | FULL,
        "not_approved": BASIC,
        "withdrawn": BASIC,
        "expired": BASIC,
        "place_elsewhere": BASIC,
        "offer_declined": BASIC,
        "no_longer_current": BASIC,
    },
    Viewer.LOKET: {status: BASIC | CONTACT for status in RequestStatus.values},
    Viewer.DATA_PROTECTION_OFFICER: {status: set() for status in RequestStatus.values},
    None: {status: set() for status in RequestStatus.values},
}

CELLS = [
    (viewer, status, field)
    for viewer in EXPECTED
    for status in RequestStatus.values
    for field in FIELDS
]


def test_the_table_covers_every_status_and_field():
    assert set(EXPECTED[Viewer.LOCATION]) == set(RequestStatus.values)
    assert set(FIELDS) == BASIC | CONTACT | FULL
    assert len(CELLS) == 4 * len(RequestStatus.values) * 11


@pytest.mark.parametrize(("viewer", "status", "field"), CELLS)
def test_every_cell_of_the_default_matrix(viewer, status, field):
    assert (field in visible_fields(viewer, status)) == (field in EXPECTED[viewer][status])


@pytest.mark.parametrize(("viewer", "status", "field"), CELLS)
def test_a_region_without_overrides_gets_the_default(viewer, status, field, settings):
    settings.OPVANGPUNT_REQUEST_VISIBILITY = {"brugge": {"location": {"new": ["full"]}}}

    assert (field in visible_fields(viewer, status, "gent")) == (field in EXPECTED[viewer][status])


def test_a_region_overrides_one_cell_with_groups_and_fields(settings):
    settings.OPVANGPUNT_REQUEST_VISIBILITY = {
        "gent": {"location": {"accepted_for_review": ["basic", "contact", "address"]}}
    }

    assert visible_fields("location", "accepted_for_review", "gent") == BASIC | CONTACT | {
        "address"
    }
    # Other cells and other regions keep the default.
    assert visible_fields("location", "new", "gent") == BASIC
    assert visible_fields("location", "accepted_for_review", "brugge") == BASIC | CONTACT


def test_a_region_may_also_show_less(settings):
    settings.OPVANGPUNT_REQUEST_VISIBILITY = {"gent": {"loket": {"expired": ["basic"]}}}

    assert visible_fields("loket", "expired", "gent") == BASIC


def test_an_unknown_field_in_the_settings_is_a_configuration_error(settings):
    settings.OPVANGPUNT_REQUEST_VISIBILITY = {"gent": {"location": {"new": ["shoe_size"]}}}

    with pytest.raises(ImproperlyConfigured, match="shoe_size"):
        visible_fields("location", "new", "gent")


def test_the_officer_can_not_be_given_request_data(settings):
    settings.OPVANGPUNT_REQUEST_VISIBILITY = {"gent": {"dpo": {"new": ["basic"]}}}

    with pytest.raises(ImproperlyConfigured):
        visible_fields("dpo", "new", "gent")


# The viewer a user is, on real rows and real groups.


@pytest.fixture
def rows(db, region, make_location):
    mine = OrganiserFactory()
    a = make_location(organiser=mine, title="Mijn locatie")
    b = make_location(title="Hun locatie")
    filed = make_request(region, [a, b], ["approved", "accepted_for_review"])
    return mine, filed.locations.get(location=a), filed.locations.get(location=b)


def test_staff_are_the_location_on_their_row_and_nobody_on_another(rows):
    mine, row_a, row_b = rows
    scope = Scope(staff_of(mine))

    assert scope.viewer(row_a) == Viewer.LOCATION
    assert for_row(scope, row_a) == BASIC | CONTACT | FULL
    assert scope.viewer(row_b) is None
    assert for_row(scope, row_b) == set()


def test_the_loket_is_the_loket_even_on_fiches_it_edits(rows, loket_user):
    _mine, row_a, _row_b = rows

    assert Scope(loket_user).viewer(row_a) == Viewer.LOKET
    assert for_row(Scope(loket_user), row_a) == BASIC | CONTACT


def test_the_officer_sees_nothing(rows):
    _mine, row_a, _row_b = rows
    officer = UserFactory(groups=[role(DATA_PROTECTION_OFFICER)])

    assert Scope(officer).viewer(row_a) == Viewer.DATA_PROTECTION_OFFICER
    assert for_row(Scope(officer), row_a) == set()


def test_an_inactive_user_is_nobody(rows):
    user = UserFactory(groups=[role(LOKET)], is_active=False)

    assert Scope(user).viewer(rows[1]) is None


def test_the_values_shown(rows):
    filed = rows[1].request

    assert field_value(filed, "child_birth_month") == "03/2026"
    assert field_value(filed, "address") == "Kortrijksesteenweg 10, 9000"
    assert field_value(filed, "care_plan").startswith("04/01/2027: ")
    assert field_value(filed, "email") == "sofie.peeters@voorbeeld.be"
