"""The access trail: the admin list records what it shows; the parent sees who looked."""

import pytest
from django.test import Client

from aanvraagformulier.models import AccessPurpose, AccessRecord
from aanvraagformulier.scoping import Scope
from aanvraagformulier.trail import record_access, trail_for_parent
from core.roles import DATA_PROTECTION_OFFICER

from ..conftest import role
from ..factories import OrganiserFactory, UserFactory
from .backoffice import make_request, staff_of
from .conftest import private_link_from_mail

pytestmark = pytest.mark.django_db

URL = "/admin/aanvragen/"


@pytest.fixture
def world(region, make_location):
    mine = OrganiserFactory()
    a = make_location(organiser=mine, title="Mijn locatie")
    b = make_location(title="Hun locatie")
    filed = make_request(region, [a, b], ["accepted_for_review", "new"])
    return mine, a, b, filed


def test_the_list_writes_one_record_per_row_shown_with_the_fields_it_shows(world):
    mine, a, _b, filed = world
    user = staff_of(mine)
    client = Client()
    client.force_login(user)

    assert client.get(URL).status_code == 200

    record = AccessRecord.objects.get()
    assert record.user == user and record.username == user.get_username()
    assert record.row == filed.locations.get(location=a) and record.request == filed
    assert record.viewer == "location" and record.location_title == "Mijn locatie"
    # The list shows the first name only, though this row's status would allow more.
    assert record.fields == ["parent_first_name"]
    assert record.purpose == AccessPurpose.LIST


def test_the_loket_list_records_every_row_as_the_loket(world, loket_user):
    client = Client()
    client.force_login(loket_user)

    client.get(URL)

    assert sorted(AccessRecord.objects.values_list("viewer", "location_title")) == [
        ("loket", "Hun locatie"),
        ("loket", "Mijn locatie"),
    ]


def test_a_refused_list_writes_nothing(world, communication_user):
    client = Client()
    client.force_login(communication_user)

    client.get(URL)

    assert not AccessRecord.objects.exists()


def test_record_access_keeps_to_the_policy(world, loket_user):
    mine, a, _b, filed = world
    rows = list(filed.locations.select_related("request__region"))
    officer = UserFactory(groups=[role(DATA_PROTECTION_OFFICER)])

    staff = record_access(Scope(staff_of(mine)), rows, AccessPurpose.VIEW)
    loket = record_access(Scope(loket_user), rows, AccessPurpose.SUPPORT)
    nothing = record_access(Scope(officer), rows, AccessPurpose.VIEW)

    # Staff: their own row only, with what its status allows; nothing on the other row.
    assert [(r.row.location, r.fields) for r in staff] == [
        (
            a,
            [
                "parent_first_name",
                "priority_rules",
                "care_plan",
                "child_birth_month",
                "postcode",
                "parent_last_name",
                "email",
                "phone",
            ],
        )
    ]
    assert len(loket) == 2 and "national_number" not in loket[0].fields
    assert nothing == []
    assert AccessRecord.objects.count() == 3


def test_the_parents_page_shows_who_looked_and_when(filler, locations, loket_user, request_region):
    filler.file([locations[0].pk])
    loket_user.username = "marie.janssens"
    loket_user.save()
    client = Client()
    client.force_login(loket_user)
    client.get(URL)
    link = private_link_from_mail("sofie.peeters@voorbeeld.be")

    html = filler.client.get(link).content.decode()

    assert "Wie je gegevens bekeek" in html
    assert "het loket" in html
    assert "marie.janssens" not in html  # the parent sees "het loket", not the account


def test_the_parents_page_without_accesses(filler, locations):
    filler.file([locations[0].pk])

    html = filler.client.get(private_link_from_mail("sofie.peeters@voorbeeld.be")).content
    assert "Nog niemand heeft je gegevens bekeken." in html.decode()


def test_the_parent_sees_the_locations_name(world):
    mine, _a, _b, filed = world
    rows = list(filed.locations.select_related("request__region"))
    record_access(Scope(staff_of(mine)), rows, AccessPurpose.VIEW)

    assert [r.location_title for r in trail_for_parent(filed)] == ["Mijn locatie"]


def test_a_region_that_hides_the_first_name_hides_it_in_the_list(world, settings, region):
    mine, _a, _b, _filed = world
    settings.OPVANGPUNT_REQUEST_VISIBILITY = {
        region.slug: {"location": {"accepted_for_review": ["postcode"]}}
    }
    client = Client()
    client.force_login(staff_of(mine))

    html = client.get(URL).content.decode()

    assert "Sofie" not in html
    # Nothing personal shown on that row: no record either.
    assert not AccessRecord.objects.exists()
