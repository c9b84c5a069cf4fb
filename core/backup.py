"""Backups with the database's own tools: pg_dump/pg_restore, or SQLite's online backup.

The operations guide (docs/operations.md) runs these from a timer; tests/core/test_backup.py
dumps the test database, restores it elsewhere and compares every table.
"""

import os
import sqlite3
import subprocess

from django.db import connection


def _pg_environment():
    settings = connection.settings_dict
    environment = dict(os.environ)
    environment.update(
        {
            "PGHOST": str(settings.get("HOST") or ""),
            "PGPORT": str(settings.get("PORT") or ""),
            "PGUSER": str(settings.get("USER") or ""),
            "PGPASSWORD": str(settings.get("PASSWORD") or ""),
        }
    )
    return environment


def _run(command):
    result = subprocess.run(
        command, env=_pg_environment(), capture_output=True, text=True, timeout=3600
    )
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {result.stderr.strip()}")


def backup(path):
    """Write a consistent backup of the current database to `path`."""
    if connection.vendor == "postgresql":
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--file",
                str(path),
                connection.settings_dict["NAME"],
            ]
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            # The online backup API copies a consistent snapshot, also of a live database.
            connection.connection.backup(target)
    else:
        raise RuntimeError(f"No backup method for {connection.vendor}.")


def restore(path, into):
    """Restore a backup into `into`: an empty PostgreSQL database, or a SQLite file path."""
    if connection.vendor == "postgresql":
        _run(["pg_restore", "--no-owner", "--exit-on-error", "--dbname", into, str(path)])
    elif connection.vendor == "sqlite":
        with sqlite3.connect(path) as source, sqlite3.connect(into) as target:
            source.backup(target)
    else:
        raise RuntimeError(f"No restore method for {connection.vendor}.")
