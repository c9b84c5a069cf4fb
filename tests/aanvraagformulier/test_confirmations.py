"""prompt_confirmations: parents are asked whether they still need care; without an answer
in the region's period the request expires and its locations stop seeing contact data."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from aanvraagformulier.models import ChildcareRequest, RequestStatus
from aanvraagformulier.rules import CONFIRMATION_INTERVAL_DAYS

from ..factories import OrganiserFactory
from .backoffice import make_request, staff_of

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def run(*args, on_commit=None):
    out = io.StringIO()
    if on_commit is None:
        call_command("prompt_confirmations", *args, stdout=out)
    else:
        with on_commit(execute=True):
            call_command("prompt_confirmations", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def world(region, make_location):
    organiser = OrganiserFactory()
    location = make_location(organiser=organiser, title="Kinderdagverblijf Es")
    other = make_location(title="Kinderdagverblijf Olm")
    filed = make_request(
        region,
        [location, other],
        [RequestStatus.ACCEPTED_FOR_REVIEW, RequestStatus.NOT_APPROVED],
        last_confirmed_at=timezone.now() - (CONFIRMATION_INTERVAL_DAYS + 1) * DAY,
    )
    return filed, organiser


def test_an_unconfirmed_parent_is_asked_once_with_their_private_link(
    world, django_capture_on_commit_callbacks
):
    filed, _organiser = world
    fresh = make_request(
        world[0].region, [filed.locations.first().location], email="vers@voorbeeld.be"
    )

    output = run(on_commit=django_capture_on_commit_callbacks)

    assert "1 parents asked to confirm, 0 requests expired" in output
    assert [message.to for message in mail.outbox] == [["sofie.peeters@voorbeeld.be"]]
    body = mail.outbox[0].body
    assert "Dag Sofie" in body and filed.reference in body and "30 dagen" in body
    link = re.search(r"https?://[^/\s]+(/aanvraag/[^\s]+/)", body).group(1)
    assert Client().get(link).status_code == 200
    assert ChildcareRequest.objects.get(pk=fresh.pk).confirmation_prompted_at is None

    assert "0 parents asked" in run(on_commit=django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1  # once


def test_without_an_answer_the_request_expires_and_the_location_sees_no_contact_data(
    world, region, django_capture_on_commit_callbacks
):
    filed, organiser = world
    row = filed.locations.get(status=RequestStatus.ACCEPTED_FOR_REVIEW)
    staff = Client()
    staff.force_login(staff_of(organiser))
    url = f"/admin/aanvragen/{row.pk}/"
    assert "Peeters" in staff.get(url).content.decode()  # contact data while in review
    run(on_commit=django_capture_on_commit_callbacks)
    asked = ChildcareRequest.objects.get(pk=filed.pk).confirmation_prompted_at
    ChildcareRequest.objects.filter(pk=filed.pk).update(
        confirmation_prompted_at=asked - (region.confirmation_days + 1) * DAY
    )
    mail.outbox.clear()

    output = run(on_commit=django_capture_on_commit_callbacks)

    assert "1 requests expired" in output
    row.refresh_from_db()
    assert row.status == RequestStatus.EXPIRED
    # The row that was already closed keeps its status.
    assert filed.locations.get(location__title="Kinderdagverblijf Olm").status == "not_approved"
    assert row.history.first().status == RequestStatus.EXPIRED  # in the history too
    html = staff.get(url).content.decode()
    for hidden in ("Peeters", "sofie.peeters@voorbeeld.be", "0470 12 34 56"):
        assert hidden not in html
    assert "Sofie" in html  # the first name stays, as the policy says at "expired"
    assert [message.to for message in mail.outbox] == [["sofie.peeters@voorbeeld.be"]]
    assert filed.reference in mail.outbox[0].subject
    assert "0 requests expired" in run(on_commit=django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_a_parent_who_confirms_does_not_expire(world, region, django_capture_on_commit_callbacks):
    filed, _organiser = world
    run(on_commit=django_capture_on_commit_callbacks)
    long_ago = timezone.now() - (region.confirmation_days + 1) * DAY
    # Asked long ago, confirmed on their private page since.
    ChildcareRequest.objects.filter(pk=filed.pk).update(
        confirmation_prompted_at=long_ago, last_confirmed_at=long_ago + DAY
    )

    assert "0 requests expired" in run(on_commit=django_capture_on_commit_callbacks)
    assert filed.locations.filter(status=RequestStatus.EXPIRED).count() == 0


def test_the_regions_period_decides(world, region, django_capture_on_commit_callbacks):
    filed, _organiser = world
    run(on_commit=django_capture_on_commit_callbacks)
    ChildcareRequest.objects.filter(pk=filed.pk).update(
        confirmation_prompted_at=timezone.now() - 10 * DAY
    )
    assert "0 requests expired" in run(on_commit=django_capture_on_commit_callbacks)
    region.confirmation_days = 7
    region.save()
    assert "1 requests expired" in run(on_commit=django_capture_on_commit_callbacks)


def test_dry_run_changes_and_sends_nothing(world, django_capture_on_commit_callbacks):
    filed, _organiser = world

    output = run("--dry-run", on_commit=django_capture_on_commit_callbacks)

    assert f"would ask {filed.reference}" in output
    assert "dry run: 1 parents would be asked" in output
    assert mail.outbox == []
    assert ChildcareRequest.objects.get(pk=filed.pk).confirmation_prompted_at is None
