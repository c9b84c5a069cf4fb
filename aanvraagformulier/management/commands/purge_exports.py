"""Delete export archives older than OPVANGPUNT_EXPORT_DAYS days (seeds 003 and 004: data
exchanged for a purpose is deleted once it served it). Idempotent: run it daily, twice, or
from two machines at once; `--dry-run` lists what it would delete."""

from django.core.management.base import BaseCommand

from aanvraagformulier.exports.services import expired, purge


class Command(BaseCommand):
    help = "Delete export files older than OPVANGPUNT_EXPORT_DAYS days."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only list what would go")

    def handle(self, *args, dry_run=False, **options):
        deleted = 0
        for export in expired().order_by("pk"):
            if dry_run:
                self.stdout.write(f"would delete export {export.pk} ({export.created_at:%Y-%m-%d})")
                continue
            deleted += purge(export)
        if not dry_run:
            self.stdout.write(f"{deleted} exports deleted")
