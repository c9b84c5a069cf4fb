"""Recompute the loket's figure counts (`FigureCount`) from the requests.

The counts are kept current by every write (aanvraagformulier/figures/keeping.py); this
command is for when rows changed behind the application's back: a restore of an older
backup, a bulk import or an UPDATE by hand, the bench's generated requests. Idempotent: a
second run finds nothing off. `--dry-run` only says how many counts are off (0: the figures
are right). Run it while nobody files or decides requests (docs/operations.md).
"""

from django.core.management.base import BaseCommand

from aanvraagformulier.figures.keeping import rebuild
from opvanglocaties.models import Region


class Command(BaseCommand):
    help = "Recompute the loket's figure counts from the requests (all regions or some)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--region", action="append", default=[], help="a region's slug (repeatable)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="only count the figures that are off"
        )

    def handle(self, *args, region, dry_run, **options):
        regions = None
        if region:
            regions = list(Region.objects.filter(slug__in=region).values_list("pk", flat=True))
            if len(regions) != len(set(region)):
                self.stderr.write("Unknown region slug.")
                raise SystemExit(2)
        off = rebuild(regions, dry_run=dry_run)
        if dry_run:
            self.stdout.write(f"{off} figure counts are off")
        else:
            self.stdout.write(f"{off} figure counts corrected")
