"""Two submits of the same form at the same moment, on PostgreSQL: one request.

SQLite serialises writers, so the race cannot happen there. The test needs committed data
(threads with their own connections), hence a transactional database; it puts the migrated
data back afterwards so the transactional tests after it find their groups and locales.
"""

import threading

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client

from aanvraagformulier import services
from aanvraagformulier.models import ChildcareRequest, RequestDraft, RequestedLocation

from .conftest import FormFiller

pytestmark = pytest.mark.skipif(
    not settings.DATABASE_IS_POSTGRES,
    reason="needs PostgreSQL: SQLite serialises writers, so the race cannot happen",
)


def test_two_concurrent_submits_of_the_same_form_make_one_request(
    restore_migrated_data, django_db_serialized_rollback, transactional_db, locations
):
    filler = FormFiller(Client())
    filler.through_consent([loc.pk for loc in locations])
    draft = RequestDraft.objects.get()
    token = draft.idempotency_token
    barrier = threading.Barrier(2)
    results, errors = [], []

    def send():
        try:
            own = RequestDraft.objects.get(pk=draft.pk)
            barrier.wait()
            results.append(services.submit(own, token=token))
        except Exception as error:  # reported below, with the thread it came from
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert ChildcareRequest.objects.count() == 1
    assert RequestedLocation.objects.count() == 3
    assert sorted(created for _filed, created in results) == [False, True]
    assert len({filed.pk for filed, _created in results}) == 1
