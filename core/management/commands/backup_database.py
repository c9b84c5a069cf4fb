"""Back up the database with its own tools; without a path, the daily dated backup."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ...backup import KEEP_DAILY, KEEP_MONTHLY, backup, backup_folder, dated_path, prune


class Command(BaseCommand):
    help = (
        "Write a backup of the database (pg_dump custom format, or a SQLite copy), mode 0600. "
        "Without PATH: BACKUP_DIR/opvangpunt-YYYY-MM-DD.dump, then delete older backups there "
        "beyond 14 daily and 12 monthly ones."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="write here instead (nothing is pruned)")
        parser.add_argument("--keep-daily", type=int, default=KEEP_DAILY)
        parser.add_argument("--keep-monthly", type=int, default=KEEP_MONTHLY)

    def handle(self, *args, path, keep_daily, keep_monthly, **options):
        directory = None
        if path is None:
            directory = settings.BACKUP_DIR
            path = dated_path(directory, timezone.localdate())
        try:
            if directory is not None:
                backup_folder(directory)
            backup(path)
            deleted = prune(directory, keep_daily, keep_monthly) if directory else []
        except (OSError, RuntimeError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path}."))
        if deleted:
            names = ", ".join(item.name for item in deleted)
            self.stdout.write(f"Deleted {len(deleted)} older backups: {names}.")
