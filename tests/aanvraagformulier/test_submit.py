"""The final submit: one transaction, once per form, mails after the commit, duplicates told."""

import datetime
import logging
import socket

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from wagtail.models import ReferenceIndex

from aanvraagformulier import services
from aanvraagformulier.models import (
    ChildcareRequest,
    Consent,
    ConsentKind,
    RequestDraft,
    RequestedLocation,
    RequestStatus,
)
from core.mail import send_due_mail
from core.models import QueuedEmail
from core.roles import REFERRER

from ..conftest import role
from ..factories import UserFactory, municipality
from .conftest import FormFiller, parent_data, private_link_from_mail

pytestmark = pytest.mark.django_db


def test_a_request_for_three_locations_with_due_dates_consents_and_mails(
    filler, locations, organiser
):
    staff = UserFactory(email="staff@aster.example", groups=[locations[0].organiser.group])
    locations[1].response_deadline_days = 10
    locations[1].save_revision().publish()

    filler.file([loc.pk for loc in locations])

    filed = ChildcareRequest.objects.get()
    rows = list(filed.locations.order_by("preference"))
    today = timezone.localdate()
    assert [row.location_id for row in rows] == [loc.pk for loc in locations]
    assert {row.status for row in rows} == {RequestStatus.NEW}
    assert rows[0].due_date == today + datetime.timedelta(days=21)
    assert rows[1].due_date == today + datetime.timedelta(days=10)
    assert filed.parent_first_name == "Sofie" and filed.phone == "+32470123456"
    assert filed.care_parts == {"0": "full", "1": "full", "2": "half"}
    assert filed.priority_rule_codes == ["werk-of-opleiding"]
    assert set(Consent.objects.values_list("kind", flat=True)) == {
        ConsentKind.PROCESSING,
        ConsentKind.PRIORITY_DECLARATION,
    }
    assert filed.history.count() == 1 and rows[0].history.count() == 1
    assert not RequestDraft.objects.exists()  # the form in progress is gone
    # The parent: reference and private link. The staff: no personal data, a link to the admin.
    to_parent = [m for m in mail.outbox if m.to == ["sofie.peeters@voorbeeld.be"]]
    assert len(to_parent) == 1 and filed.reference in to_parent[0].subject
    assert private_link_from_mail("sofie.peeters@voorbeeld.be").startswith("/aanvraag/")
    to_staff = [m for m in mail.outbox if m.to == [staff.email]]
    assert len(to_staff) == 1
    for personal in ("Sofie", "Peeters", "voorbeeld.be", "0470", filed.reference):
        assert personal not in to_staff[0].body + to_staff[0].subject
    assert "http://testserver/admin/aanvragen/" in to_staff[0].body
    done = filler.client.get("/aanvragen/verzonden/").content.decode()
    assert filed.reference in done


def test_double_click_back_button_and_retry_return_the_same_request(filler, locations):
    filler.through_consent([locations[0].pk])
    token = filler.token()

    first = filler.send(token)
    again = filler.send(token)  # a double click, or a retry after a time-out
    back = filler.client.post("/aanvragen/verstuur/", {"token": token})  # back button, resubmit
    other_browser = Client().post("/aanvragen/verstuur/", {"token": token})

    assert ChildcareRequest.objects.count() == 1
    assert RequestedLocation.objects.count() == 1
    for response in (first, again, back, other_browser):
        assert response.status_code == 302 and response["Location"] == "/aanvragen/verzonden/"
    parent_mails = [m for m in mail.outbox if m.to == ["sofie.peeters@voorbeeld.be"]]
    assert len(parent_mails) == 1


def test_a_made_up_token_files_nothing(filler, locations):
    filler.through_consent([locations[0].pk])

    response = filler.send("not-the-token")

    assert response["Location"] == "/aanvragen/"
    assert not ChildcareRequest.objects.exists()


def test_a_step_that_no_longer_validates_sends_the_parent_back_to_it(filler, locations):
    filler.through_consent([locations[0].pk])
    token = filler.token()
    locations[0].accepts_requests = False
    locations[0].save_revision().publish()

    response = filler.send(token)

    assert response["Location"] == "/aanvragen/stap/locaties/"
    assert not ChildcareRequest.objects.exists()


def test_a_failure_in_the_final_write_leaves_nothing_half_written(filler, locations, monkeypatch):
    filler.through_consent([loc.pk for loc in locations])
    token = filler.token()

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away half-way")

    monkeypatch.setattr(services, "notify_locations", broken)
    with pytest.raises(RuntimeError):
        filler.send(token)

    assert not ChildcareRequest.objects.exists()
    assert not RequestedLocation.objects.exists() and not Consent.objects.exists()
    assert not QueuedEmail.objects.exists() and mail.outbox == []
    assert RequestDraft.objects.exists()  # the parent can send again


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_mail_server_down_keeps_the_request_and_queues_the_mail(filler, locations, settings):
    settings.DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2

    filler.file([locations[0].pk])

    filed = ChildcareRequest.objects.get()
    assert mail.outbox == []
    queued = QueuedEmail.objects.get()
    assert queued.attempts == 1 and queued.last_error
    assert queued.message["to"] == [filed.email]
    # The mail server is back: the queue delivers the confirmation.
    settings.DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due_mail(now=queued.next_attempt_at) == (1, 0)
    assert filed.reference in mail.outbox[0].subject


def test_a_probable_duplicate_is_flagged_and_the_parent_is_told(filler, new_filler, locations):
    new_filler().file([locations[0].pk])
    first = ChildcareRequest.objects.get()

    second = filler
    client = filler.client
    second.through_consent(
        [locations[1].pk], parent=parent_data(email="SOFIE.Peeters@voorbeeld.be")
    )
    review = client.get("/aanvragen/stap/nakijken/").content.decode()
    assert "Misschien verstuurde je deze aanvraag al eerder." in review
    second.send()

    duplicate = ChildcareRequest.objects.exclude(pk=first.pk).get()
    assert duplicate.probable_duplicate_of == first
    assert "waarschijnlijk dubbel" in client.get("/aanvragen/verzonden/").content.decode()
    assert "waarschijnlijk dubbel" in mail.outbox[-1].body


def test_a_second_child_or_a_closed_request_is_no_duplicate(locations):
    FormFiller(Client()).file([locations[0].pk])
    first = ChildcareRequest.objects.get()
    assert services.find_duplicate(first.email, first.child_birth_date) == first

    sibling = first.child_birth_date - datetime.timedelta(days=400)
    assert services.find_duplicate(first.email, sibling) is None
    first.locations.update(status=RequestStatus.WITHDRAWN)
    assert services.find_duplicate(first.email, first.child_birth_date) is None


def test_the_same_national_number_and_child_is_a_duplicate(request_region, locations):
    request_region.asks_national_number = True
    request_region.save()
    nn = {"national_number": "85.07.30-033.28", "parent_birth_date": "1985-07-30"}
    FormFiller(Client()).file([locations[0].pk], parent=parent_data(**nn))
    FormFiller(Client()).file(
        [locations[1].pk], parent=parent_data(email="ander@voorbeeld.be", **nn)
    )

    first, second = ChildcareRequest.objects.order_by("created_at")
    assert second.probable_duplicate_of == first


def test_locations_elsewhere_need_their_own_consent(filler, request_region, make_location):
    home_town = make_location(title="In Gent")
    merelbeke = municipality("44088")  # a buurgemeente outside the region
    elsewhere = make_location(title="In Merelbeke", municipality=merelbeke, postcode="9820")
    filler.start([home_town.pk, elsewhere.pk])
    filler.step("locaties", {"action": "next"})
    filler.step("ouder", parent_data())
    filler.step("voorrang", {})

    page = filler.client.get("/aanvragen/stap/toestemming/").content.decode()
    refused = filler.step("toestemming", {"processing": "on"})

    assert "In Merelbeke ligt in Merelbeke-Melle, een andere gemeente dan de jouwe." in page
    assert "buiten de regio Gent" in page
    assert refused.status_code == 400
    assert "Geef toestemming om te delen met In Merelbeke" in refused.content.decode()
    assert (
        filler.step("toestemming", {"processing": "on", f"share_{elsewhere.pk}": "on"}).status_code
        == 302
    )
    filler.send()
    kinds = set(Consent.objects.filter(location=elsewhere).values_list("kind", flat=True))
    assert kinds == {ConsentKind.SHARE_OUTSIDE_MUNICIPALITY, ConsentKind.SHARE_OTHER_REGION}
    assert not Consent.objects.filter(location=home_town).exists()
    assert Consent.objects.get(kind=ConsentKind.PROCESSING).text_version


def test_the_general_consent_is_required(filler, locations):
    filler.start([locations[0].pk])
    filler.step("locaties", {"action": "next"})
    filler.step("ouder", parent_data())
    filler.step("voorrang", {})

    response = filler.step("toestemming", {})

    assert response.status_code == 400
    assert (
        "Zonder deze toestemming kunnen we je aanvraag niet versturen." in response.content.decode()
    )


def test_a_referrer_files_with_the_parents_consent_and_the_parent_gets_the_link(filler, locations):
    referrer = UserFactory(username="toeleider", groups=[role(REFERRER)])
    filler.client.force_login(referrer)
    filler.start([locations[0].pk])
    filler.step("locaties", {"action": "next"})
    filler.step("ouder", parent_data())
    filler.step("voorrang", {})

    refused = filler.step("toestemming", {"processing": "on"})
    assert "Als toeleider kun je alleen aanvragen met de toestemming van de ouder." in (
        refused.content.decode()
    )
    filler.step("toestemming", {"processing": "on", "referrer_consent": "on"})
    filler.send()

    filed = ChildcareRequest.objects.get()
    assert filed.filed_by == referrer
    assert Consent.objects.filter(request=filed, kind=ConsentKind.REFERRER).exists()
    assert private_link_from_mail(filed.email)
    assert not any(referrer.email in m.to for m in mail.outbox)


def test_filing_and_following_a_request_logs_nothing_personal(filler, locations, caplog):
    with caplog.at_level(logging.INFO):
        filler.file([loc.pk for loc in locations])
        link = private_link_from_mail("sofie.peeters@voorbeeld.be")
        filler.client.get(link)
        filler.client.post(link, {"action": "confirm"})

    logged = caplog.text
    for personal in ("Sofie", "Peeters", "voorbeeld.be", "470", "Kortrijksesteenweg", link):
        assert personal not in logged


def test_requests_stay_out_of_wagtails_reference_index(filler, locations):
    filler.file([locations[0].pk])

    # The fiche's "usage" screen in the admin must not list the families who asked for it.
    assert not ReferenceIndex.get_references_to(locations[0]).exists()
