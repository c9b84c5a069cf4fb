"""A SQLite database runs in write-ahead-log mode with synchronous=NORMAL (docs/operations.md
"SQLite"), and the bench measures the same options the portal runs with."""

import importlib
import os

from django.db.utils import ConnectionHandler

from portal.settings.base import SQLITE_INIT_COMMAND, database_options

SQLITE = "django.db.backends.sqlite3"


def test_a_sqlite_file_opened_by_django_uses_the_write_ahead_log(tmp_path):
    database = {"ENGINE": SQLITE, "NAME": str(tmp_path / "portal.sqlite3")}
    database["OPTIONS"] = database_options(database)
    wrapper = ConnectionHandler({"default": database})["default"]
    # Django's backend opening the file (as every connection does), without the test
    # database pytest-django guards.
    connection = wrapper.get_new_connection(wrapper.get_connection_params())
    try:
        journal = connection.execute("PRAGMA journal_mode").fetchone()[0]
        synchronous = connection.execute("PRAGMA synchronous").fetchone()[0]
    finally:
        connection.close()

    assert journal == "wal"
    assert synchronous == 1  # NORMAL: the disk is synced at checkpoints, not every commit


def test_options_given_by_the_environment_win_and_postgres_gets_no_pragma():
    own = {"ENGINE": SQLITE, "NAME": "x", "OPTIONS": {"init_command": "PRAGMA foreign_keys=ON"}}
    postgres = {"ENGINE": "django.db.backends.postgresql", "NAME": "x"}

    assert database_options(own) == {"init_command": "PRAGMA foreign_keys=ON"}
    assert "init_command" not in database_options(postgres)
    assert "connect_timeout" in database_options(postgres)


def test_the_bench_runs_with_the_projects_database_options(monkeypatch):
    monkeypatch.delenv("BENCH_DATABASE_URL", raising=False)
    # bench.run sets DJANGO_SETTINGS_MODULE when imported: restored after the test.
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", os.environ["DJANGO_SETTINGS_MODULE"])
    bench_settings = importlib.import_module("bench.settings")
    bench_run = importlib.import_module("bench.run")

    assert bench_settings.DATABASES["default"]["OPTIONS"]["init_command"] == SQLITE_INIT_COMMAND
    # The submit is timed with production's task queue (the mails delivered by a worker).
    assert bench_run.PRODUCTION_TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
