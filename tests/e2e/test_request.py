"""A parent on a phone files one request for three locations from compare, then follows it."""

import datetime
import re
import socket

import pytest
from playwright.sync_api import expect

from aanvraagformulier.models import ChildcareRequest, RequestStatus
from core.models import QueuedEmail
from opvanglocaties.models import PriorityRule

pytestmark = pytest.mark.e2e


def serious(violations):
    return [
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def assert_fits_and_accessible(page, axe):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url
    assert not serious(axe(page)), page.url


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_file_a_request_from_compare_on_a_phone_then_withdraw_one_location(
    page, live_site, region, make_location, axe, settings
):
    region.request_priority_rules.set(PriorityRule.objects.all())
    locations = [
        make_location(title=f"Kinderdagverblijf {name}") for name in ("Aster", "Beuk", "Ceder")
    ]
    # The mail server is down: the confirmation waits in the queue, where we read the link.
    settings.DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    page.set_viewport_size({"width": 375, "height": 812})
    ids = ",".join(str(location.pk) for location in locations)

    page.goto(f"/vergelijken/?locaties={ids}")
    page.locator(f"a[href='/aanvragen/?locaties={ids}']").click()

    # Step 1: the child and the care plan.
    expect(page.locator(".progress")).to_have_text("Stap 1 van 6")
    expect(page.locator(".chosen-summary li")).to_have_count(3)
    assert_fits_and_accessible(page, axe)
    page.get_by_label("Mijn kind is geboren").check()
    today = datetime.date.today()
    page.fill("#id_child_birth_date", (today - datetime.timedelta(days=90)).isoformat())
    page.fill("#id_start_date", (today + datetime.timedelta(days=60)).isoformat())
    page.select_option("#id_care_0", "full")
    page.select_option("#id_care_2", "half")
    page.get_by_role("button", name="Bewaren en verder").click()

    # Step 2: the locations, in order.
    expect(page.locator(".progress")).to_have_text("Stap 2 van 6")
    expect(page.locator(".chosen-location")).to_have_count(3)
    assert_fits_and_accessible(page, axe)
    page.get_by_role("button", name="Bewaren en verder").click()

    # Step 3: the parent. An error first: the summary links to the field.
    expect(page.locator(".progress")).to_have_text("Stap 3 van 6")
    page.fill("#id_parent_first_name", "Sofie")
    page.fill("#id_parent_last_name", "Peeters")
    page.fill("#id_email", "sofie.peeters@voorbeeld.be")
    page.fill("#id_phone", "12")
    page.fill("#id_street", "Veldstraat")
    page.fill("#id_house_number", "1")
    page.fill("#id_postcode", "9000")
    page.get_by_role("button", name="Bewaren en verder").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Vul een Belgisch telefoonnummer in")
    expect(summary).to_be_focused()
    assert_fits_and_accessible(page, axe)
    page.fill("#id_phone", "0470 12 34 56")
    page.get_by_role("button", name="Bewaren en verder").click()

    # Step 4: priority rules, declared on honour.
    expect(page.locator(".progress")).to_have_text("Stap 4 van 6")
    assert_fits_and_accessible(page, axe)
    page.get_by_label("Werk, werk zoeken of opleiding").check()
    page.get_by_label("Ik verklaar op eer").check()
    page.get_by_role("button", name="Bewaren en verder").click()

    # Step 5: consent.
    expect(page.locator(".progress")).to_have_text("Stap 5 van 6")
    assert_fits_and_accessible(page, axe)
    page.get_by_label("Ik ga ermee akkoord dat het portaal").check()
    page.get_by_role("button", name="Bewaren en verder").click()

    # Step 6: review and send.
    expect(page.locator(".progress")).to_have_text("Stap 6 van 6")
    assert_fits_and_accessible(page, axe)
    page.get_by_role("button", name="Verstuur mijn aanvraag").click()

    expect(page.locator("h1")).to_have_text("Je aanvraag is verstuurd")
    assert_fits_and_accessible(page, axe)
    filed = ChildcareRequest.objects.get()
    expect(page.locator(".reference")).to_have_text(filed.reference)
    assert filed.locations.count() == 3

    # The private link, from the mail still waiting in the queue.
    body = next(
        queued.message["body"]
        for queued in QueuedEmail.objects.all()
        if filed.reference in queued.message["subject"]
    )
    link = re.search(r"https?://\S+(/aanvraag/\S+/)", body).group(1)
    page.goto(link)
    expect(page.locator(".chosen-location")).to_have_count(3)
    assert_fits_and_accessible(page, axe)
    page.get_by_role("button", name=re.compile(r"Intrekken\W+Kinderdagverblijf Beuk")).click()

    expect(page.locator(".notice")).to_contain_text(
        "Kinderdagverblijf Beuk ziet je aanvraag niet meer."
    )
    withdrawn = filed.locations.get(location=locations[1])
    assert withdrawn.status == RequestStatus.WITHDRAWN
    assert {row.status for row in filed.locations.exclude(pk=withdrawn.pk)} == {RequestStatus.NEW}
    assert_fits_and_accessible(page, axe)
