"""The models and their migrations agree (on whichever database the suite runs)."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

from core.models import QueuedEmail
from home.models import InformationPage


@pytest.mark.django_db
def test_no_missing_migrations():
    # Exits with SystemExit(1) when a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_final_editors_migration_takes_publish_off_sections_under_review(home_page):
    # The migration's own function, on the state a database had before it: communication
    # staff holding publish on every section, also on one that already had the workflow.
    migration = importlib.import_module("home.migrations.0004_final_editors")
    communication = Group.objects.get(name="Communicatie")
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    reviewed = home_page.add_child(instance=InformationPage(title="Privacy", slug="privacy"))
    plain = home_page.add_child(instance=InformationPage(title="Nieuws", slug="nieuws"))
    WorkflowPage.objects.create(
        page=reviewed, workflow=Workflow.objects.get(name="Redactie en loket")
    )
    GroupPagePermission.objects.filter(page__in=[reviewed, plain]).delete()
    for section in (reviewed, plain):
        GroupPagePermission.objects.create(group=communication, page=section, permission=publish)

    migration.final_editors(apps, schema_editor=None)

    def publishers(page):
        rows = GroupPagePermission.objects.filter(page=page, permission__codename="publish_page")
        return set(rows.values_list("group__name", flat=True))

    assert publishers(reviewed) == set()
    assert publishers(plain) == {"Communicatie", "Eindredactie"}
    assert GroupPagePermission.objects.filter(page=reviewed, group__name="Eindredactie").exists()


@pytest.mark.django_db
def test_sections_under_review_move_to_their_regions_workflow(home_page, region):
    # Before 0009 every section under review had the shared workflow, whose first step any
    # region's loket could take. The migration's own function, on that state.
    migration = importlib.import_module("home.migrations.0009_review_workflow_per_region")
    shared = Workflow.objects.get(name="Redactie en loket")
    privacy = home_page.add_child(instance=InformationPage(title="Privacy", slug="privacy"))
    WorkflowPage.objects.create(page=privacy, workflow=shared)

    migration.move_to_region_workflows(apps, schema_editor=None)
    migration.move_to_region_workflows(apps, schema_editor=None)  # a second run changes nothing

    workflow = WorkflowPage.objects.get(page=privacy).workflow
    assert workflow.name == f"Redactie en loket: {region.slug}"
    steps = [task.specific for task in workflow.tasks]
    assert [list(step.groups.all()) for step in steps] == [
        [region.loket_group],
        list(shared.tasks.last().specific.groups.all()),
    ]
    assert steps[-1].pk == shared.tasks.last().pk  # the final editors' step is shared
    assert Workflow.objects.filter(name__startswith="Redactie en loket:").count() == 1


@pytest.mark.django_db(transaction=True)
def test_mail_queue_survives_the_move_from_the_project_package():
    # A database migrated before `core` existed holds the queue in `portal_queuedemail`, made
    # by the migration of the app label `portal`. Rebuild that state, then migrate forward.
    executor = MigrationExecutor(connection)
    executor.migrate([("core", None)])
    assert "portal_queuedemail" not in connection.introspection.table_names()
    with connection.schema_editor() as editor:
        editor.create_model(QueuedEmail)  # the same table and columns as portal 0001 made
    QueuedEmail.objects.create(message={"subject": "Bevestiging", "to": ["ouder@example.org"]})
    ContentType.objects.filter(app_label="core", model="queuedemail").update(app_label="portal")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([("core", "0001_initial")])

    assert list(QueuedEmail.objects.values_list("message__subject", flat=True)) == ["Bevestiging"]
    assert ContentType.objects.filter(app_label="core", model="queuedemail").exists()
    assert not ContentType.objects.filter(app_label="portal").exists()

    # Back to the latest state (core's later migrations and those that depend on them, which
    # going back to zero unapplied): the tests after this one expect their tables.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
