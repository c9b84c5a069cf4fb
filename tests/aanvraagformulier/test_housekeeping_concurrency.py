"""The reminder, confirmation and export-purging commands run twice at the same moment, on
PostgreSQL: every mail goes once, every export is deleted once.
(apply_retention's concurrent runs: test_retention.py.)

SQLite serialises writers, so the race cannot happen there. Threads need committed data and
their own connections, hence a transactional database, restored afterwards as in
test_concurrency.py.
"""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from aanvraagformulier import confirmations, reminders
from aanvraagformulier.exports import services as exports
from aanvraagformulier.models import Export, LocationReminder, RequestedLocation, RequestStatus

from .. import threads
from ..factories import OrganiserFactory
from .backoffice import make_request, staff_of

pytestmark = pytest.mark.skipif(
    not settings.DATABASE_IS_POSTGRES,
    reason="needs PostgreSQL: SQLite serialises writers, so the race cannot happen",
)


def twice_at_once(job):
    results, errors = threads.twice_at_once(job)
    assert errors == []
    return results


@pytest.fixture
def many(restore_migrated_data, django_db_serialized_rollback, transactional_db, region):
    return region


def test_two_concurrent_reminder_runs_mail_each_location_once(many, make_location):
    for number in range(12):
        organiser = OrganiserFactory()
        staff_of(organiser)
        location = make_location(organiser=organiser, title=f"Locatie {number}")
        make_request(many, [location], email=f"{number}@x.be")
    RequestedLocation.objects.update(due_date=timezone.localdate())

    results = twice_at_once(lambda: reminders.send_deadline_reminders(batch_size=5).sent)

    assert sum(results) == 12
    assert LocationReminder.objects.count() == 12
    # Delivered after each commit (immediate tasks): one staff member per location, once.
    assert len(mail.outbox) == 12


def test_two_concurrent_confirmation_runs_ask_each_parent_once(many, make_location):
    location = make_location()
    long_ago = timezone.now() - datetime.timedelta(days=400)
    for number in range(30):
        make_request(many, [location], email=f"{number}@x.be", last_confirmed_at=long_ago)

    results = twice_at_once(lambda: confirmations.prompt(batch_size=4).prompted)

    assert sum(results) == 30
    assert len(mail.outbox) == 30


def test_two_concurrent_expiry_runs_expire_each_request_once(many, make_location):
    location = make_location()
    long_ago = timezone.now() - datetime.timedelta(days=400)
    for number in range(30):
        make_request(
            many,
            [location],
            email=f"{number}@x.be",
            last_confirmed_at=long_ago,
            confirmation_prompted_at=long_ago + datetime.timedelta(days=1),
        )

    results = twice_at_once(lambda: confirmations.expire(batch_size=4).expired)

    assert sum(results) == 30
    assert len(mail.outbox) == 30
    assert set(RequestedLocation.objects.values_list("status", flat=True)) == {
        RequestStatus.EXPIRED
    }
    # One history version per row for the expiry, not two.
    assert RequestedLocation.history.filter(status=RequestStatus.EXPIRED).count() == 30


def test_two_concurrent_purge_runs_delete_each_export_once(many, settings, tmp_path):
    settings.OPVANGPUNT_EXPORT_DIR = tmp_path
    long_ago = timezone.now() - datetime.timedelta(days=settings.OPVANGPUNT_EXPORT_DAYS + 1)
    for number in range(20):
        (tmp_path / f"export-{number}.zip").write_bytes(b"archive")
        Export.objects.create(kind="research", region=many, filename=f"export-{number}.zip")
    Export.objects.update(created_at=long_ago)

    def purge_all():
        return sum(exports.purge(export) for export in exports.expired().order_by("pk"))

    results = twice_at_once(purge_all)

    assert sum(results) == 20  # each row marked by one run only
    assert list(tmp_path.iterdir()) == []
    assert not Export.objects.filter(purged_at__isnull=True).exists()
