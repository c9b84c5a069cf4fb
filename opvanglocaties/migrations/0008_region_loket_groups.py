"""One loket per region (issue 10 item 4).

Each region gets its own group, "Loket <region>", which gives the scope: the page
permissions on the region's location indexes (until now the single role group "Loket" held
them on every region's index) and the approval step of the region's own moderation workflow.
The role group "Loket" stays: access to the admin and the model permissions. Everyone who
was in it keeps the access they had: they join every region's group (remove them where they
do not belong, in Settings > Groups).
"""

import django.db.models.deletion
from django.db import migrations, models

LOKET = "Loket"
MODERATION_WORKFLOW = "Goedkeuring door het loket"
LOKET_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")


def region_sites(apps):
    """{region: (site root path, indexes under it)} for regions with a website."""
    Region = apps.get_model("opvanglocaties", "Region")
    LocationIndexPage = apps.get_model("opvanglocaties", "LocationIndexPage")
    result = {}
    for region in Region.objects.exclude(site=None).select_related("site__root_page"):
        root_path = region.site.root_page.path
        result[region] = list(LocationIndexPage.objects.filter(path__startswith=root_path))
    return result


def give_each_region_its_loket(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Region = apps.get_model("opvanglocaties", "Region")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    LocationIndexPage = apps.get_model("opvanglocaties", "LocationIndexPage")

    role = Group.objects.filter(name=LOKET).first()
    members = list(role.user_set.all()) if role is not None else []
    for region in Region.objects.filter(loket_group=None):
        name = f"Loket {region.name}"[:150]
        if Group.objects.filter(name=name).exists():
            name = f"{name} ({region.slug})"[:150]
        region.loket_group = Group.objects.create(name=name)
        region.save(update_fields=["loket_group"])
        region.loket_group.user_set.add(*members)

    permissions = list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=LOKET_PAGE_PERMISSIONS
        )
    )
    for region, indexes in region_sites(apps).items():
        for index in indexes:
            for permission in permissions:
                GroupPagePermission.objects.get_or_create(
                    group=region.loket_group, page_id=index.pk, permission=permission
                )
    if role is not None:
        # The role's rows on the indexes gave every loket every region's fiches.
        GroupPagePermission.objects.filter(
            group=role, page__in=LocationIndexPage.objects.values("pk")
        ).delete()


def give_each_region_its_moderation(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    shared = Workflow.objects.filter(name=MODERATION_WORKFLOW).first()
    if shared is None:
        return
    # Historical models skip Task.__init__, which normally records the task's type.
    content_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    for region, indexes in region_sites(apps).items():
        assigned = WorkflowPage.objects.filter(
            workflow=shared, page_id__in=[index.pk for index in indexes]
        )
        if not assigned.exists():
            continue
        workflow, created = Workflow.objects.get_or_create(
            name=f"{MODERATION_WORKFLOW}: {region.slug}"[:255], defaults={"active": True}
        )
        if created:
            task = GroupApprovalTask.objects.create(
                name=f"Goedkeuring door het loket: {region.name}"[:255],
                content_type=content_type,
                active=True,
            )
            task.groups.set([region.loket_group])
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        assigned.update(workflow=workflow)
    if not WorkflowPage.objects.filter(workflow=shared).exists():
        # Its history stays readable; nothing new starts on it.
        Workflow.objects.filter(pk=shared.pk).update(active=False)


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("opvanglocaties", "0007_postcode_index"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="region",
            name="loket_group",
            field=models.OneToOneField(
                blank=True,
                editable=False,
                help_text="Its members are this region's loket: its fiches, organisers and settings (with the Loket role for the admin).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="loket_region",
                to="auth.group",
                verbose_name="loket group",
            ),
        ),
        migrations.RunPython(give_each_region_its_loket, migrations.RunPython.noop),
        migrations.RunPython(give_each_region_its_moderation, migrations.RunPython.noop),
    ]
