"""Final editors, and no moderation by Wagtail's default groups.

- The last step of the "Redactie en loket" workflow goes to a group of its own, the final
  editors (Eindredactie), with the same section rights as communication staff. Wagtail shows
  the Publish button to anyone with publish rights, so a second pair of eyes only means
  something where nobody can publish directly: in a section under a workflow neither group
  holds publish, and the approved workflow publishes (home.permissions,
  portal.workflows.publish_approved). Sections already under one lose it here.
- Wagtail's first migrations give every page the "Moderators approval" workflow (assigned to
  the root page) and create the groups "Moderators" and "Editors" with rights from the root
  down, over every fiche. No role here uses them; they would only confuse whoever assigns
  groups, and editors would see "Submit to Moderators approval" on every page.
"""

from django.db import migrations

COMMUNICATION = "Communicatie"
FINAL_EDITORS = "Eindredactie"
FINAL_TASK = "Eindredactie"
WORKFLOW = "Redactie en loket"
WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")
SECTION_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")


def final_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    group, _created = Group.objects.get_or_create(name=FINAL_EDITORS)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    task = GroupApprovalTask.objects.filter(name=FINAL_TASK).first()
    if task is not None:
        task.groups.set([group])
    # The sections that exist already: every page where communication staff may publish.
    section_ids = GroupPagePermission.objects.filter(
        group__name=COMMUNICATION, permission__codename="publish_page"
    ).values_list("page_id", flat=True)
    reviewed_paths = list(
        WorkflowPage.objects.filter(workflow__active=True).values_list("page__path", flat=True)
    )
    for section in Page.objects.filter(pk__in=list(section_ids)):
        # Under review when a workflow is assigned to it, above it or inside it.
        reviewed = any(
            section.path.startswith(path) or path.startswith(section.path)
            for path in reviewed_paths
        )
        for codename in SECTION_PAGE_PERMISSIONS:
            if reviewed and codename == "publish_page":
                continue
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=section,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
        if reviewed:
            GroupPagePermission.objects.filter(
                group__name=COMMUNICATION, page=section, permission__codename="publish_page"
            ).delete()


def drop_wagtail_default_moderation(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    Task = apps.get_model("wagtailcore", "Task")
    TaskState = apps.get_model("wagtailcore", "TaskState")

    WorkflowPage.objects.filter(page__depth=1).exclude(workflow__name=WORKFLOW).delete()
    for workflow in Workflow.objects.exclude(name=WORKFLOW):
        in_use = (
            WorkflowPage.objects.filter(workflow=workflow).exists()
            or WorkflowContentType.objects.filter(workflow=workflow).exists()
        )
        if in_use:
            continue
        if WorkflowState.objects.filter(workflow=workflow).exists():
            # Its history stays readable; it can no longer be started.
            Workflow.objects.filter(pk=workflow.pk).update(active=False)
            continue
        task_ids = list(workflow.workflow_tasks.values_list("task_id", flat=True))
        workflow.delete()
        for task_id in task_ids:
            unused = not (
                Task.objects.filter(pk=task_id, workflow_tasks__isnull=False).exists()
                or TaskState.objects.filter(task_id=task_id).exists()
            )
            if unused:
                Task.objects.filter(pk=task_id).delete()
    # A group somebody already put users in is theirs now, whatever its name.
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_communication_role_and_workflow"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        # First: the default workflow on the root would put every section under review.
        migrations.RunPython(drop_wagtail_default_moderation, migrations.RunPython.noop),
        migrations.RunPython(final_editors, migrations.RunPython.noop),
    ]
