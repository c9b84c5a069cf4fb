"""The loket's kept counts under writes at the same moment, on PostgreSQL: no increment is
lost (INSERT ... ON CONFLICT adds to the stored count), and two locations closing rows of
the same request at once both count (the request is locked while its contribution is
computed, so the second writer sees the first one's rows).

SQLite serialises writers, so the race cannot happen there. Threads need committed data and
their own connections, hence a transactional database (as test_decide_concurrency.py).
"""

import pytest
from django.conf import settings
from django.db import transaction

from aanvraagformulier.figures import counts, reference
from aanvraagformulier.figures.keeping import rebuild
from aanvraagformulier.transitions import apply

from ..factories import NeighbourhoodFactory, OrganiserFactory
from ..threads import twice_at_once
from .backoffice import make_request

pytestmark = pytest.mark.skipif(
    not settings.DATABASE_IS_POSTGRES,
    reason="needs PostgreSQL: SQLite serialises writers, so the race cannot happen",
)


def race(work):
    def atomic_work():
        with transaction.atomic():
            return work()

    results, errors = twice_at_once(atomic_work, timeout=60)
    assert errors == []
    return results


@pytest.fixture
def ledeberg(
    restore_migrated_data, django_db_serialized_rollback, transactional_db, region, make_location
):
    wijk = NeighbourhoodFactory(name="Ledeberg", slug="ledeberg")
    places = [
        make_location(organiser=OrganiserFactory(), title=title, neighbourhood=wijk)
        for title in ("Aster", "Azalea")
    ]
    return region, places


def test_two_requests_filed_at_once_both_count(ledeberg):
    region, places = ledeberg

    race(lambda: make_request(region, places))

    assert counts.open_requests_per_wijk(region) == {"Ledeberg": 2}
    assert counts.open_requests_per_wijk(region) == reference.open_requests_per_wijk(region)
    assert rebuild(dry_run=True) == 0


def test_two_locations_closing_the_same_request_at_once_both_count(ledeberg):
    region, places = ledeberg
    filed = make_request(region, places, ["accepted_for_review", "accepted_for_review"])
    # Each thread takes the next row: the two locations decide at the same moment.
    queue = iter(list(filed.locations.order_by("pk")))

    race(lambda: apply(next(queue), "not_approve"))

    # Neither location is open any more: the request no longer counts as demand.
    assert reference.open_requests_per_wijk(region) == {}
    assert counts.open_requests_per_wijk(region) == {}
    assert rebuild(dry_run=True) == 0
