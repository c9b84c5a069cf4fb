"""Import neighbourhood (wijk) polygons from a GeoJSON FeatureCollection."""

from django.core.management.base import BaseCommand, CommandError

from ...geodata import import_neighbourhoods, read_geojson


class Command(BaseCommand):
    help = (
        "Create or update neighbourhoods from GeoJSON; each feature needs the properties "
        "'municipality' (NIS code) and 'name', optionally 'postcode'."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="GeoJSON file (WGS84)")

    def handle(self, *args, path, **options):
        try:
            count = import_neighbourhoods(read_geojson(path))
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Imported {count} neighbourhoods."))
