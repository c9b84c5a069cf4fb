"""A backup restores to the same data: dump the test database, restore it, compare tables."""

import datetime
import sqlite3
import stat
import uuid
from io import StringIO

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from core.backup import backups_in, prune, to_keep
from core.checks import check_writable_folders
from opvanglocaties.models import LocationPage


def table_counts(cursor, tables):
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_give_back_every_row(make_location, tmp_path):
    make_location(title="Bewaard in de back-up")
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        original = table_counts(cursor, tables)
    assert original[LocationPage._meta.db_table] == 1

    dump = tmp_path / "backup.dump"
    call_command("backup_database", str(dump))

    if connection.vendor == "sqlite":
        restored_path = tmp_path / "restored.sqlite3"
        call_command("restore_database", str(dump), "--into", str(restored_path))
        with sqlite3.connect(restored_path) as restored:
            restored_counts = table_counts(restored.cursor(), tables)
            title = restored.execute(
                "SELECT title FROM wagtailcore_page ORDER BY depth DESC LIMIT 1"
            ).fetchone()
    else:
        name = f"restore_{uuid.uuid4().hex[:8]}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        try:
            call_command("restore_database", str(dump), "--into", name)
            params = connection.get_connection_params()
            params["dbname"] = name
            with psycopg.connect(**params) as restored:
                restored_counts = table_counts(restored.cursor(), tables)
                title = restored.execute(
                    "SELECT title FROM wagtailcore_page ORDER BY depth DESC LIMIT 1"
                ).fetchone()
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')

    assert restored_counts == original
    assert title == ("Bewaard in de back-up",)


@pytest.mark.django_db(transaction=True)
def test_daily_backup_creates_its_private_folder_and_file(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "var" / "backups"  # neither folder exists yet
    output = StringIO()
    call_command("backup_database", stdout=output)

    folder = settings.BACKUP_DIR
    expected = folder / f"opvangpunt-{timezone.localdate():%Y-%m-%d}.dump"
    assert [path.name for path in folder.iterdir()] == [expected.name]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    # The dump holds every request: readable by the service user only.
    assert stat.S_IMODE(expected.stat().st_mode) == 0o600
    assert expected.stat().st_size > 0
    assert str(expected) in output.getvalue()


def make_backups(folder, first, days):
    for offset in range(days):
        day = first + datetime.timedelta(days=offset)
        (folder / f"opvangpunt-{day:%Y-%m-%d}.dump").write_bytes(b"dump")


def test_pruning_keeps_14_daily_and_12_monthly_backups(tmp_path):
    # Two years of nightly backups, up to 2026-12-02, and files that are not ours.
    make_backups(tmp_path, datetime.date(2024, 12, 3), 730)
    (tmp_path / "notes.txt").write_text("keep me")
    (tmp_path / "opvangpunt-2026-02-31.dump").write_bytes(b"not a date")

    deleted = prune(tmp_path)

    kept = sorted(path.name for path in tmp_path.iterdir())
    daily = [f"opvangpunt-2026-11-{day:02d}.dump" for day in range(19, 31)] + [
        "opvangpunt-2026-12-01.dump",
        "opvangpunt-2026-12-02.dump",
    ]
    monthly = [f"opvangpunt-2026-{month:02d}-01.dump" for month in range(1, 12)]
    assert kept == sorted({*daily, *monthly, "notes.txt", "opvangpunt-2026-02-31.dump"})
    assert len(deleted) == 730 - 14 - 11  # 2026-12-01 is both daily and monthly
    # Idempotent: a second run finds nothing more to delete.
    assert prune(tmp_path) == []


def test_to_keep_with_few_backups_keeps_them_all():
    days = [datetime.date(2026, 12, 1), datetime.date(2026, 11, 15)]
    assert to_keep(days) == set(days)


@pytest.mark.django_db(transaction=True)
def test_daily_backup_prunes_older_ones(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path
    today = timezone.localdate()
    make_backups(tmp_path, today - datetime.timedelta(days=20), 20)
    every_day = [today - datetime.timedelta(days=offset) for offset in range(21)]
    output = StringIO()
    call_command("backup_database", stdout=output)
    assert set(backups_in(tmp_path)) == to_keep(every_day)
    assert today in backups_in(tmp_path)
    assert "Deleted" in output.getvalue()


def test_the_check_creates_missing_cache_and_backup_folders(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache" / "opvangpunt"),
        }
    }
    assert check_writable_folders(None) == []
    for folder in (tmp_path / "backups", tmp_path / "cache" / "opvangpunt"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_the_check_names_a_folder_it_cannot_create(settings):
    # Under a file, as /var/cache is under root for the service user: it cannot be made.
    settings.BACKUP_DIR = "/dev/null/backups"
    errors = check_writable_folders(None)
    assert [error.id for error in errors] == ["core.E001"]
    assert "BACKUP_DIR (/dev/null/backups)" in errors[0].msg
    assert "install -d -o opvangpunt" in errors[0].hint
