"""Create the role groups and the priority rules of the Flemish childcare decree."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "Loket": [
        ("wagtailadmin", "access_admin"),
        ("opvanglocaties", "add_organiser"),
        ("opvanglocaties", "change_organiser"),
        ("opvanglocaties", "delete_organiser"),
        ("opvanglocaties", "view_organiser"),
        ("opvanglocaties", "change_licence_fields"),
        ("opvanglocaties", "view_municipality"),
        ("opvanglocaties", "change_municipality"),
        ("opvanglocaties", "add_neighbourhood"),
        ("opvanglocaties", "change_neighbourhood"),
        ("opvanglocaties", "delete_neighbourhood"),
        ("opvanglocaties", "view_neighbourhood"),
        ("opvanglocaties", "view_region"),
        ("opvanglocaties", "change_region"),
        ("opvanglocaties", "add_priorityrule"),
        ("opvanglocaties", "change_priorityrule"),
        ("opvanglocaties", "view_priorityrule"),
    ],
    "Communicatie": [("wagtailadmin", "access_admin")],
    "Opvanglocatiegroep": [("wagtailadmin", "access_admin")],
    "Opvanglocatie": [("wagtailadmin", "access_admin")],
}

# Everyone who edits pages may upload and choose images (fiche photos, news images).
IMAGE_PERMISSIONS = ["add_image", "choose_image"]

# Besluit van de Vlaamse Regering van 22 november 2013 (kinderopvang baby's en peuters):
# locations with the income-related tariff give priority to these families.
PRIORITY_RULES = [
    ("werk-of-opleiding", "Werk, werk zoeken of opleiding",
     "De ouders hebben opvang nodig om te werken, werk te zoeken of een opleiding te volgen."),
    ("broer-of-zus", "Broer of zus in de opvang",
     "Een broer of zus gaat al naar deze opvanglocatie."),
    ("alleenstaande-ouder", "Alleenstaande ouder", "Het kind woont bij één ouder."),
    ("laag-inkomen", "Laag gezinsinkomen", "Het gezin heeft een laag inkomen."),
    ("pleegkind", "Pleegkind", "Het kind is een pleegkind."),
    ("sociale-redenen", "Sociale of pedagogische redenen",
     "Opvang is nodig om sociale of pedagogische redenen, bijvoorbeeld op vraag van een toeleider."),
]


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create them now so the
    # role groups can be given them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_collection = Collection.objects.filter(depth=1).first()

    for name, permissions in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codename in permissions:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        if root_collection is not None:
            for codename in IMAGE_PERMISSIONS:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailimages", codename=codename
                    ),
                )

    PriorityRule = apps.get_model("opvanglocaties", "PriorityRule")
    for order, (code, name, description) in enumerate(PRIORITY_RULES):
        PriorityRule.objects.get_or_create(
            code=code, defaults={"name": name, "description": description, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("opvanglocaties", "0002_load_municipalities"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
