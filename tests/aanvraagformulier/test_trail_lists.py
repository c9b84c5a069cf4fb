"""The access trail lists (issue 12 item 5): the loket its region's requests, the data
protection officer every region's and no request content; filtered by request or user,
newest first, constant query count; a request's change history as field names only."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from aanvraagformulier.models import AccessPurpose, AccessRecord
from core.roles import DATA_PROTECTION_OFFICER, LOKET

from ..conftest import role
from ..factories import OrganiserFactory, RegionFactory, UserFactory
from .backoffice import make_request, staff_of

pytestmark = pytest.mark.django_db

URL = "/admin/toegangslogboek/"


def record(user, row, purpose=AccessPurpose.VIEW, fields=("parent_first_name", "email"), at=None):
    made = AccessRecord.objects.create(
        user=user,
        username=user.get_username(),
        viewer="location",
        request=row.request,
        row=row,
        location_title=row.location_title,
        fields=list(fields),
        purpose=purpose,
    )
    if at is not None:
        AccessRecord.objects.filter(pk=made.pk).update(accessed_at=at)
    return made


@pytest.fixture
def world(region, make_location):
    """Two requests in the test region (Gent), one in another region (Antwerpen)."""
    mine = OrganiserFactory()
    here = make_location(organiser=mine, title="Opvang Gent")
    elsewhere = make_location(title="Opvang Antwerpen")
    antwerpen = RegionFactory(name="Antwerpen", slug="antwerpen")
    ours = make_request(region, [here])
    second = make_request(region, [here])
    theirs = make_request(antwerpen, [elsewhere], parent_first_name="Karel")
    staff = staff_of(mine)
    staff.username = "an.gent"
    staff.save()
    other = UserFactory(username="jan.antwerpen")
    now = timezone.now()
    record(staff, ours.locations.get(), at=now - datetime.timedelta(hours=2))
    record(staff, second.locations.get(), purpose=AccessPurpose.EXPORT, at=now)
    record(other, theirs.locations.get(), at=now - datetime.timedelta(hours=1))
    return {"ours": ours, "second": second, "theirs": theirs, "antwerpen": antwerpen}


@pytest.fixture
def dpo(db):
    # Fixed names: the page shows the officer's own name, and a random one can be the
    # family's ("Karel"), which the test looks for as request content.
    return UserFactory(
        username="fg",
        first_name="Fien",
        last_name="Gegevensbeschermer",
        groups=[role(DATA_PROTECTION_OFFICER)],
    )


def listing(user, **params):
    client = Client()
    client.force_login(user)
    return client.get(URL, params)


def shown(response):
    return [record.pk for record in response.context["object_list"]]


def test_the_loket_reads_only_its_regions_records_newest_first(world, loket_user):
    response = listing(loket_user)
    assert response.status_code == 200
    references = [record.request_reference for record in response.context["object_list"]]
    assert references == [world["second"].reference, world["ours"].reference]
    html = response.content.decode()
    assert world["theirs"].reference not in html and "jan.antwerpen" not in html


def test_the_officer_reads_every_region_and_no_request_content(world, dpo):
    response = listing(dpo)
    assert response.status_code == 200
    references = [record.request_reference for record in response.context["object_list"]]
    assert references == [
        world["second"].reference,
        world["theirs"].reference,
        world["ours"].reference,
    ]
    html = response.content.decode()
    # Field names, never values.
    assert "e-mail" in html.lower()
    for value in ("Sofie", "Karel", "Peeters", "sofie.peeters@voorbeeld.be", "0470"):
        assert value not in html


def test_filtered_by_request_and_by_user(world, dpo):
    by_request = listing(dpo, reference=world["ours"].reference.lower().replace("-", " "))
    assert [r.request_id for r in by_request.context["object_list"]] == [world["ours"].pk]
    by_user = listing(dpo, username="JAN.ANTWERPEN")
    assert [r.username for r in by_user.context["object_list"]] == ["jan.antwerpen"]
    by_purpose = listing(dpo, purpose=AccessPurpose.EXPORT)
    assert [r.request_id for r in by_purpose.context["object_list"]] == [world["second"].pk]


def test_a_loket_filtering_on_another_regions_request_finds_nothing(world, loket_user):
    response = listing(loket_user, reference=world["theirs"].reference)
    assert response.status_code == 200
    assert list(response.context["object_list"]) == []
    assert response.context["changes"] is None


def test_providers_and_other_roles_do_not_reach_the_trail(world, communication_user, region):
    provider = staff_of(OrganiserFactory())
    for user in (provider, communication_user):
        response = listing(user)
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or response["Location"] == "/admin/"


def test_the_query_count_does_not_grow_with_the_records(world, dpo):
    client = Client()
    client.force_login(dpo)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    count()
    few = count()
    staff = UserFactory(username="veel")
    row = world["ours"].locations.get()
    for _ in range(40):
        record(staff, row)
    assert count() == few


def test_a_requests_changes_show_who_changed_which_fields_never_the_values(world, loket_user):
    filed = world["ours"]
    editor = UserFactory(username="loket.medewerker", groups=[role(LOKET)])
    filed.email = "nieuw.adres@voorbeeld.be"
    filed._history_user = editor
    filed.save()
    row = filed.locations.get()
    row.status = "accepted_for_review"
    row._history_user = editor
    row.save()

    response = listing(loket_user, reference=filed.reference)
    changes = response.context["changes"]
    assert changes is not None
    html = response.content.decode()
    assert "loket.medewerker" in html
    fields = [field for change in changes for field in change.fields]
    assert "e-mail" in [str(field).lower() for field in fields] or any(
        "mail" in str(field).lower() for field in fields
    )
    assert any("status" in str(field).lower() for field in fields)
    assert "nieuw.adres@voorbeeld.be" not in html and "sofie.peeters" not in html


def test_the_change_history_costs_the_same_whatever_its_length(world, dpo):
    filed = world["ours"]
    client = Client()
    client.force_login(dpo)

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(URL, {"reference": filed.reference})
        return len(queries)

    count()
    few = count()
    for number in range(10):
        filed.phone = f"0470 00 00 {number:02d}"
        filed.save()
    assert count() == few
