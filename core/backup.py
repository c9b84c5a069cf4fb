"""Backups with the database's own tools: pg_dump/pg_restore, or SQLite's online backup.

The operations guide (docs/operations.md) runs `backup_database` from a daily timer: it writes
BACKUP_DIR/opvangpunt-YYYY-MM-DD.dump, readable by the service user only (the dump holds
every parent's request), and keeps 14 daily and 12 monthly backups. tests/core/test_backup.py
dumps the test database, restores it elsewhere and compares every table.
"""

import datetime
import os
import re
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection

KEEP_DAILY = 14
KEEP_MONTHLY = 12
NAME_PATTERN = re.compile(r"^opvangpunt-(\d{4})-(\d{2})-(\d{2})\.dump$")


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
    # umask 077: pg_dump creates its file readable by this user only.
    result = subprocess.run(
        command, env=_pg_environment(), capture_output=True, text=True, timeout=3600, umask=0o077
    )
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {result.stderr.strip()}")


def backup(path):
    """Write a consistent backup of the current database to `path`, mode 0600.

    The dump is written next to `path` under a temporary name and renamed when complete, so
    a failed backup (full disk, database gone) never leaves a file that looks like a backup.
    """
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        _write(partial)
        partial.chmod(0o600)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def _write(path):
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
        # Created empty and private first: sqlite3 would create it with the umask's mode.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
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


def backup_folder(directory):
    """Create the backup folder (0700: the dumps hold personal data) when it is missing."""
    directory = Path(directory)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def dated_path(directory, day):
    """Where the backup of `day` goes: DIRECTORY/opvangpunt-YYYY-MM-DD.dump."""
    return Path(directory) / f"opvangpunt-{day:%Y-%m-%d}.dump"


def backups_in(directory):
    """{date: path} of the dated backups in `directory`; other files are never touched."""
    found = {}
    for path in Path(directory).iterdir():
        match = NAME_PATTERN.match(path.name)
        if match and path.is_file():
            try:
                found[datetime.date(*map(int, match.groups()))] = path
            except ValueError:  # "2026-02-31": not one of ours
                continue
    return found


def to_keep(days, keep_daily=KEEP_DAILY, keep_monthly=KEEP_MONTHLY):
    """The dates to keep: the newest `keep_daily`, and the first backup of each of the
    newest `keep_monthly` months (a monthly copy stays the same once its month has one).
    """
    newest_first = sorted(days, reverse=True)
    keep = set(newest_first[:keep_daily])
    first_of_month = {}
    for day in newest_first:
        first_of_month[(day.year, day.month)] = day  # oldest wins: the list runs backwards
    months = sorted(first_of_month, reverse=True)[:keep_monthly]
    keep.update(first_of_month[month] for month in months)
    return keep


def prune(directory, keep_daily=KEEP_DAILY, keep_monthly=KEEP_MONTHLY):
    """Delete the dated backups `to_keep` does not keep; returns the deleted paths."""
    backups = backups_in(directory)
    keep = to_keep(backups, keep_daily, keep_monthly)
    deleted = []
    for day, path in sorted(backups.items()):
        if day not in keep:
            path.unlink()
            deleted.append(path)
    return deleted
