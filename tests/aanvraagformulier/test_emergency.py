"""The emergency list: only the region's loket, flagging, quarterly contacts, proposals,
and the access trail of every display (real admin URLs and POSTs)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from aanvraagformulier.emergency import services
from aanvraagformulier.models import (
    AccessRecord,
    ChildcareRequest,
    Consent,
    EmergencyContact,
    EmergencyEntry,
    LoketProposal,
    RequestedLocation,
)
from aanvraagformulier.scoping import rows_for
from core.roles import LOKET
from opvanglocaties.models import AgeGroupAvailability

from ..conftest import logged_in, role
from ..factories import OrganiserFactory, RegionFactory, UserFactory, municipality
from .backoffice import make_request, staff_of

pytestmark = pytest.mark.django_db

INDEX = "/admin/noodlijst/"
FLAG = "/admin/noodlijst/plaatsen/"


def entry_url(entry):
    return f"/admin/noodlijst/{entry.pk}/"


def free(location, status="free_now"):
    AgeGroupAvailability.objects.create(page=location, age_group="baby", status=status)
    return location


@pytest.fixture
def world(region, make_location):
    asked = make_location(title="Kinderdagverblijf Aster")
    filed = make_request(region, [asked])
    return filed, asked


@pytest.fixture
def other_loket(db):
    antwerpen = RegionFactory(
        name="Antwerpen", slug="antwerpen", municipalities=[municipality("11002")]
    )
    return UserFactory(username="loket-antwerpen", groups=[role(LOKET), antwerpen.loket_group])


def test_the_loket_flags_a_request_by_its_reference(world, loket_user):
    filed, _asked = world

    response = logged_in(loket_user).post(
        FLAG, {"reference": filed.reference.lower(), "reason": "Moeder start werk over 2 weken"}
    )

    entry = EmergencyEntry.objects.get()
    assert response.status_code == 302 and response["Location"] == entry_url(entry)
    assert (entry.request, entry.flagged_by, entry.reason) == (
        filed,
        loket_user,
        "Moeder start werk over 2 weken",
    )
    assert ChildcareRequest.objects.get(pk=filed.pk).emergency_list is True


def test_an_unknown_or_foreign_reference_gets_a_dutch_message(world, loket_user, other_loket):
    filed, _asked = world

    for user, reference in ((loket_user, "AAAA-BBBB"), (other_loket, filed.reference)):
        response = logged_in(user).post(FLAG, {"reference": reference, "reason": "dringend"})
        assert response.status_code == 200
        assert (
            "Geen open aanvraag van jouw regio heeft deze referentie." in response.content.decode()
        )
    assert not EmergencyEntry.objects.exists()


@pytest.mark.parametrize("who", ["other_loket", "provider_of_the_row", "communication_user"])
def test_only_the_loket_of_the_region_sees_an_entry(world, loket_user, who, request):
    filed, asked = world
    entry = services.flag(filed, "dringend", loket_user)
    user = (
        staff_of(asked.organiser) if who == "provider_of_the_row" else request.getfixturevalue(who)
    )
    client = logged_in(user)

    detail = client.get(entry_url(entry))
    listing = client.get(INDEX)

    assert detail.status_code == 404
    assert filed.reference not in listing.content.decode()
    assert "Peeters" not in detail.content.decode() + listing.content.decode()
    assert not AccessRecord.objects.exists()


def test_the_list_shows_the_loket_its_families_and_records_the_display(world, loket_user):
    filed, _asked = world
    services.flag(filed, "dringend", loket_user)

    response = logged_in(loket_user).get(INDEX)

    html = response.content.decode()
    assert response.status_code == 200
    assert filed.reference in html and "Sofie Peeters" in html and "0470 12 34 56" in html
    record = AccessRecord.objects.get()
    assert (record.user, record.viewer, record.purpose) == (loket_user, "loket", "support")
    assert record.fields == ["parent_first_name", "parent_last_name", "phone"]


def test_the_list_costs_the_same_queries_for_more_families(
    region, make_location, loket_user, django_assert_num_queries
):
    client = logged_in(loket_user)
    location = make_location()

    def families(count):
        for _ in range(count):
            services.flag(make_request(region, [location]), "dringend", loket_user)

    families(2)
    client.get(INDEX)  # warm the session and the admin's caches
    with CaptureQueriesContext(connection) as few:
        client.get(INDEX)
    families(5)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(INDEX)
    assert response.content.decode().count("Sofie Peeters") == 7


def test_due_for_the_quarterly_contact(world, loket_user):
    filed, _asked = world
    entry = services.flag(filed, "dringend", loket_user)
    today = datetime.date(2026, 5, 31)

    def due():
        return list(services.due_for_contact(services.entries_for(loket_user), today))

    assert due() == [entry]  # never contacted yet
    contact = services.record_contact(
        entry, contacted_on=datetime.date(2026, 3, 1), outcome="not_reached", note="", user=None
    )
    assert due() == []  # three months ago to the day still counts (28 February + 1)
    contact.contacted_on = datetime.date(2026, 2, 27)
    contact.save()
    assert due() == [entry]
    services.take_off(entry)
    assert due() == []


def test_months_before_keeps_to_the_calendar():
    assert services.months_before(datetime.date(2026, 5, 31), 3) == datetime.date(2026, 2, 28)
    assert services.months_before(datetime.date(2026, 1, 15), 3) == datetime.date(2025, 10, 15)


def test_the_loket_records_a_contact_and_sees_it(world, loket_user):
    filed, _asked = world
    entry = services.flag(filed, "dringend", loket_user)
    client = logged_in(loket_user)

    response = client.post(
        entry_url(entry),
        {
            "action": "contact",
            "contacted_on": timezone.localdate().isoformat(),
            "outcome": "still_needs_care",
            "note": "Belt terug na gesprek met werkgever",
        },
    )

    assert response.status_code == 302
    contact = EmergencyContact.objects.get()
    assert (contact.entry, contact.outcome, contact.recorded_by) == (
        entry,
        "still_needs_care",
        loket_user,
    )
    html = client.get(entry_url(entry)).content.decode()
    assert "Belt terug na gesprek met werkgever" in html
    assert 'data-badge="contact_due"' not in html


def test_a_contact_in_the_future_is_refused_next_to_the_field(world, loket_user):
    filed, _asked = world
    entry = services.flag(filed, "dringend", loket_user)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = logged_in(loket_user).post(
        entry_url(entry),
        {"action": "contact", "contacted_on": tomorrow.isoformat(), "outcome": "not_reached"},
    )

    assert response.status_code == 200
    assert "Deze datum ligt in de toekomst." in response.content.decode()
    assert not EmergencyContact.objects.exists()


def test_every_display_of_an_entry_is_in_the_trail(world, loket_user):
    filed, _asked = world
    entry = services.flag(filed, "dringend", loket_user)

    response = logged_in(loket_user).get(entry_url(entry))

    html = response.content.decode()
    assert "Peeters" in html and "sofie.peeters@voorbeeld.be" in html
    assert "90051712345" not in html and "Kortrijksesteenweg" not in html  # never the loket's
    record = AccessRecord.objects.get()
    assert (record.request, record.purpose, record.viewer) == (filed, "support", "loket")


def test_the_loket_proposes_a_location_with_free_places(world, region, make_location, loket_user):
    filed, asked = world
    entry = services.flag(filed, "dringend", loket_user)
    organiser = OrganiserFactory()
    free_location = free(make_location(organiser=organiser, title="Kinderdagverblijf Beuk"))
    make_location(title="Kinderdagverblijf Vol")  # no free places: not proposable
    client = logged_in(loket_user)

    page = client.get(entry_url(entry)).content.decode()
    assert "Kinderdagverblijf Beuk" in page and "Kinderdagverblijf Vol" not in page
    response = client.post(
        entry_url(entry),
        {
            "action": "propose",
            "location": free_location.pk,
            "consent": "on",
            "consent_on": timezone.localdate().isoformat(),
        },
    )

    assert response.status_code == 302
    row = RequestedLocation.objects.get(request=filed, location=free_location)
    assert (row.status, row.preference) == ("new", 2)
    proposal = LoketProposal.objects.get()
    assert (proposal.row, proposal.proposed_by) == (row, loket_user)
    assert proposal.consent.kind == "loket_proposal" and proposal.consent.location == free_location
    # The location sees the row like any other, with what the policy shows at "new".
    staff = staff_of(organiser)
    assert list(rows_for(staff)) == [row]
    detail = logged_in(staff).get(f"/admin/aanvragen/{row.pk}/").content.decode()
    assert "Sofie" in detail and "Peeters" not in detail
    # The location knows the parent did not choose it themselves; the parent's own rows
    # carry no such mark.
    assert "Het loket stelde deze locatie op" in detail
    listing = logged_in(staff).get("/admin/aanvragen/").content.decode()
    assert listing.count("data-loket-proposal") == 1
    own_row = filed.locations.get(location=asked)
    own = logged_in(loket_user).get(f"/admin/aanvragen/{own_row.pk}/").content.decode()
    assert "data-loket-proposal" not in own


def test_no_proposal_without_the_parents_consent(world, make_location, loket_user):
    filed, _asked = world
    entry = services.flag(filed, "dringend", loket_user)
    free_location = free(make_location(title="Kinderdagverblijf Beuk"))

    response = logged_in(loket_user).post(
        entry_url(entry),
        {
            "action": "propose",
            "location": free_location.pk,
            "consent_on": timezone.localdate().isoformat(),
        },
    )

    assert response.status_code == 200
    assert "Stel een locatie alleen voor met de toestemming van de ouder." in (
        response.content.decode()
    )
    assert filed.locations.count() == 1
    assert not Consent.objects.exists()


def test_a_location_already_asked_cannot_be_proposed_again(world, loket_user):
    filed, asked = world
    free(asked)
    entry = services.flag(filed, "dringend", loket_user)

    response = logged_in(loket_user).post(
        entry_url(entry),
        {
            "action": "propose",
            "location": asked.pk,
            "consent": "on",
            "consent_on": timezone.localdate().isoformat(),
        },
    )

    assert response.status_code == 200
    assert filed.locations.count() == 1


def test_taking_a_family_off_the_list(world, loket_user):
    filed, _asked = world
    entry = services.flag(filed, "dringend", loket_user)

    logged_in(loket_user).post(entry_url(entry), {"action": "take_off"})

    entry.refresh_from_db()
    assert entry.removed_at is not None
    assert ChildcareRequest.objects.get(pk=filed.pk).emergency_list is False
    services.flag(filed, "opnieuw dringend", loket_user)
    entry.refresh_from_db()
    assert entry.removed_at is None and entry.reason == "opnieuw dringend"


def test_the_list_filters_on_who_is_due(region, make_location, loket_user):
    location = make_location()
    due = services.flag(make_request(region, [location]), "dringend", loket_user)
    called = services.flag(make_request(region, [location]), "dringend", loket_user)
    services.record_contact(
        called, contacted_on=timezone.localdate(), outcome="not_reached", note="", user=None
    )

    html = logged_in(loket_user).get(INDEX, {"due": "true"}).content.decode()

    assert due.request.reference in html
    assert called.request.reference not in html
