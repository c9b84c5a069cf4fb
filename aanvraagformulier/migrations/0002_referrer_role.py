"""The referrer role (Toeleider), and the decree's priority rules for existing regions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REFERRER = "Toeleider"


def create_referrer_role(apps, schema_editor):
    # Permissions are normally created after all migrations ran (see opvanglocaties 0003).
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=REFERRER)
    # A referrer logs in (through the admin's login page) and files on the public form.
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    # Regions that existed before the request form ask the decree's rules by default; the
    # loket changes the list per region.
    Region = apps.get_model("opvanglocaties", "Region")
    PriorityRule = apps.get_model("opvanglocaties", "PriorityRule")
    rules = list(PriorityRule.objects.all())
    for region in Region.objects.all():
        region.request_priority_rules.add(*rules)


def remove_referrer_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=REFERRER).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("aanvraagformulier", "0001_initial"),
        ("opvanglocaties", "0009_region_request_rules"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_referrer_role, remove_referrer_role)]
