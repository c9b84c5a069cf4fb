"""The mail queue, moved here from the project package (app label `portal`).

Databases migrated before the move already have the table `portal_queuedemail`; the model
keeps that table name, so this migration only creates it where it is missing and hands the
content type over to the new app.
"""

import django.utils.timezone
from django.db import migrations, models

TABLE = "portal_queuedemail"


def create_table_if_missing(apps, schema_editor):
    if TABLE not in schema_editor.connection.introspection.table_names():
        schema_editor.create_model(apps.get_model("core", "QueuedEmail"))
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="core", model="queuedemail").exists():
        ContentType.objects.filter(app_label="portal", model="queuedemail").update(
            app_label="core"
        )


def drop_table(apps, schema_editor):
    schema_editor.delete_model(apps.get_model("core", "QueuedEmail"))


class Migration(migrations.Migration):
    initial = True

    dependencies = [("contenttypes", "0002_remove_content_type_name")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="QueuedEmail",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("message", models.JSONField()),
                        ("attempts", models.PositiveSmallIntegerField(default=0)),
                        (
                            "next_attempt_at",
                            models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                        ),
                        ("last_error", models.CharField(blank=True, max_length=100)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                    ],
                    options={"ordering": ["next_attempt_at"], "db_table": TABLE},
                ),
            ],
        ),
        # After the state operation, so that the historical model exists for create_model.
        migrations.RunPython(create_table_if_missing, drop_table),
    ]
