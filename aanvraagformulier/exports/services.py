"""Making and purging exports: the rows of each kind, the encrypted archive, the trail.

Every export goes through the visibility policy (a field the loket may not see on a row is
left empty) and writes one access record per row exported, purpose "exported", in the
transaction that made it.
"""

import csv
import datetime
import io
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from ..emergency.services import entries_for, is_due
from ..figures.common import rows_of
from ..figures.keeping import ANSWERS
from ..models import AccessPurpose, Export, ExportKind, RequestedLocation
from ..scoping import Scope
from ..trail import record_access
from ..visibility import for_row
from .archive import new_password, write_encrypted

RESEARCH_FIELDS = ("postcode", "child_birth_month", "care_plan", "priority_rules")
EMERGENCY_FIELDS = ("parent_first_name", "parent_last_name", "phone", "email")


def _csv(header, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")  # the BOM: Excel then reads UTF-8 right


def research_rows(scope, region, year):
    """(rows, csv rows): one line per requested location, the request's identity replaced
    by a random code made for this export only (seed 001: pseudonymised; the codes are
    stored nowhere, so the export cannot be linked back through the portal)."""
    first_answer = (
        RequestedLocation.history.model.objects.filter(id=OuterRef("pk"), status__in=ANSWERS)
        .order_by("history_date")
        .values("history_date")[:1]
    )
    rows = list(
        rows_of(region, year)
        .select_related("request__region", "request__municipality", "location__neighbourhood")
        .annotate(first_answer=Subquery(first_answer))
        .order_by("request_id", "preference")
    )
    codes = {}
    lines = []
    for row in rows:
        filed = row.request
        visible = for_row(scope, row)
        code = codes.setdefault(filed.pk, secrets.token_hex(5))
        wait = (row.first_answer - row.created_at).days if row.first_answer else ""
        lines.append(
            [
                code,
                filed.created_at.strftime("%Y-%m"),
                filed.postcode if "postcode" in visible else "",
                filed.municipality.nis_code if filed.municipality else "",
                filed.child_birth_date.strftime("%Y-%m") if "child_birth_month" in visible else "",
                filed.start_date.strftime("%Y-%m") if "care_plan" in visible else "",
                len(filed.care_parts) if "care_plan" in visible else "",
                " ".join(filed.priority_rule_codes) if "priority_rules" in visible else "",
                row.preference,
                row.location.neighbourhood.name
                if row.location and row.location.neighbourhood
                else "",
                row.status,
                wait,
            ]
        )
    header = [
        "code",
        "filed_month",
        "postcode",
        "municipality_nis",
        "child_birth_month",
        "start_month",
        "care_days_per_week",
        "priority_rules",
        "preference",
        "location_wijk",
        "status",
        "days_to_first_answer",
    ]
    return rows, _csv(header, lines)


def emergency_rows(scope, region):
    """(rows, csv rows): the active emergency list of `region` for the quarterly calls."""
    entries = list(
        entries_for(scope.user)
        .filter(request__region=region, removed_at__isnull=True)
        .select_related("request__region")
        .order_by("flagged_at", "pk")
    )
    first_rows = {
        row.request_id: row
        for row in RequestedLocation.objects.filter(
            request__in=[entry.request_id for entry in entries]
        )
        .select_related("request__region")
        .order_by("request_id", "-preference")
    }
    rows, lines = [], []
    for entry in entries:
        row = first_rows.get(entry.request_id)
        visible = for_row(scope, row) if row else frozenset()
        filed = entry.request
        lines.append(
            [filed.reference]
            + [getattr(filed, name) if name in visible else "" for name in EMERGENCY_FIELDS]
            + [
                entry.reason,
                entry.last_contact.isoformat() if entry.last_contact else "",
                "yes" if is_due(entry) else "no",
            ]
        )
        if row:
            rows.append(row)
    header = ["reference", *EMERGENCY_FIELDS, "reason", "last_contact", "contact_due"]
    return rows, _csv(header, lines)


def export_dir():
    folder = settings.OPVANGPUNT_EXPORT_DIR
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


@transaction.atomic
def make_export(user, region, kind, year=None):
    """Write the export as an encrypted archive; returns (Export, password). The password
    is returned once and stored nowhere."""
    scope = Scope(user)
    if kind == ExportKind.RESEARCH:
        rows, data = research_rows(scope, region, year)
        shown = RESEARCH_FIELDS
        inner = f"onderzoek-{region.slug}-{year}.csv"
    else:
        rows, data = emergency_rows(scope, region)
        shown = EMERGENCY_FIELDS
        inner = f"noodlijst-{region.slug}-{timezone.localdate():%Y%m%d}.csv"
    password = new_password()
    filename = f"{secrets.token_urlsafe(16)}.zip"
    write_encrypted(export_dir() / filename, {inner: data}, password)
    export = Export.objects.create(
        kind=kind, region=region, year=year, created_by=user, filename=filename, rows=len(rows)
    )
    record_access(scope, rows, AccessPurpose.EXPORT, shown)
    return export, password


def expired(now=None):
    """Exports whose file is older than OPVANGPUNT_EXPORT_DAYS and not yet deleted."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.OPVANGPUNT_EXPORT_DAYS)
    return Export.objects.filter(created_at__lt=cutoff, purged_at__isnull=True)


def purge(export, now=None):
    """Delete the export's file (if still there) and mark it; safe to run twice or at once
    (the row is updated only while unmarked)."""
    if export.filename:
        (settings.OPVANGPUNT_EXPORT_DIR / export.filename).unlink(missing_ok=True)
    return Export.objects.filter(pk=export.pk, purged_at__isnull=True).update(
        purged_at=now or timezone.now(), filename=""
    )
