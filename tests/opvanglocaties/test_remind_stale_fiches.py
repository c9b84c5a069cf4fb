"""Issue 13.1: `remind_stale_fiches` reminds a fiche's staff once per staleness period."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from opvanglocaties import reminding
from opvanglocaties.models import AvailabilityReminder

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def staff(organiser):
    return UserFactory(username="staf", email="staf@speelvogel.be", groups=[organiser.group])


def run(capture, *args):
    out = io.StringIO()
    with capture(execute=True):
        call_command("remind_stale_fiches", *args, stdout=out)
    return out.getvalue()


def test_stale_fiches_get_one_reminder_per_period(
    make_location, organiser, staff, django_capture_on_commit_callbacks
):
    stale = make_location(organiser=organiser, title="Oud", availability_confirmed_on=days_ago(31))
    make_location(organiser=organiser, title="Vers", availability_confirmed_on=days_ago(30))
    never = make_location(organiser=organiser, title="Nooit", availability_confirmed_on=None)

    output = run(django_capture_on_commit_callbacks)
    assert "2 reminders sent, 0 already sent" in output
    assert sorted(message.subject for message in mail.outbox) == [
        'Klopt de beschikbaarheid van "Nooit" nog?',
        'Klopt de beschikbaarheid van "Oud" nog?',
    ]
    assert all(message.to == [staff.email] for message in mail.outbox)
    assert set(AvailabilityReminder.objects.values_list("page", "period")) == {
        (stale.pk, 1),
        (never.pk, 1),
    }

    # Idempotent: the same day, or any day of the same period, sends nothing more.
    assert "0 reminders sent, 2 already sent" in run(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2

    # A new period: a new reminder; a confirmation stops them.
    stale.availability_confirmed_on = days_ago(61)
    stale.save()
    never.availability_confirmed_on = timezone.localdate()
    never.save()
    assert "1 reminders sent" in run(django_capture_on_commit_callbacks)
    assert AvailabilityReminder.objects.filter(page=stale).count() == 2
    assert len(mail.outbox) == 3


def test_dry_run_prints_and_sends_nothing(
    make_location, organiser, staff, django_capture_on_commit_callbacks
):
    make_location(organiser=organiser, title="Oud", availability_confirmed_on=days_ago(40))
    output = run(django_capture_on_commit_callbacks, "--dry-run")
    assert "would remind: Gent: Oud" in output
    assert "1 reminders would send" in output
    assert not mail.outbox
    assert not AvailabilityReminder.objects.exists()


def test_the_regions_period_is_the_rule(
    make_location, organiser, staff, region, django_capture_on_commit_callbacks
):
    region.availability_fresh_days = 60
    region.save()
    make_location(organiser=organiser, availability_confirmed_on=days_ago(45))
    assert "0 reminders sent" in run(django_capture_on_commit_callbacks)
    assert not mail.outbox


def test_a_second_sender_of_the_same_period_sends_nothing(make_location, organiser, staff, region):
    """What two overlapping runs do: the second insert of the period's row fails, no mail."""
    page = make_location(organiser=organiser, availability_confirmed_on=days_ago(31))
    item = reminding.due(page, region)
    assert reminding.send(item, region) is not None
    assert reminding.send(item, region) is None
    assert AvailabilityReminder.objects.count() == 1
