"""Every decision tells the parent by email: in their language, with the location's message
and the private link, and nothing of their data beyond their first name."""

import re

import pytest
from django.core import mail
from django.test import Client

from aanvraagformulier.models import ChildcareRequest
from aanvraagformulier.transitions import TransitionRefused, apply

from ..factories import OrganiserFactory, UserFactory
from .backoffice import make_request, staff_of

pytestmark = pytest.mark.django_db

DECISIONS = [
    ("new", "accept_for_review", "bekijkt je aanvraag"),
    ("accepted_for_review", "no_place", "heeft op dit moment geen plaats"),
    ("accepted_for_review", "approve", "biedt je kind een plaats aan"),
    ("accepted_for_review", "not_approve", "kan je kind geen plaats aanbieden"),
    ("approved", "enrol", "heeft je kind ingeschreven"),
]
# What the parent gave that the mail must not repeat (the first name is the greeting).
NOT_IN_MAIL = ["Peeters", "0470", "Kortrijksesteenweg", "90051712345", "9000"]


@pytest.fixture
def world(region, make_location):
    mine = OrganiserFactory()
    return mine, make_location(organiser=mine, title="Mijn locatie"), region


@pytest.mark.parametrize(("status", "action", "sentence"), DECISIONS)
def test_each_decision_mails_the_parent(
    world, status, action, sentence, django_capture_on_commit_callbacks
):
    _mine, location, region = world
    row = make_request(region, [location], [status]).locations.get()
    user = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        apply(row, action, by=user, message="Bel ons gerust.")

    (message,) = mail.outbox
    assert message.to == ["sofie.peeters@voorbeeld.be"]
    assert "Mijn locatie" in message.subject and row.request.reference in message.subject
    assert sentence in message.body
    assert "Dag Sofie," in message.body and "Bel ons gerust." in message.body
    link = re.search(r"https?://[^/\s]+(/aanvraag/[^\s]+/)", message.body).group(1)
    assert "Mijn locatie" in Client().get(link).content.decode()
    for text in NOT_IN_MAIL:
        assert text not in message.body and text not in message.subject
    row.refresh_from_db()
    assert row.message == "Bel ons gerust."
    assert row.history.first().history_user == user


def test_the_mail_is_in_the_requests_language(world, django_capture_on_commit_callbacks):
    _mine, location, region = world
    row = make_request(region, [location], language="en").locations.get()

    with django_capture_on_commit_callbacks(execute=True):
        apply(row, "no_place")

    (message,) = mail.outbox
    assert "has no place for your child at the moment" in message.body
    assert "Hello Sofie," in message.body


def test_the_old_positional_call_still_works_and_mails(world, django_capture_on_commit_callbacks):
    _mine, location, region = world
    row = make_request(region, [location]).locations.get()

    with django_capture_on_commit_callbacks(execute=True):
        apply(row, "no_place", None)

    assert len(mail.outbox) == 1 and "geen plaats" in mail.outbox[0].body


def test_a_refused_move_sends_nothing(world, django_capture_on_commit_callbacks):
    _mine, location, region = world
    row = make_request(region, [location]).locations.get()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(TransitionRefused):
        apply(row, "enrol")

    assert mail.outbox == []


def test_an_erased_request_gets_no_mail(world, django_capture_on_commit_callbacks):
    _mine, location, region = world
    filed = make_request(region, [location])
    ChildcareRequest.objects.filter(pk=filed.pk).update(anonymised_at="2026-01-01T00:00Z")

    with django_capture_on_commit_callbacks(execute=True):
        apply(filed.locations.get(), "no_place")

    assert mail.outbox == []


def test_the_detail_view_mails_with_the_message(world, django_capture_on_commit_callbacks):
    mine, location, region = world
    row = make_request(region, [location]).locations.get()
    client = Client()
    client.force_login(staff_of(mine))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/aanvragen/{row.pk}/",
            {"action": "accept_for_review", "message": "We bellen je deze week."},
            follow=True,
        )

    assert response.status_code == 200
    html = response.content.decode()
    assert "We bellen je deze week." in html  # the timeline
    (message,) = mail.outbox
    assert "We bellen je deze week." in message.body
