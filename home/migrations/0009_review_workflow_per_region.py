"""Each region's sections go to its own copy of "Redactie en loket" (its loket checks).

The shared workflow's first step was the Loket role group, so any region's loket could
approve another city's texts. home.permissions.review_workflow now makes a copy per region
whose first step is that region's loket group; this moves the existing assignments over. A
review already under way finishes on the workflow it started on.
"""

from django.db import migrations

WORKFLOW = "Redactie en loket"


def site_of(Site, page):
    """The site whose root page is the nearest ancestor of `page` (Page.get_site's rule)."""
    roots = [site for site in Site.objects.select_related("root_page") if page.path.startswith(site.root_page.path)]
    return max(roots, key=lambda site: len(site.root_page.path), default=None)


def move_to_region_workflows(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Site = apps.get_model("wagtailcore", "Site")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Region = apps.get_model("opvanglocaties", "Region")

    shared = Workflow.objects.filter(name=WORKFLOW).first()
    if shared is None:
        return
    steps = list(WorkflowTask.objects.filter(workflow=shared).order_by("sort_order"))
    if not steps:
        return
    first_name = apps.get_model("wagtailcore", "Task").objects.get(pk=steps[0].task_id).name
    # Historical models skip Task.__init__, which normally records the task's type.
    content_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    for assignment in WorkflowPage.objects.filter(workflow=shared).select_related("page"):
        site = site_of(Site, assignment.page)
        region = Region.objects.filter(site=site).first() if site else None
        if region is None or region.loket_group_id is None:
            continue
        workflow, created = Workflow.objects.get_or_create(
            name=f"{WORKFLOW}: {region.slug}"[:255], defaults={"active": True}
        )
        if created:
            task = GroupApprovalTask.objects.create(
                name=f"{first_name}: {region.name}"[:255], content_type=content_type, active=True
            )
            task.groups.set([region.loket_group_id])
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
            for order, step in enumerate(steps[1:], start=1):
                WorkflowTask.objects.create(workflow=workflow, task_id=step.task_id, sort_order=order)
        assignment.workflow = workflow
        assignment.save()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0008_independent_final_approval"),
        ("opvanglocaties", "0009_region_request_rules"),
    ]

    operations = [migrations.RunPython(move_to_region_workflows, migrations.RunPython.noop)]
