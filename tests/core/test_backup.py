"""A backup restores to the same data: dump the test database, restore it, compare tables."""

import sqlite3
import uuid

import pytest
from django.core.management import call_command
from django.db import connection

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
        import psycopg

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
