"""Communication staff's rights and the two-step moderation workflow.

Page rights on the news, leaflet and information sections are given per section when a
section is created (home.permissions.grant_section_permissions), never on the home page: a
page permission there would reach every location fiche below it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COMMUNICATION = "Communicatie"
LOKET = "Loket"

# Django model permissions: the home page itself (home.models.pages.EDIT_HOME_PERMISSION) and
# the site settings (menus, footer, the loket's contact).
COMMUNICATION_PERMISSIONS = [
    ("home", "change_homepage"),
    ("home", "change_navigationsettings"),
    ("home", "change_loketcontact"),
]
# Leaflets are PDFs in Wagtail's document library.
DOCUMENT_PERMISSIONS = ["add_document", "change_document", "choose_document", "delete_document"]

WORKFLOW = "Redactie en loket"
# The loket checks the facts first; the editors approve last, because Wagtail publishes the
# page as the last approver, who must hold publish rights on it (communication does).
TASKS = [("Inhoudelijke controle door het loket", LOKET), ("Eindredactie", COMMUNICATION)]


def grant_communication(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    communication = Group.objects.get(name=COMMUNICATION)
    for app_label, codename in COMMUNICATION_PERMISSIONS:
        communication.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for codename in DOCUMENT_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=communication,
                collection=root_collection,
                permission=Permission.objects.get(
                    content_type__app_label="wagtaildocs", codename=codename
                ),
            )


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    # Historical models skip Task.__init__, which normally records the task's type.
    content_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if not created:
        return
    for order, (name, group_name) in enumerate(TASKS):
        task = GroupApprovalTask.objects.filter(name=name).first()
        if task is None:
            task = GroupApprovalTask.objects.create(
                name=name, content_type=content_type, active=True
            )
            task.groups.set([Group.objects.get(name=group_name)])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_content_pages"),
        ("opvanglocaties", "0003_roles_and_priority_rules"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(grant_communication, migrations.RunPython.noop),
        migrations.RunPython(create_workflow, migrations.RunPython.noop),
    ]
