"""Two runs of `remind_stale_fiches` at the same moment, on PostgreSQL: one reminder each.

SQLite serialises writers, so the race cannot happen there. Threads with their own
connections need committed data, hence a transactional database (and the migrated data put
back afterwards, as in tests/aanvraagformulier/test_concurrency.py).
"""

import datetime
import io

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from opvanglocaties.models import AvailabilityReminder

from ..factories import UserFactory
from ..threads import twice_at_once

pytestmark = pytest.mark.skipif(
    not settings.DATABASE_IS_POSTGRES,
    reason="needs PostgreSQL: SQLite serialises writers, so the race cannot happen",
)


def test_two_concurrent_runs_send_each_reminder_once(
    restore_migrated_data, django_db_serialized_rollback, transactional_db, make_location, organiser
):
    UserFactory(username="staf", email="staf@speelvogel.be", groups=[organiser.group])
    old = timezone.localdate() - datetime.timedelta(days=40)
    fiches = [make_location(organiser=organiser, availability_confirmed_on=old) for _ in range(12)]
    mail.outbox.clear()

    _results, errors = twice_at_once(
        lambda: call_command("remind_stale_fiches", stdout=io.StringIO())
    )

    assert errors == []
    assert AvailabilityReminder.objects.count() == len(fiches)
    # Queued, then delivered after each commit (to the test outbox): one mail per fiche.
    assert len(mail.outbox) == len(fiches)
