"""The counts behind the loket's figures (`FigureCount`), kept current on every write.

Scanning a year's requests on every view of the dashboard took seconds at 100,000 requests
(bench/README.md, `figures_dashboard`). Instead each request *contributes* a handful of
counts (`contributions`): +1 in each wijk it asks a location in (per month of filing), +1 in
each wijk where it is still open, per requested location its due date, its first answer
(days waited, in time or not) and its border crossing. A write that can change a request's
contribution computes it before and after, in the write's own transaction, and adds the
difference (`apply_difference`: one `INSERT ... ON CONFLICT DO UPDATE SET count = count +
excluded.count`, so two writes at once both count). `rebuild` recomputes every count from
the rows (the `rebuild_figures` command, the migration that made the table, the bench after
its bulk inserts) and, with `dry_run`, says how many counts are off.

The contribution is defined by the same columns as the row-scanning reference
(figures/reference.py, which the tests compare with): the request's region and filing month,
the fiche's wijk and municipality as they are now, the history's first answer. When one of
those dimensions changes under many requests at once (a fiche moves to another wijk, a wijk
or municipality is renamed, a region gains a municipality, a fiche is deleted), the regions
concerned are rebuilt (figures/signals.py): rare administrative changes, a few seconds each
at 100,000 requests.
"""

import datetime
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass

from django.apps import apps as django_apps
from django.db import connection, transaction
from django.db.models import Exists, Max, Min, OuterRef
from django.utils import timezone

from ..models import OPEN_STATUSES, ChildcareRequest, FigureKind, RequestStatus

# A location's decision on a row: the statuses that answer the parent (not the parent's own
# withdrawal, an expiry or a place found elsewhere).
ANSWERS = (
    RequestStatus.NO_PLACE,
    RequestStatus.ACCEPTED_FOR_REVIEW,
    RequestStatus.APPROVED,
    RequestStatus.NOT_APPROVED,
    RequestStatus.ENROLLED,
)
# The requests whose contribution is computed in one go (three queries per batch).
BATCH = 2000
# Rows per INSERT (8 parameters each, well under SQLite's 32,766).
INSERT_CHUNK = 1000
KEY_FIELDS = ("region_id", "kind", "year", "month", "label", "other", "number")


@dataclass(frozen=True)
class Tables:
    """The models the counts are computed from: the app's own, or a migration's."""

    requests: type
    rows: type
    row_history: type
    region_municipalities: type
    counts: type

    @classmethod
    def of(cls, apps=django_apps):
        region = apps.get_model("opvanglocaties", "Region")
        return cls(
            requests=apps.get_model("aanvraagformulier", "ChildcareRequest"),
            rows=apps.get_model("aanvraagformulier", "RequestedLocation"),
            row_history=apps.get_model("aanvraagformulier", "HistoricalRequestedLocation"),
            region_municipalities=region.municipalities.through,
            counts=apps.get_model("aanvraagformulier", "FigureCount"),
        )


def lock_requests(request_ids):
    """Lock these requests for the transaction (PostgreSQL; SQLite serialises writers).

    The order every writer of a request keeps, to rule out deadlocks: the request first,
    then its rows. Writers that lock a row before saving it (a location's decision, the
    parent's answer to an offer) call this first, since saving the row locks its request
    for the counts (`contributions(lock=True)`); the housekeeping locks requests, then rows.
    """
    if not connection.in_atomic_block:
        return
    list(
        ChildcareRequest.objects.select_for_update(of=("self",))
        .filter(pk__in=list(request_ids))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def utc_date(moment):
    """The date the databases give `CAST(moment AS date)`: Django's connections run in UTC."""
    return moment.astimezone(datetime.UTC).date()


def contributions(request_ids, *, tables=None, lock=False):
    """The counts these requests contribute: a Counter of key tuple (KEY_FIELDS) to count.

    Three queries whatever the number of ids (the requests, their rows, their first
    answers from the history). `lock`: lock the requests first (SELECT ... FOR UPDATE on
    PostgreSQL), so two writes to the same request (two locations deciding at once) compute
    their before and after one after the other.
    """
    tables = tables or Tables.of()
    requests = tables.requests.objects.filter(pk__in=list(request_ids), region__isnull=False)
    # Outside a transaction (a shell, a fixture) there is nothing to lock for: every write
    # path of the application runs in one (ATOMIC_REQUESTS, the services, the batches).
    if lock and connection.in_atomic_block:
        requests = requests.select_for_update(of=("self",)).order_by("pk")
    # The portal's own time zone (TIME_ZONE), whatever a request may have activated: the
    # months of a count never depend on who wrote it.
    zone = timezone.get_default_timezone()
    info = {}
    for pk, region_id, created_at, anonymised_at in requests.values_list(
        "pk", "region_id", "created_at", "anonymised_at"
    ):
        local = timezone.localtime(created_at, zone)
        info[pk] = (region_id, local.year, local.month, anonymised_at is None)
    counted = Counter()
    if not info:
        return counted
    inside = tables.region_municipalities.objects.filter(
        region_id=OuterRef("request__region_id"),
        municipality_id=OuterRef("location__municipality_id"),
    )
    rows = (
        tables.rows.objects.filter(request_id__in=list(info))
        .annotate(inside=Exists(inside))
        .values_list(
            "request_id",
            "status",
            "due_date",
            "location__neighbourhood__name",
            "request__municipality_id",
            "location__municipality_id",
            "request__municipality__name_nl",
            "location__municipality__name_nl",
            "inside",
        )
        .order_by()
    )
    wijken, open_wijken = set(), set()
    for pk, status, due, wijk, home, there, home_name, there_name, in_region in rows:
        region_id, year, month, not_anonymised = info[pk]
        wijk = wijk or ""
        wijken.add((pk, wijk))
        if not_anonymised and status in OPEN_STATUSES:
            open_wijken.add((pk, wijk))
        counted[region_id, FigureKind.DUE.value, year, 0, "", "", due.toordinal()] += 1
        if home is not None and there is not None and home != there:
            crossing = 0 if in_region else 1
            counted[region_id, FigureKind.FLOW.value, year, 0, home_name, there_name, crossing] += 1
    for pk, wijk in wijken:
        region_id, year, month, _open = info[pk]
        counted[region_id, FigureKind.REQUESTS.value, year, month, wijk, "", 0] += 1
    for pk, wijk in open_wijken:
        counted[info[pk][0], FigureKind.DEMAND.value, 0, 0, wijk, "", 0] += 1
    # The first answer of each row: its history's earliest version at an answering status,
    # with the filing time and due date those versions carry (as the reference reads them).
    answered = (
        tables.row_history.objects.filter(request_id__in=list(info), status__in=ANSWERS)
        .values("id")
        .annotate(
            request=Max("request_id"),
            first_answer=Min("history_date"),
            filed=Min("created_at"),
            due=Max("due_date"),
        )
        .values_list("request", "first_answer", "filed", "due")
        .order_by()
    )
    for pk, first_answer, filed, due in answered:
        region_id, year, _month, _open = info[pk]
        days = (first_answer - filed).days
        counted[region_id, FigureKind.WAIT.value, year, 0, "", "", days] += 1
        counted[region_id, FigureKind.ANSWERED_DUE.value, year, 0, "", "", due.toordinal()] += 1
        if due >= utc_date(first_answer):
            counted[region_id, FigureKind.IN_TIME.value, year, 0, "", "", 0] += 1
    return counted


def difference(before, after):
    """{key: change} for the keys whose count changed."""
    return {
        key: after.get(key, 0) - before.get(key, 0)
        for key in before.keys() | after.keys()
        if after.get(key, 0) != before.get(key, 0)
    }


def apply_difference(changes, *, tables=None, using=None):
    """Add each change to its count, creating the count when missing: one statement per
    1,000 keys, in key order (two transactions lock shared keys in the same order)."""
    if not changes:
        return
    tables = tables or Tables.of()
    db = using or connection
    quote = db.ops.quote_name
    table = quote(tables.counts._meta.db_table)
    columns = [tables.counts._meta.get_field(name).column for name in KEY_FIELDS]
    names = ", ".join(quote(column) for column in [*columns, "count"])
    conflict = ", ".join(quote(column) for column in columns)
    count = quote("count")
    items = sorted(changes.items(), key=lambda item: tuple(str(part) for part in item[0]))
    with db.cursor() as cursor:
        for start in range(0, len(items), INSERT_CHUNK):
            chunk = items[start : start + INSERT_CHUNK]
            values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s)"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES {values} "
                f"ON CONFLICT ({conflict}) DO UPDATE SET {count} = {table}.{count} + "
                f"excluded.{count}",
                [part for key, change in chunk for part in (*key, change)],
            )


@contextmanager
def keeping(request_ids, *, fresh=False):
    """Keep the counts of these requests current across the writes in the block (which must
    run in a transaction: the counts change in the same one). `fresh`: the requests were
    made in this transaction and count nothing yet (three queries saved)."""
    ids = list(request_ids)
    before = Counter() if fresh else contributions(ids, lock=True)
    yield
    apply_difference(difference(before, contributions(ids)))


def recount(region_ids=None, *, tables=None):
    """Every count of these regions (None: all), computed from the requests in batches."""
    tables = tables or Tables.of()
    requests = tables.requests.objects.filter(region__isnull=False)
    if region_ids is not None:
        requests = requests.filter(region_id__in=list(region_ids))
    ids = list(requests.order_by("pk").values_list("pk", flat=True))
    counted = Counter()
    for start in range(0, len(ids), BATCH):
        counted.update(contributions(ids[start : start + BATCH], tables=tables))
    return counted


def stored(region_ids=None, *, tables=None):
    """The counts as the table holds them (zeros left out)."""
    tables = tables or Tables.of()
    counts = tables.counts.objects.exclude(count=0)
    if region_ids is not None:
        counts = counts.filter(region_id__in=list(region_ids))
    return Counter(
        {tuple(values[:-1]): values[-1] for values in counts.values_list(*KEY_FIELDS, "count")}
    )


def rebuild(region_ids=None, *, tables=None, dry_run=False):
    """Recompute the counts of these regions (None: all) from the requests and replace the
    stored ones; returns how many counts were off (0: nothing to do). Idempotent. `dry_run`
    only counts. Run it while nothing writes requests (a write between the recount and the
    replacement would be lost until the next rebuild)."""
    tables = tables or Tables.of()
    with transaction.atomic():
        counted = recount(region_ids, tables=tables)
        off = len(difference(stored(region_ids, tables=tables), counted))
        if dry_run or not off:
            return off
        doomed = tables.counts.objects.all()
        if region_ids is not None:
            doomed = doomed.filter(region_id__in=list(region_ids))
        doomed.delete()
        tables.counts.objects.bulk_create(
            (
                tables.counts(**dict(zip(KEY_FIELDS, key, strict=True)), count=value)
                for key, value in counted.items()
            ),
            batch_size=INSERT_CHUNK,
        )
    return off
