"""Load the curated neighbourhoods, neighbours and regions of the demo cities."""

from django.core.management.base import BaseCommand

from ...geodata import load_demo_geography


class Command(BaseCommand):
    help = "Load the curated wijken (approximate polygons), buurgemeenten and demo regions."

    def handle(self, *args, **options):
        regions = load_demo_geography()
        self.stdout.write(self.style.SUCCESS(f"Loaded {len(regions)} regions."))
