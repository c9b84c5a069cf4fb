"""The status "place found elsewhere", and the data protection officer's role (issue 12)."""

from django.db import migrations, models

DATA_PROTECTION_OFFICER = "Functionaris gegevensbescherming"


def create_dpo_role(apps, schema_editor):
    # access_admin exists: 0002 created the permissions it needs before us.
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=DATA_PROTECTION_OFFICER)
    # The officer reads the access trail in the admin; no page or request permissions.
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )


def remove_dpo_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=DATA_PROTECTION_OFFICER).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("aanvraagformulier", "0002_referrer_role"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalrequestedlocation",
            name="status",
            field=models.CharField(
                choices=[
                    ("new", "new"),
                    ("no_place", "no place"),
                    ("accepted_for_review", "accepted for review"),
                    ("approved", "approved (place offered)"),
                    ("not_approved", "not approved"),
                    ("enrolled", "enrolled"),
                    ("withdrawn", "withdrawn"),
                    ("expired", "expired"),
                    ("place_elsewhere", "place found elsewhere"),
                ],
                default="new",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="requestedlocation",
            name="status",
            field=models.CharField(
                choices=[
                    ("new", "new"),
                    ("no_place", "no place"),
                    ("accepted_for_review", "accepted for review"),
                    ("approved", "approved (place offered)"),
                    ("not_approved", "not approved"),
                    ("enrolled", "enrolled"),
                    ("withdrawn", "withdrawn"),
                    ("expired", "expired"),
                    ("place_elsewhere", "place found elsewhere"),
                ],
                default="new",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(create_dpo_role, remove_dpo_role),
    ]
