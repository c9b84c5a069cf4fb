from django.db import migrations, models
from django.utils.text import slugify


def fill_slugs(apps, schema_editor):
    Municipality = apps.get_model("opvanglocaties", "Municipality")
    for municipality in Municipality.objects.all():
        municipality.slug = slugify(municipality.name_nl)
        municipality.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("opvanglocaties", "0005_organiser_folders")]

    operations = [
        migrations.AddField(
            model_name="municipality",
            name="slug",
            # No index yet: on PostgreSQL the unique constraint below brings its own "_like"
            # index, and a second one of the same name from db_index would clash.
            field=models.SlugField(max_length=100, null=True, db_index=False, verbose_name="slug"),
        ),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="municipality",
            name="slug",
            field=models.SlugField(max_length=100, unique=True, verbose_name="slug"),
        ),
    ]
