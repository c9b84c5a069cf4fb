"""The last step of "Redactie en loket" becomes an independent approval (issue 10 item 2).

Wagtail's group approval let a final editor approve a text they wrote or changed themselves;
core.IndependentApprovalTask refuses the Approve action to whoever wrote or submitted it.
The step keeps its name and groups. A workflow already waiting at the old step finishes it,
then asks the new one (the old task stays, inactive for new workflows, while it has history).
"""

from django.db import migrations

WORKFLOW = "Redactie en loket"
FINAL_TASK = "Eindredactie"


def make_final_step_independent(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    IndependentApprovalTask = apps.get_model("core", "IndependentApprovalTask")

    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is None:
        return
    # Historical models skip Task.__init__, which normally records the task's type.
    content_type, _created = ContentType.objects.get_or_create(
        app_label="core", model="independentapprovaltask"
    )
    for step in WorkflowTask.objects.filter(workflow=workflow, task__name=FINAL_TASK):
        old = GroupApprovalTask.objects.filter(pk=step.task_id).first()
        if old is None:
            continue
        new = IndependentApprovalTask.objects.create(
            name=old.name, active=old.active, content_type=content_type
        )
        new.groups.set(old.groups.all())
        step.task_id = new.pk
        step.save()
        in_use = WorkflowTask.objects.filter(task_id=old.pk).exists()
        if not in_use and not TaskState.objects.filter(task_id=old.pk).exists():
            old.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_request_form_block"),
        ("core", "0002_independent_approval_task"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(make_final_step_independent, migrations.RunPython.noop)]
