"""Double clicks at the same moment, on PostgreSQL: the parent's answer to an offer and a
location's decision each take effect once (the rows are locked before they are checked).

SQLite serialises writers, so the race cannot happen there. Threads with their own
connections need committed data, hence a transactional database (as test_concurrency.py).
"""

import threading

import pytest
from django.conf import settings
from django.core import mail
from django.db import connections, transaction

from aanvraagformulier import changes
from aanvraagformulier.transitions import TransitionRefused, apply

from ..factories import OrganiserFactory
from .backoffice import make_request

pytestmark = pytest.mark.skipif(
    not settings.DATABASE_IS_POSTGRES,
    reason="needs PostgreSQL: SQLite serialises writers, so the race cannot happen",
)


def race(work):
    """Run `work()` in two threads at once; returns (results, errors)."""
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            with transaction.atomic():
                results.append(work())
        except Exception as error:  # collected: the test says which outcome it expects
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


@pytest.fixture
def filed(
    restore_migrated_data, django_db_serialized_rollback, transactional_db, region, make_location
):
    here = make_location(organiser=OrganiserFactory(), title="Aster")
    there = make_location(organiser=OrganiserFactory(), title="Beuk")
    return make_request(region, [here, there], ["approved", "accepted_for_review"])


def test_two_accepts_at_once_take_effect_once(filed):
    row = filed.locations.get(location_title="Aster")

    results, errors = race(lambda: changes.accept_offer(filed, row.pk))

    assert errors == []
    assert sorted(results) == [False, True]
    assert row.history.count() == 2  # made, then accepted once
    assert filed.locations.get(location_title="Beuk").history.count() == 2


def test_two_staff_deciding_at_once_move_the_row_once(filed):
    row = filed.locations.get(location_title="Beuk")

    results, errors = race(lambda: apply(row, "approve"))

    assert len(results) == 1
    assert [type(error) for error in errors] == [TransitionRefused]
    assert row.history.count() == 2
    assert [message.to for message in mail.outbox] == [["sofie.peeters@voorbeeld.be"]]
