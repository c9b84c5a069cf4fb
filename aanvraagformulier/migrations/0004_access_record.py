import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("aanvraagformulier", "0003_place_elsewhere_dpo_role"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AccessRecord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("username", models.CharField(max_length=150, verbose_name="staff username")),
                ("viewer", models.CharField(max_length=10, verbose_name="seen as")),
                ("location_title", models.CharField(max_length=255, verbose_name="location name")),
                ("fields", models.JSONField(default=list, verbose_name="fields shown")),
                (
                    "purpose",
                    models.CharField(
                        choices=[
                            ("list", "shown in a list"),
                            ("view", "opened"),
                            ("export", "exported"),
                            ("email", "sent by email"),
                            ("support", "support by the loket"),
                        ],
                        max_length=10,
                        verbose_name="purpose",
                    ),
                ),
                (
                    "accessed_at",
                    models.DateTimeField(
                        auto_now_add=True, db_index=True, verbose_name="accessed on"
                    ),
                ),
                (
                    "request",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="accesses",
                        to="aanvraagformulier.childcarerequest",
                        verbose_name="request",
                    ),
                ),
                (
                    "row",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="accesses",
                        to="aanvraagformulier.requestedlocation",
                        verbose_name="requested location",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="request_accesses",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="staff account",
                    ),
                ),
            ],
            options={
                "verbose_name": "access record",
                "verbose_name_plural": "access records",
                "ordering": ["-accessed_at", "-pk"],
                "indexes": [
                    models.Index(fields=["request", "-accessed_at"], name="access_by_request")
                ],
            },
        ),
    ]
