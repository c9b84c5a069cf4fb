"""Health endpoints as a load balancer meets them: by IP, over HTTP, with the database down."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.mail import deliver_queued_email

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_live_answers_without_asking_any_dependency(client):
    # No django_db mark: any database access in this test would raise.
    response = client.get("/health/live/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/health/", "/health/ready/", "/health/live/"])
def test_polled_by_ip_over_http_with_production_host_and_https_rules(settings, path):
    # A load balancer asks http://10.0.0.5:8000/health/: not a name in ALLOWED_HOSTS, and
    # plain HTTP where production redirects everything else to HTTPS.
    settings.ALLOWED_HOSTS = ["opvang.gent.be"]
    settings.SECURE_SSL_REDIRECT = True
    response = Client().get(path, HTTP_HOST="10.0.0.5:8000")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    # Other paths keep both rules.
    assert Client().get("/", HTTP_HOST="10.0.0.5:8000").status_code == 400


@pytest.fixture
def database_down():
    """Point the connection at a database that cannot be reached, for real.

    SQLite gets a file in a folder that does not exist; PostgreSQL a port where nothing
    listens. Every connection attempt then fails the way an outage makes it fail.
    """
    settings_dict = connection.settings_dict
    saved_settings, saved_connection = dict(settings_dict), connection.connection
    # Set aside rather than closed: Django never closes SQLite's in-memory test database.
    connection.connection = None
    if connection.vendor == "sqlite":
        # mode=rw: open an existing file only, never create one.
        settings_dict["NAME"] = "file:/nonexistent-folder/db.sqlite3?mode=rw"
        settings_dict["OPTIONS"] = {**settings_dict["OPTIONS"], "uri": True}
    else:
        settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", "1"
        settings_dict["OPTIONS"] = {**settings_dict["OPTIONS"], "connect_timeout": 2}
    yield
    if connection.connection is not None:
        connection.connection.close()
    settings_dict.clear()
    settings_dict.update(saved_settings)
    connection.connection = saved_connection


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", ["/health/", "/health/ready/"])
def test_database_down_gives_json_naming_it(database_down, path):
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == "error"
    assert body["cache"] == "ok"
    # Skipped rather than waiting for a second connect timeout.
    assert body["search"] == "skipped"
    assert body["tasks"] == "skipped"


@pytest.mark.django_db(transaction=True)
def test_live_stays_ok_with_the_database_down(database_down):
    response = Client(raise_request_exception=False).get("/health/live/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_reports_the_age_of_the_oldest_pending_task(client, settings):
    settings.TASKS = DATABASE_BACKEND
    body = client.get("/health/").json()
    assert (body["tasks"], body["tasks_pending"], body["tasks_oldest_seconds"]) == ("ok", 0, None)

    first = deliver_queued_email.enqueue(1)
    deliver_queued_email.enqueue(2)
    DBTaskResult.objects.filter(pk=first.id).update(
        enqueued_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    response = client.get("/health/")
    body = response.json()
    assert body["tasks"] == "late"
    assert body["tasks_pending"] == 2
    assert 600 <= body["tasks_oldest_seconds"] < 700
    # A late queue is the worker's fault: the web host stays in the load balancer.
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_failing_cache_makes_the_host_unready(client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "broken": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            # A file where the cache wants a folder: every write fails.
            "LOCATION": "/dev/null/cache",
        },
    }
    settings.PAGE_CACHE_ALIAS = "broken"
    response = client.get("/health/ready/")
    assert response.status_code == 503
    assert response.json()["cache"] == "error"
