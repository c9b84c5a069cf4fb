"""The request list's query count does not grow with the requests (issue 12, speed)."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from aanvraagformulier.models import RequestedLocation
from bench.request_rows import copy_requests

from .backoffice import make_request

pytestmark = pytest.mark.django_db

# The first page with two filters, as the bench's backoffice_list asks it.
LIST = "/admin/aanvragen/?status=new&deadline=overdue"


def queries_and_rows(client, caplog):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST)
    # A database fault becomes a 503 page (core.faults); its logged cause says which.
    assert response.status_code == 200, caplog.text
    rows = set(re.findall(r'href="/admin/aanvragen/(\d+)/"', response.content.decode()))
    return len(queries.captured_queries), len(rows)


def test_the_lists_query_count_is_the_same_at_1000_and_100000_requests(
    region, make_location, loket_user, caplog
):
    location = make_location()
    template = make_request(region, [location])
    copy_requests(template, 999, prefix="A")
    client = Client()
    client.force_login(loket_user)
    client.get(LIST)  # content types and other per-process caches filled

    at_thousand = queries_and_rows(client, caplog)
    copy_requests(template, 99_000, prefix="B")
    at_hundred_thousand = queries_and_rows(client, caplog)

    assert RequestedLocation.objects.count() == 100_000
    assert at_thousand == at_hundred_thousand
    assert at_thousand[1] > 10  # a full first page, not an empty list
