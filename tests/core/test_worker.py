"""The task worker survives database interruptions (issue 16, item 1).

Both tests run the real `run_worker` command in a separate process against a real database
that goes away: on SQLite the database file is missing when the worker starts; on PostgreSQL
the server is stopped and started, and restarted under the worker (what `db_worker` died of:
"terminating connection due to administrator command").
"""

import os
import shlex
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from core.backup import backup
from core.mail import deliver_queued_email
from core.models import QueuedEmail

ROOT = Path(__file__).resolve().parents[2]
DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ADDRESS = "ouder.worker@voorbeeld.example"

pytestmark = pytest.mark.django_db(transaction=True)


def queue_mail(settings):
    """A queued message and its delivery task in the database queue, as a request leaves it."""
    settings.TASKS = DATABASE_BACKEND
    queued = QueuedEmail.objects.create(
        message={
            "subject": "Je aanvraag",
            "body": "Tekst",
            "from_email": "noreply@voorbeeld.example",
            "to": [ADDRESS],
            "cc": [],
            "bcc": [],
            "reply_to": [],
            "headers": {},
            "alternatives": [],
        }
    )
    return queued, deliver_queued_email.enqueue(queued.pk)


class WorkerProcess:
    """`run_worker` in a child process, its output collected line by line as it comes."""

    def __init__(self, database_url):
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": database_url,
            "TASKS_BACKEND": "database",
            "DATABASE_CONN_MAX_AGE": "0",
            "PYTHONUNBUFFERED": "1",
        }
        command = [sys.executable, "manage.py", "run_worker", "--interval", "0.2"]
        command += ["--max-backoff", "1", "--no-startup-delay", "--no-reload"]
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self):
        return "".join(self.lines)

    def running(self):
        return self.process.poll() is None

    def wait_for(self, condition, seconds=90):
        """Poll `condition` until it holds; bounded, so a broken worker fails the test."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if not self.running():
                self.reader.join(5)
                pytest.fail(f"the worker exited:\n{self.output}")
            if condition():
                return
            time.sleep(0.2)
        pytest.fail(f"condition not reached in time; the worker said:\n{self.output}")

    def wait_for_output(self, text):
        self.wait_for(lambda: text in self.output)

    def stop(self):
        """SIGTERM, as systemd stops it; returns the exit code."""
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=30)
        self.reader.join(5)
        return code


def test_worker_started_while_the_sqlite_database_is_missing_waits_for_it(settings, tmp_path):
    queued, result = queue_mail(settings)
    # The database appears only after the worker started: until then every connection fails.
    database = tmp_path / "not-yet" / "db.sqlite3"
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite variant; PostgreSQL has its own test below")
    worker = WorkerProcess(f"sqlite:///{database}")
    try:
        worker.wait_for_output("database still unavailable after 2 attempts")
        database.parent.mkdir()
        backup(database)  # the test database, with the queued mail and its task
        with sqlite3.connect(database) as db:

            def delivered():
                status = db.execute(
                    "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = ?",
                    [str(result.id).replace("-", "")],
                ).fetchone()
                remaining = db.execute(
                    "SELECT COUNT(*) FROM portal_queuedemail WHERE id = ?", [queued.pk]
                ).fetchone()[0]
                return status == ("SUCCESSFUL",) and remaining == 0

            worker.wait_for(delivered)
    finally:
        code = worker.stop()
    assert code == 0
    assert "reconnected" in worker.output
    assert ADDRESS not in worker.output


class PostgresServer:
    """The throw-away PostgreSQL cluster .ci/run starts, controlled through pg_ctl."""

    def __init__(self, data, bin_dir):
        self.data, self.pg_ctl = data, str(Path(bin_dir) / "pg_ctl")
        # The options the server was started with (port, socket folder, listen address).
        options = shlex.split(Path(data, "postmaster.opts").read_text())[1:]
        self.options = shlex.join(_without_data_dir(options))

    def _run(self, *args):
        command = [self.pg_ctl, "-D", self.data, "-w", *args]
        if os.geteuid() == 0:
            # The cluster belongs to the postgres user; pg_ctl refuses to run as root.
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def stop(self):
        self._run("-m", "fast", "stop")

    def start(self):
        self._run("-o", self.options, "-l", str(Path(self.data, "server.log")), "start")

    def restart(self):
        self._run("-m", "fast", "-l", str(Path(self.data, "server.log")), "restart")


def _without_data_dir(options):
    kept, skip = [], False
    for option in options:
        if skip:
            skip = False
        elif option == "-D":
            skip = True
        else:
            kept.append(option)
    return kept


@pytest.fixture
def postgres_server():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL), which the test can stop and start")
    data, bin_dir = os.environ.get("OPVANGPUNT_PG_DATA"), os.environ.get("OPVANGPUNT_PG_BIN")
    if not data or not bin_dir:
        pytest.skip(
            "needs OPVANGPUNT_PG_DATA and OPVANGPUNT_PG_BIN naming the test cluster (.ci/run "
            "exports them) to stop and start the server"
        )
    server = PostgresServer(data, bin_dir)
    yield server
    if not Path(data, "postmaster.pid").exists():  # a failed test must not leave it stopped
        server.start()
    connection.close()


def _database_url():
    params = connection.settings_dict
    return (
        f"postgres://{params['USER']}:{params['PASSWORD'] or ''}@{params['HOST']}:{params['PORT']}"
        f"/{params['NAME']}"
    )


def _delivered(queued):
    def check():
        connection.close()  # a fresh connection each time: the server may have restarted
        return not QueuedEmail.objects.filter(pk=queued.pk).exists()

    return check


def test_worker_survives_postgresql_stopping_starting_and_restarting(settings, postgres_server):
    database_url = _database_url()
    connection.close()
    postgres_server.stop()
    worker = WorkerProcess(database_url)
    try:
        # Started while the server is down: db_worker exited after 2.7 s here.
        worker.wait_for_output("database still unavailable after 2 attempts")
        postgres_server.start()
        first, _ = queue_mail(settings)
        worker.wait_for(_delivered(first))

        # A restart under a running worker terminates its connection. Whether the worker
        # notices it as a lost database (and logs "reconnected") or Django's connection health
        # check replaces the connection first depends on where in its loop the restart lands;
        # either way it must go on delivering (django-tasks-db's db_worker exited here).
        postgres_server.restart()
        connection.close()
        second, _ = queue_mail(settings)
        worker.wait_for(_delivered(second))
        assert worker.running()
    finally:
        code = worker.stop()
    assert code == 0
    assert ADDRESS not in worker.output
