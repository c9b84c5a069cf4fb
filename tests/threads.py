"""Races for the PostgreSQL-only concurrency tests: one job in two threads at the same moment.

Each thread has its own database connection (closed when it ends), so the test's data must be
committed: these tests use a transactional database.
"""

import threading

from django.db import connections


def twice_at_once(job, timeout=120):
    """Run `job()` in two threads released together; returns (results, errors)."""
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(job())
        except Exception as error:  # collected: each test says which outcome it expects
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results, errors
