"""Many requests at once, for the back-office list's scale test and `make bench`.

`copy_requests(template, count)` copies one stored request `count` times with one
INSERT ... SELECT over a recursive counter (no Python object per row: 100,000 requests take
seconds, not minutes), then gives each copy one requested location, copied from the
template's first row, with statuses and due dates spread over the counter. Works on SQLite
and PostgreSQL; history tables and access records are left empty.
"""

from django.db import connection

from aanvraagformulier.models import ChildcareRequest, RequestedLocation

# Statuses the copies cycle through: mostly open rows, as a live list has.
STATUSES = ("new", "new", "accepted_for_review", "no_place", "approved", "enrolled", "withdrawn")


def _unique_columns(prefix):
    """SQL for the request's unique columns from the counter `n` (vendor-specific)."""
    if connection.vendor == "postgresql":
        return {
            "reference": f"'{prefix}' || lpad(n::text, 8, '0')",
            "idempotency_token": f"'{prefix}-bulk-' || n::text",
            "access_key": f"md5('{prefix}' || n::text)::uuid",
        }
    return {
        "reference": f"printf('{prefix}%%08d', n)",
        "idempotency_token": f"'{prefix}-bulk-' || n",
        "access_key": "lower(hex(randomblob(16)))",
    }


def copy_requests(template, count, prefix="Z"):
    """Add `count` copies of request `template` (with one row each); returns the new ids'
    range as (first, last). `prefix` (one letter) keeps references unique across calls."""
    unique = _unique_columns(prefix)
    fields = [f for f in ChildcareRequest._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    values = ", ".join(
        unique.get(f.column, f"t.{connection.ops.quote_name(f.column)}") for f in fields
    )
    table = connection.ops.quote_name(ChildcareRequest._meta.db_table)
    rows_table = connection.ops.quote_name(RequestedLocation._meta.db_table)
    row = template.locations.order_by("preference").first()
    status_case = " ".join(f"WHEN {i} THEN '{status}'" for i, status in enumerate(STATUSES))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        (before,) = cursor.fetchone()
        cursor.execute(
            f"WITH RECURSIVE counter(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM counter "
            f"WHERE n < %s) INSERT INTO {table} ({columns}) SELECT {values} "
            f"FROM counter, {table} t WHERE t.id = %s",
            [count, template.pk],
        )
        # Due dates spread over six weeks around the template's, so "overdue" and "due
        # soon" both hold a share of the rows.
        if connection.vendor == "postgresql":
            due = "r.due_date + ((c.id %% 42) - 21)::integer"
        else:
            due = "date(r.due_date, ((c.id %% 42) - 21) || ' days')"
        # Every other column copied from the template's row, so new fields need no change here.
        overrides = {
            "request_id": "c.id",
            "preference": "1",
            "status": f"CASE c.id %% {len(STATUSES)} {status_case} END",
            "due_date": due,
            "created_at": "c.created_at",
        }
        row_fields = [f for f in RequestedLocation._meta.concrete_fields if not f.primary_key]
        row_columns = ", ".join(connection.ops.quote_name(f.column) for f in row_fields)
        row_values = ", ".join(
            overrides.get(f.column, f"r.{connection.ops.quote_name(f.column)}") for f in row_fields
        )
        cursor.execute(
            f"INSERT INTO {rows_table} ({row_columns}) SELECT {row_values} "
            f"FROM {table} c, {rows_table} r WHERE c.id > %s AND r.id = %s",
            [before, row.pk],
        )
        cursor.execute(f"SELECT MAX(id) FROM {table}")
        (last,) = cursor.fetchone()
        if connection.vendor == "postgresql":
            # PostgreSQL plans from statistics that autovacuum refreshes only after a commit;
            # after a bulk load inside a transaction they still describe the table before it,
            # and a nested loop planned for one row can run past the statement timeout. The
            # PostgreSQL manual's advice after a bulk load: ANALYZE (allowed in a transaction,
            # and it counts the transaction's own new rows).
            cursor.execute(f"ANALYZE {table}, {rows_table}")
    return before + 1, last
