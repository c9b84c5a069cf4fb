"""Retention (apply_retention): closed requests show less after the region's period, and after
five years nothing in any column of any table points to the family any more."""

import datetime
import io

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from aanvraagformulier import retention, services
from aanvraagformulier.models import (
    AccessRecord,
    ChildcareRequest,
    ContactOutcome,
    EmergencyContact,
    EmergencyEntry,
    RequestDraft,
    RequestedLocation,
    RequestStatus,
)
from core.models import QueuedEmail

from ..admin_forms import form_data
from ..factories import OrganiserFactory
from ..threads import twice_at_once
from .backoffice import make_request, staff_of
from .conftest import FormFiller, consent_data, parent_data, priority_data

pytestmark = pytest.mark.django_db

CHILD_BORN = (timezone.localdate() - datetime.timedelta(days=150)).replace(day=14)
PARENT = parent_data(
    parent_first_name="Xanthippe",
    parent_last_name="Vercammen-Zwijsen",
    partner_name="Quirijnus Oosterlinck",
    email="xanthippe.vercammen@voorbeeld.be",
    phone="0471 98 76 54",
    street="Zonnebloemstraatje",
    house_number="77b",
    national_number="85.07.30-033.28",
    parent_birth_date="1985-07-30",
)
ORIGINALS = [
    "Xanthippe",
    "Vercammen",
    "Quirijnus",
    "Oosterlinck",
    "xanthippe.vercammen",
    "0471 98 76 54",
    "0471987654",
    "Zonnebloemstraatje",
    "85073003328",
    "85.07.30",
    "1985-07-30",
    "30/07/1985",
    CHILD_BORN.isoformat(),
    CHILD_BORN.strftime("%d/%m/%Y"),
]
LONG_AGO = timezone.now() - datetime.timedelta(days=6 * 366)


def every_value_in_the_database():
    """Every cell of every table, as text (history, access trail, mail queue, drafts and
    sessions included): introspected, so a table added later is scanned too."""
    values = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            values.extend((table, str(cell)) for row in cursor.fetchall() for cell in row if cell)
    return values


def leftovers():
    return sorted(
        {
            (table, text)
            for table, value in every_value_in_the_database()
            for text in ORIGINALS
            if text.casefold() in value.casefold()
        }
    )


def fill_in(filler, locations):
    filler.start([loc.pk for loc in locations], child_birth_date=CHILD_BORN.isoformat())
    for slug, data in (
        ("locaties", {"action": "next"}),
        ("ouder", PARENT),
        ("voorrang", priority_data()),
        ("toestemming", consent_data()),
    ):
        response = filler.step(slug, data)
        assert response.status_code == 302, (slug, response.content.decode()[:3000])


def file_through_the_form(client, on_commit, locations):
    filler = FormFiller(client, on_commit)
    fill_in(filler, locations)
    assert filler.send().status_code == 302
    return ChildcareRequest.objects.get(email=PARENT["email"])


def close_long_ago(filed):
    """Everything happened more than five years ago: filed, answered, closed."""
    filed.locations.update(status=RequestStatus.NOT_APPROVED, status_changed_at=LONG_AGO)
    ChildcareRequest.objects.filter(pk=filed.pk).update(created_at=LONG_AGO)


@pytest.fixture
def old_request(request_region, make_location, django_capture_on_commit_callbacks):
    """A request filed through the real form, changed, seen by its location, with a mail to
    the parent still queued and a second form in progress of the same parent."""
    request_region.asks_national_number = True
    request_region.save()
    organiser = OrganiserFactory()
    location = make_location(organiser=organiser, title="Kinderdagverblijf Linde")
    filed = file_through_the_form(Client(), django_capture_on_commit_callbacks, [location])
    filed.partner_name = PARENT["partner_name"]
    filed.save()  # a second history version
    row = filed.locations.get()
    row.status = RequestStatus.APPROVED
    row.status_changed_at = timezone.now()
    # Staff's own words name the family too: the location's message, the emergency list.
    row.message = "Welkom, Xanthippe! Bel 0471 98 76 54 als het past."
    row.save()
    entry = EmergencyEntry.objects.create(
        request=filed, reason="Xanthippe Vercammen woont tijdelijk bij Quirijnus Oosterlinck."
    )
    EmergencyContact.objects.create(
        entry=entry,
        contacted_on=timezone.localdate(),
        outcome=ContactOutcome.STILL_NEEDS_CARE,
        note="Gebeld op 0471987654, Xanthippe zoekt nog.",
    )
    staff = Client()
    staff.force_login(staff_of(organiser))
    detail = staff.get(f"/admin/aanvragen/{row.pk}/")
    assert "Vercammen-Zwijsen" in detail.content.decode()  # the location saw everything
    services.send_confirmation(filed, [row])  # queued, not delivered (no commit in a test)
    fill_in(FormFiller(Client()), [location])  # a second form in progress
    close_long_ago(filed)
    return filed


def test_the_fixture_holds_the_family_everywhere(old_request):
    tables = {table for table, _text in leftovers()}
    assert {
        "aanvraagformulier_childcarerequest",
        "aanvraagformulier_historicalchildcarerequest",
        "aanvraagformulier_historicalrequestedlocation",
        EmergencyEntry._meta.db_table,
        EmergencyContact._meta.db_table,
        QueuedEmail._meta.db_table,
    } <= tables
    assert RequestDraft.objects.exists() and AccessRecord.objects.exists()


def test_after_five_years_no_column_of_any_table_holds_the_family(old_request):
    out = io.StringIO()
    call_command("apply_retention", stdout=out)

    assert leftovers() == []
    assert (
        "1 requests anonymised (1 queued mails and 1 forms in progress deleted)" in out.getvalue()
    )
    filed = ChildcareRequest.objects.get(pk=old_request.pk)
    assert filed.anonymised_at is not None and filed.retention_reduced_at is not None
    assert filed.parent_birth_date == datetime.date(1985, 1, 1)
    assert filed.child_birth_date == CHILD_BORN.replace(day=1)
    assert (filed.postcode, filed.national_number, filed.street) == ("9000", "", "")
    assert filed.access_key != old_request.access_key
    assert all(
        version.child_birth_date == CHILD_BORN.replace(day=1) and version.email == ""
        for version in ChildcareRequest.history.filter(id=filed.pk)
    )
    # The access trail keeps who, when and which fields: never values.
    record = AccessRecord.objects.get()
    assert record.fields and record.username and "Xanthippe" not in str(record.fields)


def test_a_second_run_changes_nothing(old_request):
    call_command("apply_retention", stdout=io.StringIO())
    before = sorted(every_value_in_the_database())
    out = io.StringIO()
    call_command("apply_retention", stdout=out)

    assert "0 requests anonymised" in out.getvalue()
    assert sorted(every_value_in_the_database()) == before


def test_dry_run_changes_nothing(old_request):
    before = sorted(every_value_in_the_database())
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)

    assert "1 requests would be anonymised" in out.getvalue()
    assert sorted(every_value_in_the_database()) == before


def test_open_or_recently_closed_requests_are_kept(region, make_location):
    location = make_location()
    still_open = make_request(region, [location], [RequestStatus.NEW])
    recent = make_request(region, [location], [RequestStatus.WITHDRAWN], email="b@voorbeeld.be")
    ChildcareRequest.objects.update(created_at=LONG_AGO)
    RequestedLocation.objects.filter(request=still_open).update(status_changed_at=LONG_AGO)

    outcome = retention.anonymise_expired()

    assert outcome.anonymised == 0
    assert not ChildcareRequest.objects.filter(anonymised_at__isnull=False).exists()
    assert recent.locations.get().status == RequestStatus.WITHDRAWN


def test_batches_read_the_ids_a_batch_at_a_time(region, make_location):
    location = make_location()
    for number in range(7):
        filed = make_request(region, [location], [RequestStatus.WITHDRAWN], email=f"{number}@x.be")
        close_long_ago(filed)

    outcome = retention.anonymise_expired(batch_size=3)

    assert outcome.anonymised == 7
    assert not ChildcareRequest.objects.filter(anonymised_at__isnull=True).exists()
    # The ids come a batch at a time, in order.
    assert list(retention.batches(ChildcareRequest.objects.all(), 3)) == [
        list(ChildcareRequest.objects.order_by("pk").values_list("pk", flat=True))[i : i + 3]
        for i in (0, 3, 6)
    ]


# --- The intermediate period: closed requests show less --------------------------------------


def test_closed_requests_past_the_regions_period_show_no_name_or_contact(
    region, make_location, loket_user
):
    organiser = OrganiserFactory()
    location = make_location(organiser=organiser)
    old_child = timezone.localdate() - datetime.timedelta(days=31 * 31)
    closed = make_request(
        region, [location], [RequestStatus.NOT_APPROVED], child_birth_date=old_child
    )
    young = make_request(region, [location], [RequestStatus.NOT_APPROVED], email="j@voorbeeld.be")
    still_open = make_request(
        region,
        [location],
        [RequestStatus.ACCEPTED_FOR_REVIEW],
        child_birth_date=old_child,
        email="o@voorbeeld.be",
    )
    loket = Client()
    loket.force_login(loket_user)
    url = f"/admin/aanvragen/{closed.locations.get().pk}/"
    assert "Peeters" in loket.get(url).content.decode()  # the loket sees contact data

    out = io.StringIO()
    call_command("apply_retention", stdout=out)

    assert "1 show less" in out.getvalue()
    assert list(ChildcareRequest.objects.filter(retention_reduced_at__isnull=False)) == [closed]
    html = loket.get(url).content.decode()
    for hidden in ("Sofie", "Peeters", "sofie.peeters@voorbeeld.be", "0470 12 34 56"):
        assert hidden not in html
    assert "9000" in html  # the postcode stays until the anonymisation
    staff = Client()
    staff.force_login(staff_of(organiser))
    assert "Sofie" not in staff.get(url).content.decode()
    assert (
        "Peeters"
        in loket.get(f"/admin/aanvragen/{still_open.locations.get().pk}/").content.decode()
    )
    assert "Peeters" in loket.get(f"/admin/aanvragen/{young.locations.get().pk}/").content.decode()


def test_the_regions_period_decides(region, make_location):
    location = make_location()
    child = timezone.localdate() - datetime.timedelta(days=200)
    make_request(region, [location], [RequestStatus.WITHDRAWN], child_birth_date=child)
    assert retention.reduce_closed().reduced == 0
    region.reduce_closed_requests_at_child_months = 6
    region.save()
    assert retention.reduce_closed().reduced == 1
    assert retention.reduce_closed().reduced == 0


def test_queued_mail_to_others_stays(old_request):
    mail.send_mail("Voor iemand anders", "tekst", None, ["ander@voorbeeld.be"])
    retention.anonymise_expired()
    assert list(QueuedEmail.objects.values_list("message__to", flat=True)) == [
        ["ander@voorbeeld.be"]
    ]


# --- Two runs at once, on PostgreSQL ---------------------------------------------------------


@pytest.mark.skipif(
    not settings.DATABASE_IS_POSTGRES,
    reason="needs PostgreSQL: SQLite serialises writers and has no SKIP LOCKED",
)
def test_two_concurrent_runs_anonymise_each_request_once(
    restore_migrated_data, django_db_serialized_rollback, transactional_db, region, make_location
):
    location = make_location()
    for number in range(60):
        filed = make_request(region, [location], [RequestStatus.WITHDRAWN], email=f"{number}@x.be")
        close_long_ago(filed)

    results, errors = twice_at_once(lambda: retention.anonymise_expired(batch_size=7).anonymised)

    assert errors == []
    assert sum(results) == 60  # each request once, by one of the two
    assert not ChildcareRequest.objects.filter(anonymised_at__isnull=True).exists()
    assert not ChildcareRequest.history.exclude(email="").exists()


def test_the_loket_sets_the_period_in_the_region_admin(client, loket_user, region):
    client.force_login(loket_user)
    url = reverse("regions:edit", args=[region.pk])
    data = form_data(client.get(url), form_id=None)
    data["reduce_closed_requests_at_child_months"] = "0"
    response = client.post(url, data)
    assert response.status_code == 200  # refused, with a message next to the field
    assert response.context["form"].errors["reduce_closed_requests_at_child_months"]
    data["reduce_closed_requests_at_child_months"] = "36"
    assert client.post(url, data).status_code == 302
    region.refresh_from_db()
    assert region.reduce_closed_requests_at_child_months == 36
