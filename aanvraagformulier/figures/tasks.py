"""Recounting a region's figures outside the request that changed a dimension under them (a
fiche moved to another wijk, a wijk or municipality renamed, a region's municipalities
changed): a few seconds to a minute at 100,000 requests, too long to make an editor wait."""

from functools import partial

from django.db import transaction
from django_tasks import task

from .keeping import rebuild


@task()
def rebuild_regions(region_ids):
    """The task: recount these regions' figures from their requests."""
    rebuild(region_ids)


def rebuild_after_commit(region_ids):
    """Queue the recount once the change is committed (the task reads committed rows); with
    the immediate backend (development, tests) it runs at the commit itself."""
    ids = sorted(region_ids)
    if ids:
        transaction.on_commit(partial(rebuild_regions.enqueue, ids), robust=True)
