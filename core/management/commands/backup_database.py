"""Back up or restore the database with the database's own tools."""

from django.core.management.base import BaseCommand, CommandError

from ...backup import backup


class Command(BaseCommand):
    help = "Write a backup of the database to PATH (pg_dump custom format, or a SQLite copy)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            backup(path)
        except (OSError, RuntimeError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path}."))
