"""A hung database ends a request with the Dutch 503 page in seconds (issue 16, item 2).

The settings give PostgreSQL a connect and a statement timeout, and gunicorn a timeout above
both. On a real PostgreSQL server (DATABASE_URL) the tests pause server processes with
SIGSTOP, the way the outage was reproduced: the backend that holds a lock (statement
timeout), and the postmaster that accepts connections (connect timeout).
"""

import json
import os
import runpy
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.test import Client

from portal.settings.base import postgres_timeouts

ROOT = Path(__file__).resolve().parents[2]


def production_database_settings(**env):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "opvang.gent.be",
        "DATABASE_URL": "postgres://opvangpunt:geheim@db.internal:5432/opvangpunt",
        # Production refuses to start without the request form's keys.
        "OPVANGPUNT_FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "OPVANGPUNT_LOOKUP_HASH_KEY": "h" * 50,
        **env,
    }
    code = (
        "import json; from django.conf import settings; d = settings.DATABASES['default']; "
        "print(json.dumps({k: d[k] for k in ('OPTIONS', 'CONN_MAX_AGE', 'CONN_HEALTH_CHECKS')}))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_postgres_gets_connect_and_statement_timeouts_and_checked_persistent_connections():
    assert production_database_settings() == {
        "OPTIONS": {
            "connect_timeout": 5,
            "options": "-c statement_timeout=20000 -c random_page_cost=1.1",
        },
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }
    custom = production_database_settings(
        DATABASE_CONNECT_TIMEOUT="3",
        DATABASE_STATEMENT_TIMEOUT="0",
        DATABASE_CONN_MAX_AGE="0",
        DATABASE_RANDOM_PAGE_COST="0",
    )
    assert custom["OPTIONS"] == {"connect_timeout": 3}
    assert custom["CONN_MAX_AGE"] == 0


def test_postgres_prices_a_random_read_as_on_ssd_unless_told_otherwise():
    """The planner's random_page_cost (issue 15): 1.1 by default, the environment's when set;
    with 4, PostgreSQL's own default, the search's facets read the availability table whole."""
    options = production_database_settings(DATABASE_RANDOM_PAGE_COST="2.5")["OPTIONS"]
    assert options["options"] == "-c statement_timeout=20000 -c random_page_cost=2.5"


@pytest.mark.django_db
def test_the_connection_runs_with_the_random_page_cost_of_the_settings():
    if connection.vendor != "postgresql":
        pytest.skip("random_page_cost is a PostgreSQL planner setting (run with DATABASE_URL)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"


def test_statement_timeout_keeps_options_from_the_database_url():
    options = postgres_timeouts({"options": "-c search_path=opvangpunt"}, 5, 1.5)
    assert options == {
        "options": "-c search_path=opvangpunt -c statement_timeout=1500",
        "connect_timeout": 5,
    }


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, 30),
        ({"DATABASE_CONNECT_TIMEOUT": "10", "DATABASE_STATEMENT_TIMEOUT": "40"}, 55),
        ({"GUNICORN_TIMEOUT": "90"}, 90),
    ],
)
def test_gunicorn_timeout_is_above_the_database_timeouts(monkeypatch, env, expected):
    for name in ("GUNICORN_TIMEOUT", "DATABASE_CONNECT_TIMEOUT", "DATABASE_STATEMENT_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["timeout"] == expected
    connect = int(env.get("DATABASE_CONNECT_TIMEOUT", 5))
    statement = int(env.get("DATABASE_STATEMENT_TIMEOUT", 20))
    assert config["timeout"] > connect + statement


@contextmanager
def paused(pid):
    """SIGSTOP a server process, and always SIGCONT it again."""
    os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)


def parent_pid(pid):
    # Field 4 of /proc/PID/stat; the command name in field 2 may hold spaces, so after ")".
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


@pytest.fixture
def local_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL) to pause its processes with SIGSTOP")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    if not Path(f"/proc/{backend}").exists():
        pytest.skip("the PostgreSQL server runs on another host: its processes cannot be paused")
    return backend


@contextmanager
def with_options(**options):
    """Reconnect with other connection OPTIONS (short timeouts keep the test to seconds)."""
    saved = connection.settings_dict["OPTIONS"]
    connection.close()
    connection.settings_dict["OPTIONS"] = {**saved, **options}
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["OPTIONS"] = saved


def assert_dutch_503(response):
    assert response.status_code == 503
    text = response.content.decode()
    assert "De databank is overbelast of niet bereikbaar" in text
    assert "niet bewaard" in text


@pytest.mark.django_db(transaction=True)
def test_a_lock_held_by_a_paused_backend_ends_in_the_503_page(local_postgres):
    # Another session (a stuck job, a migration) locks the page table, then its server process
    # stops answering: without a statement timeout every request waits for it, for ever.
    params = connection.get_connection_params()
    with psycopg.connect(**params) as other:
        other.execute("LOCK TABLE wagtailcore_page IN ACCESS EXCLUSIVE MODE")
        other_backend = other.info.backend_pid
        with paused(other_backend), with_options(options="-c statement_timeout=1000"):
            # Finding the site for "/" reads the page table.
            response = Client(raise_request_exception=False).get("/")
        other.rollback()
    assert_dutch_503(response)
    # And the site is back once the lock is gone.
    assert Client().get("/health/ready/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_paused_postmaster_ends_in_the_503_page(local_postgres):
    # The postmaster accepts new connections; paused, a connection attempt waits for ever
    # without a connect timeout (running backends go on, so only new connections hang).
    postmaster = parent_pid(local_postgres)
    with with_options(connect_timeout=2), paused(postmaster):
        response = Client(raise_request_exception=False).get("/")
    assert_dutch_503(response)
    assert Client().get("/health/ready/").status_code == 200
