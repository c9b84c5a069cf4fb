"""Writing and reading the access trail (models.AccessRecord)."""

from .models import AccessRecord
from .scoping import Viewer
from .visibility import for_row, ordered


def record_access(scope, rows, purpose, shown=None):
    """Record that the scope's user was shown `rows` for `purpose`, in one insert.

    The fields recorded per row are those the policy lets the user see, limited to `shown`
    (the fields the view actually displays; None: all it may see). Rows showing no personal
    field leave no record. Runs in the caller's transaction (ATOMIC_REQUESTS): the record
    and the response stand or fall together. Rows need `request` loaded.
    """
    user = scope.user
    records = []
    for row in rows:
        fields = for_row(scope, row)
        if shown is not None:
            fields = fields & frozenset(shown)
        if not fields:
            continue
        records.append(
            AccessRecord(
                user=user,
                username=user.get_username(),
                viewer=scope.viewer(row),
                request_id=row.request_id,
                row=row,
                location_title=row.location_title,
                fields=ordered(fields),
                purpose=purpose,
            )
        )
    AccessRecord.objects.bulk_create(records)
    return records


def trail_for_parent(filed):
    """Who saw the request's data and when, as the parent's page shows it: newest first."""
    return list(
        AccessRecord.objects.filter(request=filed)
        .exclude(viewer=Viewer.DATA_PROTECTION_OFFICER)
        .only("viewer", "location_title", "accessed_at", "purpose", "fields")
        .order_by("-accessed_at", "-pk")[:200]
    )
