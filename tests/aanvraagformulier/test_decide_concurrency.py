"""Double clicks at the same moment, on PostgreSQL: the parent's answer to an offer, a
location's decision and the loket's proposal each take effect once
(the rows are locked before they are checked).

SQLite serialises writers, so the race cannot happen there. Threads with their own
connections need committed data, hence a transactional database (as test_concurrency.py).
"""

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.utils import timezone

from aanvraagformulier import changes
from aanvraagformulier.emergency import services as emergency
from aanvraagformulier.models import Consent, LoketProposal
from aanvraagformulier.transitions import TransitionRefused, apply
from opvanglocaties.models import AgeGroupAvailability

from ..factories import OrganiserFactory
from ..threads import twice_at_once
from .backoffice import make_request

pytestmark = pytest.mark.skipif(
    not settings.DATABASE_IS_POSTGRES,
    reason="needs PostgreSQL: SQLite serialises writers, so the race cannot happen",
)


def race(work):
    """Run `work()` in its own transaction in two threads at once; returns (results, errors)."""

    def atomic_work():
        with transaction.atomic():
            return work()

    return twice_at_once(atomic_work, timeout=60)


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


def test_the_loket_proposing_the_same_location_twice_at_once_adds_it_once(
    filed, make_location, loket_user
):
    location = make_location(organiser=OrganiserFactory(), title="Linde")
    AgeGroupAvailability.objects.create(page=location, age_group="baby", status="free_now")
    entry = emergency.flag(filed, "dringend", loket_user)

    results, errors = race(
        lambda: (
            emergency.propose(entry, location, consent_on=timezone.localdate(), user=loket_user).pk
        )
    )

    assert errors == []
    assert len(set(results)) == 1  # both clicks answer with the one row
    assert filed.locations.filter(location=location).count() == 1
    assert LoketProposal.objects.count() == Consent.objects.filter(kind="loket_proposal").count()
    assert LoketProposal.objects.count() == 1
