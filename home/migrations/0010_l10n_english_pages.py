"""English pages: the English content locale, and translating for the content editors.

Wagtail creates the default locale (Dutch, LANGUAGE_CODE); the English one is made here so that
editors can translate pages from the first day. Communication staff and the final editors may
send a page for translation (wagtail-localize's permission); what they may then edit and
publish in the English copy follows their rights on its section (home.signals).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TRANSLATORS = ("Communicatie", "Eindredactie")


def english_and_translators(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in ("nl", "en"):
        Locale.objects.get_or_create(language_code=code)

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    submit = Permission.objects.get(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    )
    for group in Group.objects.filter(name__in=TRANSLATORS):
        group.permissions.add(submit)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0009_review_workflow_per_region"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(english_and_translators, migrations.RunPython.noop)]
