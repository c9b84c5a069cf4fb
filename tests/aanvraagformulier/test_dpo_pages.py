"""The data protection officer's pages (issue 13 item 5): the processing register (the same
table as docs/data-protection.md) and the breach register with its 48- and 72-hour clocks.
Only the officer and superusers reach them."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from aanvraagformulier.dpo import breaches, register
from aanvraagformulier.models import Breach, ChildcareRequest
from core.roles import DATA_PROTECTION_OFFICER

from ..conftest import logged_in, role
from ..factories import UserFactory
from .backoffice import make_request, staff_of

pytestmark = pytest.mark.django_db

REGISTER_URL = "/admin/verwerkingsregister/"
BREACHES_URL = "/admin/datalekken/"
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def dpo(db):
    return UserFactory(username="fg", groups=[role(DATA_PROTECTION_OFFICER)])


def refused(response):
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def docs_register_rows():
    """The rows of the table under "### Processing register" in docs/data-protection.md."""
    text = (Path(settings.BASE_DIR) / "docs" / "data-protection.md").read_text()
    section = text.split("### Processing register", 1)[1]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    table = []
    for line in lines:
        if re.fullmatch(r"\|( *-+ *\|)+", line.strip()):
            continue
        table.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        if len(table) > len(register.REGISTER):
            break
    return table


def test_the_docs_table_is_the_register():
    with translation.override("en"):
        expected = [[str(label) for _name, label in register.COLUMNS], *register.rows()]
    assert docs_register_rows() == expected


def test_the_officer_reads_the_processing_register(dpo, admin_user):
    for user in (dpo, admin_user):
        response = logged_in(user).get(REGISTER_URL)
        assert response.status_code == 200
        html = response.content.decode()
        with translation.override("nl"):
            for row in register.rows():
                assert row[0] in html
    assert "Aanvragen voor kinderopvang" in html  # in Dutch


def test_the_loket_and_providers_do_not_reach_the_officers_pages(
    loket_user, organiser, communication_user
):
    Breach.objects.create(reported_by="Loket", description="Mail naar verkeerde opvang")
    for user in (loket_user, staff_of(organiser), communication_user):
        client = logged_in(user)
        assert refused(client.get(REGISTER_URL))
        assert refused(client.get(BREACHES_URL))
        assert refused(client.get(f"{BREACHES_URL}new/"))
        assert refused(client.post(f"{BREACHES_URL}new/", {"reported_by": "x", "description": "y"}))
    assert Breach.objects.count() == 1


def breach_form(**overrides):
    found = timezone.localtime(timezone.now() - 3 * HOUR)
    data = {
        "found_at": found.strftime("%Y-%m-%d %H:%M"),
        "reported_by": "Vzw De Speelvogel",
        "description": "Een lijst met aanvragen werd naar een verkeerd adres gemaild.",
        "affected_requests": "12",
        "decision": "",
        "other_party_informed_at": "",
        "authority_notified_at": "",
    }
    data.update(overrides)
    return data


def test_the_officer_records_a_breach_and_sees_its_clocks(dpo):
    client = logged_in(dpo)
    response = client.post(f"{BREACHES_URL}new/", breach_form())
    assert response.status_code == 302, response.context["form"].errors
    breach = Breach.objects.get()
    assert breach.affected_requests == 12

    listing = client.get(BREACHES_URL)
    assert listing.status_code == 200
    html = listing.content.decode()
    party_due = timezone.localtime(breach.found_at + 48 * HOUR).strftime("%d-%m-%Y %H:%M")
    authority_due = timezone.localtime(breach.found_at + 72 * HOUR).strftime("%d-%m-%Y %H:%M")
    assert party_due in html and authority_due in html
    assert html.count("te doen") >= 2  # both clocks running


def test_overdue_clocks_show_an_overdue_badge(dpo):
    Breach.objects.create(
        found_at=timezone.now() - 80 * HOUR,
        reported_by="Loket",
        description="Gestolen laptop",
        other_party_informed_at=timezone.now() - 70 * HOUR,
    )
    html = logged_in(dpo).get(BREACHES_URL).content.decode()
    assert "te laat" in html  # the authority was not notified within 72 hours
    assert "gedaan" in html  # the other party was informed in time


def test_bad_breach_input_gets_dutch_messages_at_the_fields(dpo):
    client = logged_in(dpo)
    future = timezone.localtime(timezone.now() + 5 * HOUR).strftime("%Y-%m-%d %H:%M")
    before = timezone.localtime(timezone.now() - 10 * HOUR).strftime("%Y-%m-%d %H:%M")
    response = client.post(
        f"{BREACHES_URL}new/",
        breach_form(
            found_at=future,
            other_party_informed_at=before,
            affected_requests="-3",
            authority_not_required="on",
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "toekomst" in errors["found_at"][0]
    assert "affected_requests" in errors
    assert not Breach.objects.exists()

    response = client.post(
        f"{BREACHES_URL}new/", breach_form(authority_not_required="on", decision="")
    )
    assert "waarom" in response.context["form"].errors["decision"][0]
    response = client.post(f"{BREACHES_URL}new/", breach_form(other_party_informed_at=before))
    assert "voor het lek" in response.context["form"].errors["other_party_informed_at"][0]


NOW = timezone.make_aware(datetime.datetime(2026, 3, 2, 12, 0))


@pytest.mark.parametrize(
    ("found_hours_ago", "informed_after", "notified_after", "not_required", "party", "authority"),
    [
        (1, None, None, False, breaches.OPEN, breaches.OPEN),
        (50, None, None, False, breaches.OVERDUE, breaches.OPEN),
        (73, None, None, False, breaches.OVERDUE, breaches.OVERDUE),
        (73, 47, 71, False, breaches.DONE, breaches.DONE),
        (73, 49, 72.5, False, breaches.LATE, breaches.LATE),
        (100, 10, None, True, breaches.DONE, breaches.NOT_REQUIRED),
    ],
)
def test_the_clocks(
    found_hours_ago, informed_after, notified_after, not_required, party, authority
):
    found = NOW - found_hours_ago * HOUR
    breach = Breach(
        found_at=found,
        other_party_informed_at=found + informed_after * HOUR if informed_after else None,
        authority_notified_at=found + notified_after * HOUR if notified_after else None,
        authority_not_required=not_required,
    )
    assert breaches.other_party_clock(breach, NOW).state == party
    assert breaches.authority_clock(breach, NOW).state == authority
    assert breaches.other_party_clock(breach, NOW).due_by == found + 48 * HOUR
    assert breaches.authority_clock(breach, NOW).due_by == found + 72 * HOUR


RETENTION_URL = "/admin/bewaartermijnen/"


def test_the_retention_report_counts_what_was_hidden_anonymised_and_erased(
    dpo, region, make_location, django_assert_max_num_queries
):
    location = make_location()
    now = timezone.now()
    last_month = now - datetime.timedelta(days=35)
    reduced, by_retention, erased, untouched = (
        make_request(region, [location], parent_first_name="Wannes") for _n in range(4)
    )
    ChildcareRequest.objects.filter(pk=reduced.pk).update(retention_reduced_at=last_month)
    ChildcareRequest.objects.filter(pk=by_retention.pk).update(
        retention_reduced_at=now, anonymised_at=now
    )
    ChildcareRequest.objects.filter(pk=erased.pk).update(anonymised_at=now)

    client = logged_in(dpo)
    response = client.get(RETENTION_URL)

    assert response.status_code == 200
    this, previous = response.context["months"]
    assert (this.reduced, this.anonymised, this.erased) == (0, 1, 1)
    assert (previous.reduced, previous.anonymised, previous.erased) == (1, 0, 0)
    html = response.content.decode()
    assert "Wannes" not in html and untouched.reference not in html  # counts only
    # The same number of queries with more requests.
    with CaptureQueriesContext(connection) as first:
        client.get(RETENTION_URL)
    for _n in range(5):
        ChildcareRequest.objects.filter(pk=make_request(region, [location]).pk).update(
            anonymised_at=now
        )
    with django_assert_max_num_queries(len(first)):
        assert client.get(RETENTION_URL).context["months"][0].erased == 6


def test_only_the_officer_reads_the_retention_report(loket_user, provider):
    for user in (loket_user, provider):
        assert refused(logged_in(user).get(RETENTION_URL))
