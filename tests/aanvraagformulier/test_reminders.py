"""remind_deadlines: one mail per location per day about rows due soon or overdue, and the
monthly "review your list" digest; counts and a link, never personal data."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from aanvraagformulier import reminders
from aanvraagformulier.models import LocationReminder, RequestedLocation, RequestStatus

from ..factories import OrganiserFactory
from .backoffice import make_request, staff_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def run(on_commit, *args):
    out = io.StringIO()
    with on_commit(execute=True):
        call_command("remind_deadlines", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def world(region, make_location):
    """Location A: one row overdue, one due tomorrow, one due later, one answered and
    overdue. Location B: nothing due. Two staff of A's organiser, one of B's."""
    mine, theirs = OrganiserFactory(), OrganiserFactory()
    a = make_location(organiser=mine, title="Kinderdagverblijf Aster")
    b = make_location(organiser=theirs, title="Kinderdagverblijf Beuk")
    first, second = staff_of(mine), staff_of(mine)
    staff_of(theirs)
    rows = []
    for status in ("new", "accepted_for_review", "new", "no_place"):
        rows.append(make_request(region, [a, b], [status, "new"]).locations.get(location=a))
    due = [-2, 1, 10, -5]
    for row, days in zip(rows, due, strict=True):
        RequestedLocation.objects.filter(pk=row.pk).update(
            due_date=TODAY() + datetime.timedelta(days=days)
        )
    RequestedLocation.objects.filter(location=b).update(
        due_date=TODAY() + datetime.timedelta(days=20)
    )
    return a, b, [first.email, second.email]


def test_one_mail_per_staff_member_of_a_location_with_rows_due(
    world, django_capture_on_commit_callbacks
):
    a, _b, emails = world

    output = run(django_capture_on_commit_callbacks)

    assert "deadline reminders: 1 locations, 2 mails sent" in output
    assert sorted(message.to[0] for message in mail.outbox) == sorted(emails)
    message = mail.outbox[0]
    assert "Kinderdagverblijf Aster" in message.subject
    assert "1 aanvraag is over haar antwoordtermijn" in message.body
    assert "1 aanvraag moet binnen enkele dagen beantwoord zijn" in message.body
    assert "/admin/aanvragen/" in message.body
    for personal in ("Sofie", "Peeters", "voorbeeld.be", "0470", "9000"):
        assert personal not in message.body and personal not in message.subject
    assert LocationReminder.objects.get().location_id == a.pk


def test_a_second_run_the_same_day_sends_nothing_the_next_day_again(
    world, django_capture_on_commit_callbacks
):
    run(django_capture_on_commit_callbacks)
    assert "0 locations, 0 mails sent; 1 locations already reminded" in run(
        django_capture_on_commit_callbacks
    )
    assert len(mail.outbox) == 2

    tomorrow = TODAY() + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = reminders.send_deadline_reminders(tomorrow)
    assert (outcome.sent, len(mail.outbox)) == (1, 4)


def test_a_location_that_answered_gets_no_reminder(world, django_capture_on_commit_callbacks):
    a, _b, _emails = world
    RequestedLocation.objects.filter(location=a, status__in=["new", "accepted_for_review"]).update(
        status=RequestStatus.NO_PLACE
    )
    assert "0 locations" in run(django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_dry_run_prints_and_sends_nothing(world, django_capture_on_commit_callbacks):
    output = run(django_capture_on_commit_callbacks, "--dry-run")

    assert "Kinderdagverblijf Aster: 2 mails" in output
    assert "would be sent (dry run, nothing sent)" in output
    assert mail.outbox == [] and not LocationReminder.objects.exists()


def test_the_monthly_digest_goes_once_a_month_to_every_location_with_open_rows(
    world, django_capture_on_commit_callbacks
):
    a, b, _emails = world

    output = run(django_capture_on_commit_callbacks, "--monthly-digest")

    assert "review digests: 2 locations, 3 mails sent" in output
    bodies = {message.subject: message.body for message in mail.outbox}
    body = bodies["Maandelijkse controle van de aanvraaglijst van Kinderdagverblijf Aster"]
    assert "minstens één keer per maand" in body
    assert "nieuw: 2" in body and "geen plaats: 1" in body
    assert "Sofie" not in body
    assert "already reminded" in run(django_capture_on_commit_callbacks, "--monthly-digest")
    assert len(mail.outbox) == 3
    # The deadline reminder is a mail of its own, the same day.
    assert "1 locations, 2 mails sent" in run(django_capture_on_commit_callbacks)
    later = TODAY().replace(day=1) + datetime.timedelta(days=40)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_review_digests(later).sent == 2
    assert {reminder.day.day for reminder in LocationReminder.objects.filter(kind="digest")} == {1}
    assert {a.pk, b.pk} == set(
        LocationReminder.objects.filter(kind="digest").values_list("location_id", flat=True)
    )
