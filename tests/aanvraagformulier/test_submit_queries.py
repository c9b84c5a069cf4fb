"""The final submit costs the same number of queries for one location as for five."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from aanvraagformulier.models import ChildcareRequest, RequestedLocation
from core.models import QueuedEmail

from ..factories import UserFactory
from .conftest import FormFiller, parent_data

pytestmark = pytest.mark.django_db


def submit_queries(client, on_commit, location_ids, number):
    """Queries of the final submit only (the steps before it are not counted), the delivery
    of its mails after the commit included."""
    filler = FormFiller(client, on_commit)
    filler.through_consent(location_ids, parent=parent_data(email=f"ouder{number}@voorbeeld.be"))
    token = filler.token()
    with CaptureQueriesContext(connection) as queries:
        response = filler.send(token)
    assert response["Location"] == "/aanvragen/verzonden/"
    return len(queries)


def test_the_submit_does_not_query_per_location(
    request_region, make_location, django_capture_on_commit_callbacks
):
    request_region.max_locations_per_request = 5
    request_region.save()
    # Every fiche has its own organiser with a staff member to mail: the most rows, history
    # versions, consents and mails a location can add.
    fiches = [make_location(title=f"Kinderdagverblijf {index}") for index in range(5)]
    for index, fiche in enumerate(fiches):
        UserFactory(email=f"staff{index}@voorbeeld.be", groups=[fiche.organiser.group])

    counts = [
        submit_queries(
            Client(), django_capture_on_commit_callbacks, [f.pk for f in fiches[:size]], number
        )
        for number, size in enumerate((1, 3, 5))
    ]

    # 27 before the draft's token check and the postcode's second look-up were saved; 4 of
    # these keep the loket's figure counts (the new request's contribution and one upsert).
    assert counts[0] == counts[1] == counts[2] == 29, counts
    assert RequestedLocation.objects.count() == 1 + 3 + 5
    assert ChildcareRequest.objects.count() == 3
    assert not QueuedEmail.objects.exists()  # every mail was delivered after its commit


def test_with_the_database_queue_the_request_only_queues_its_mails(
    settings, request_region, make_location, django_capture_on_commit_callbacks
):
    """Production's TASKS_BACKEND=database: the mails and their task are rows written in the
    request's transaction; a worker delivers them, so the submit pays no delivery."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    fiches = [make_location(title=f"Kinderdagverblijf {index}") for index in range(3)]
    for index, fiche in enumerate(fiches):
        UserFactory(email=f"staff{index}@voorbeeld.be", groups=[fiche.organiser.group])

    count = submit_queries(Client(), django_capture_on_commit_callbacks, [f.pk for f in fiches], 0)

    # The immediate backend's delivery (the read and the delete) is not in the request;
    # the task's INSERT is.
    assert count == 28  # 4 of them the figure counts (test above)
    assert QueuedEmail.objects.count() == 4  # the parent and three staff members
    assert DBTaskResult.objects.filter(task_path="core.mail.deliver_queued_emails").count() == 1
