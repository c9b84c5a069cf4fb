"""Compute the neighbouring-municipality relation from municipality polygons."""

from django.core.management.base import BaseCommand, CommandError

from ...geodata import compute_neighbours, read_geojson


class Command(BaseCommand):
    help = (
        "Set which municipalities share a border, from a GeoJSON FeatureCollection of "
        "municipality polygons with the property 'nis_code'."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="GeoJSON file (WGS84)")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Clear the existing neighbours of the municipalities in the file first.",
        )

    def handle(self, *args, path, replace, **options):
        try:
            pairs = compute_neighbours(read_geojson(path), replace=replace)
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"{len(pairs)} pairs of neighbouring municipalities."))
