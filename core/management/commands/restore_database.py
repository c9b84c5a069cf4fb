"""Restore a backup made by backup_database into an empty database."""

from django.core.management.base import BaseCommand, CommandError

from ...backup import restore


class Command(BaseCommand):
    help = (
        "Restore PATH into the database named by --into (PostgreSQL: an existing empty "
        "database; SQLite: a file path)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--into", required=True)

    def handle(self, *args, path, into, **options):
        try:
            restore(path, into)
        except (OSError, RuntimeError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored {path} into {into}."))
