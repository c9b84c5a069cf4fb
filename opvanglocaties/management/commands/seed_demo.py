"""Fill an empty database with the demo regions, or N fiches over Flanders for benchmarks."""

import logging
import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count

from home import demo as home_demo

from ...demo import builder
from ...models import LocationPage, Organiser


def refresh_statistics():
    """Let the database's query planner see the tables as they are after a bulk load.

    Without statistics SQLite joins the full-text index the wrong way round: a text search
    over 8,000 fiches took a second per query instead of milliseconds. PostgreSQL's
    autovacuum would get there later; ANALYZE gets there now.
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


class Command(BaseCommand):
    help = "Load demo data: the Gent and Antwerpen-Mechelen-Turnhout regions and demo accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--locations",
            type=int,
            default=0,
            help="Instead of the demo regions, create N fiches spread over all Flemish "
            "municipalities (8000 is about Flanders' real number).",
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed.")
        parser.add_argument(
            "--force", action="store_true", help="Run even when DEBUG is off (never in production)."
        )

    def handle(self, *args, locations, seed, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo accounts have the password 'demo': refusing without DEBUG.")
        if locations < 0:
            raise CommandError("--locations must be a positive number.")
        # Wagtail logs every page it creates and publishes: hundreds of lines of noise here.
        wagtail_logger = logging.getLogger("wagtail")
        level = wagtail_logger.level
        wagtail_logger.setLevel(logging.WARNING)
        try:
            self.seed(random.Random(seed), locations)
            if not locations:  # idempotent: fills in what a region's website still lacks
                home_demo.seed_home_content(stdout=self.stdout)
            refresh_statistics()
        finally:
            wagtail_logger.setLevel(level)

    def seed(self, rng, locations):
        """The demo regions and accounts, or `locations` fiches over Flanders."""
        if locations:
            builder.seed_flanders(rng, locations, stdout=self.stdout)
            self.stdout.write(self.style.SUCCESS(f"Created {locations} locations."))
            return
        if LocationPage.objects.exists():
            self.stdout.write("Demo data is already there; nothing to do.")
            return
        regions, created = builder.seed_demo_regions(rng, stdout=self.stdout)
        largest = Organiser.objects.annotate(n=Count("locations")).order_by("-n", "pk").first()
        accounts = builder.create_demo_users(largest)
        self.stdout.write(
            self.style.SUCCESS(f"Created {len(created)} locations in {len(regions)} regions.")
        )
        for username, role in accounts.items():
            self.stdout.write(f"  {username} / {builder.DEMO_PASSWORD}: {role}")
        exempt = set(getattr(settings, "OPVANGPUNT_TWO_FACTOR_EXEMPT", ())) & set(accounts)
        if settings.DEBUG and exempt == set(accounts):
            self.stdout.write("  (no second factor for these accounts while DEBUG is on)")
        else:
            self.stdout.write("  (each account sets up an authenticator app at its first login)")
