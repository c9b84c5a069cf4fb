"""A background-task worker that outlives database interruptions.

django-tasks-db's `db_worker` exits on the first OperationalError: when PostgreSQL restarts
("terminating connection due to administrator command") or when the worker starts while the
database is down. Queued mail then waits until someone notices. `ReconnectingWorker` runs the
same loop and, when the database goes away, closes its connections and tries again after 1, 2,
4 ... seconds (at most `max_backoff`), until the database answers. systemd restarts the
process too (`Restart=always` in deploy/systemd/opvangpunt-worker.service), for anything else.

A task that was running when the connection broke keeps the status "running" in the task
results: running it again could send a mail twice. Mail is not lost that way: the message
stays in `QueuedEmail` until the mail server accepted it, and `send_queued_mail` retries it.
"""

import logging
import time

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands.db_worker import Worker

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)


def close_connections():
    """Drop every database connection, also broken ones, so the next query opens a new one."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except DATABASE_ERRORS:
            # Closing a connection the server already dropped can fail; it is gone either way.
            connection.connection = None


def database_answers():
    """True when a fresh connection to every configured database succeeds."""
    try:
        for connection in connections.all():
            connection.ensure_connection()
    except DATABASE_ERRORS:
        close_connections()
        return False
    return True


class ReconnectingWorker(Worker):
    """django-tasks-db's worker loop, resumed with back-off after the database went away."""

    def __init__(self, *, initial_backoff=1.0, max_backoff=60.0, **kwargs):
        super().__init__(**kwargs)
        self.initial_backoff = initial_backoff
        self.max_backoff = max_backoff

    def run(self):
        while self.running:
            try:
                return super().run()
            except DATABASE_ERRORS as error:
                # The exception's type only: its text can quote SQL with task arguments.
                logger.warning("worker lost the database (%s); reconnecting", type(error).__name__)
                close_connections()
                # The random start-up delay is for a herd of workers starting, not resuming.
                self.startup_delay = False
                self.wait_for_database()
        return None

    def wait_for_database(self):
        """Sleep with capped exponential back-off until the database answers again."""
        delay = self.initial_backoff
        attempts = 0
        while self.running:
            # SIGTERM during this sleep stops the worker at once (Worker.shutdown).
            time.sleep(delay)
            attempts += 1
            if database_answers():
                logger.warning("worker reconnected to the database after %s attempts", attempts)
                return
            delay = min(delay * 2, self.max_backoff)
            logger.warning(
                "database still unavailable after %s attempts; next attempt in %s s",
                attempts,
                delay,
            )
