"""Abuse: CSRF stays on, a honeypot, rate limits with a polite Dutch 429, size limits."""

import pytest
from django.core.cache import cache
from django.test import Client

from aanvraagformulier.models import ChildcareRequest, RequestDraft

from .conftest import child_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    settings.RATELIMIT_ENABLE = True
    settings.OPVANGPUNT_RATE_SUBMIT = "3/m"
    settings.OPVANGPUNT_RATE_PRIVATE_LINK = "2/m"
    cache.clear()


def test_csrf_is_checked_on_every_step_and_on_send(locations):
    client = Client(enforce_csrf_checks=True)

    for path in ("/aanvragen/stap/kind/", "/aanvragen/verstuur/", "/aanvraag/nieuwe-link/"):
        assert client.post(path, child_data()).status_code == 403, path
    assert not RequestDraft.objects.exists()


def test_the_form_carries_a_csrf_token(client, locations):
    html = client.get("/aanvragen/").content.decode()

    assert 'name="csrfmiddlewaretoken"' in html


def test_a_filled_honeypot_stores_nothing(filler, locations):
    filler.through_consent([locations[0].pk])

    response = filler.client.post(
        "/aanvragen/verstuur/", {"token": filler.token(), "website": "http://spam.example"}
    )

    assert response.status_code == 400
    assert not ChildcareRequest.objects.exists()
    assert "Je aanvraag kon niet verstuurd worden" in response.content.decode()


def test_a_flood_of_submits_gets_a_dutch_429_and_leaves_the_database_consistent(
    limits, client, locations
):
    answers = [client.post("/aanvragen/stap/kind/", child_data()) for _ in range(5)]

    assert [r.status_code for r in answers] == [302, 302, 302, 429, 429]
    refused = answers[-1]
    assert "Even geduld" in refused.content.decode()
    assert refused["Retry-After"] == "60"
    # One browser, one draft; the refused posts wrote nothing.
    assert RequestDraft.objects.count() == 1
    # Reading the form is never limited.
    assert client.get("/aanvragen/stap/kind/").status_code == 200


def test_private_link_lookups_are_limited_per_client(limits, client, filler, locations):
    guesses = [client.get(f"/aanvraag/geraden-{n}/") for n in range(3)]

    assert [r.status_code for r in guesses] == [404, 404, 429]
    assert Client(REMOTE_ADDR="10.9.8.7").get("/aanvraag/geraden/").status_code == 404


def test_new_link_requests_are_limited(limits, client):
    answers = [client.post("/aanvraag/nieuwe-link/", {"email": "a@b.be"}) for _ in range(3)]

    assert [r.status_code for r in answers] == [200, 200, 429]


def test_a_body_larger_than_the_form_needs_is_refused(client, locations, settings):
    settings.OPVANGPUNT_REQUEST_MAX_BODY_BYTES = 1000

    response = client.post("/aanvragen/stap/kind/", {**child_data(), "extra": "x" * 2000})

    assert response.status_code == 413
    assert "Te veel tekst" in response.content.decode()
    assert not RequestDraft.objects.exists()
