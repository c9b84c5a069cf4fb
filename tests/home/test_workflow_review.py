"""Under the two-step workflow what goes live is what both steps approved, and nobody approves
their own text last (issue 10 item 2). Through the admin's real workflow action URLs."""

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail.models import GroupApprovalTask, PageLogEntry, Workflow, WorkflowTask

from core.models import IndependentApprovalTask
from core.roles import COMMUNICATION, FINAL_EDITORS
from core.workflows import publish_approved
from home.models import NewsPage

from ..conftest import role
from ..factories import UserFactory
from ..migrations import migration_module
from .test_permissions import (
    approve,
    current_task,
    edit_url,
    page_form,
    refused,
    review,
)

pytestmark = pytest.mark.django_db

LOKET_STEP = "Inhoudelijke controle door het loket"
FINAL_STEP = "Eindredactie"


@pytest.fixture
def redactie(db):
    """Communication staff and final editor in one person, as in the demo."""
    return UserFactory(username="redactie", groups=[role(COMMUNICATION), role(FINAL_EDITORS)])


@pytest.fixture
def other_final_editor(db):
    return UserFactory(username="eindredactie2", groups=[role(FINAL_EDITORS)])


def submit(client, user, page, changes):
    client.force_login(user)
    data = page_form(client, edit_url(page))
    data.update({**changes, "action-submit": "action-submit"})
    assert client.post(edit_url(page), data).status_code == 302
    assert current_task(page) == LOKET_STEP


def approve_url(page):
    task_state = NewsPage.objects.get(pk=page.pk).current_workflow_state.current_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])


def test_an_edit_after_the_loket_approved_goes_back_to_the_loket(
    client, communication_user, loket_user, redactie, news_item, news_index
):
    review(news_index)
    submit(client, communication_user, news_item, {"title": "Nagekeken tekst"})
    approve(client, loket_user, news_item)
    assert current_task(news_item) == FINAL_STEP

    # The final editor changes the text and approves in the same request (the editor's
    # "Approve" menu item posts the form with the workflow action).
    client.force_login(redactie)
    data = page_form(client, edit_url(news_item))
    data.update(
        {
            "title": "Tekst die het loket nooit zag",
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
        }
    )
    client.post(edit_url(news_item), data)

    news_item.refresh_from_db()
    assert news_item.title == "Nieuwe plaatsen"  # the live page did not change
    assert not PageLogEntry.objects.filter(page=news_item, action="wagtail.publish").exists()
    assert current_task(news_item) == LOKET_STEP


def test_an_edit_saved_before_the_last_approval_goes_back_to_the_loket(
    client, communication_user, loket_user, other_final_editor, news_item, news_index
):
    review(news_index)
    submit(client, communication_user, news_item, {"title": "Nagekeken tekst"})
    approve(client, loket_user, news_item)
    client.force_login(other_final_editor)
    data = page_form(client, edit_url(news_item))
    data["title"] = "Nog even aangepast"
    assert client.post(edit_url(news_item), data).status_code == 302

    client.force_login(UserFactory(username="derde", groups=[role(FINAL_EDITORS)]))
    assert client.post(approve_url(news_item), {"comment": ""}).status_code == 302

    news_item.refresh_from_db()
    assert news_item.title == "Nieuwe plaatsen"
    assert current_task(news_item) == LOKET_STEP


def test_the_author_cannot_give_the_last_approval(
    client, redactie, loket_user, other_final_editor, news_item, news_index
):
    review(news_index)
    submit(client, redactie, news_item, {"title": "Eigen tekst"})
    approve(client, loket_user, news_item)
    assert current_task(news_item) == FINAL_STEP

    client.force_login(redactie)
    assert refused(client.post(approve_url(news_item), {"comment": ""}))
    form = client.get(edit_url(news_item)).content.decode()
    assert 'data-workflow-action-name="approve"' not in form
    news_item.refresh_from_db()
    assert news_item.title == "Nieuwe plaatsen"
    assert current_task(news_item) == FINAL_STEP

    # Someone else may.
    client.force_login(other_final_editor)
    assert client.post(approve_url(news_item), {"comment": ""}).status_code == 302
    news_item.refresh_from_db()
    assert news_item.title == "Eigen tekst" and news_item.live


def test_the_author_may_still_ask_for_changes(client, redactie, loket_user, news_item, news_index):
    review(news_index)
    submit(client, redactie, news_item, {"title": "Eigen tekst"})
    approve(client, loket_user, news_item)
    task_state = NewsPage.objects.get(pk=news_item.pk).current_workflow_state.current_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[news_item.pk, "reject", task_state.pk]
    )
    client.force_login(redactie)
    assert client.post(url, {"comment": "Toch nog niet"}).status_code == 302
    task_state.refresh_from_db()
    assert task_state.status == "rejected"


def test_the_finish_publishes_the_approved_revision_not_a_newer_draft(
    client, communication_user, loket_user, news_item, news_index
):
    review(news_index)
    submit(client, communication_user, news_item, {"title": "Goedgekeurd"})
    approve(client, loket_user, news_item)
    state = NewsPage.objects.get(pk=news_item.pk).current_workflow_state
    draft = NewsPage.objects.get(pk=news_item.pk)
    draft.title = "Nooit nagekeken"
    draft.save_revision(user=communication_user)

    publish_approved(state)

    news_item.refresh_from_db()
    assert news_item.title == "Goedgekeurd"


def test_the_migration_makes_the_last_step_independent():
    migration = migration_module("home", "_independent_final_approval")
    workflow = Workflow.objects.get(name="Redactie en loket")
    step = WorkflowTask.objects.get(workflow=workflow, task__name=FINAL_STEP)
    old = GroupApprovalTask.objects.create(name=FINAL_STEP)
    old.groups.set([role(FINAL_EDITORS)])
    step.task = old
    step.save()

    migration.make_final_step_independent(apps, None)

    task = WorkflowTask.objects.get(workflow=workflow, task__name=FINAL_STEP).task.specific
    assert isinstance(task, IndependentApprovalTask)
    assert [group.name for group in task.groups.all()] == [FINAL_EDITORS]
    assert not GroupApprovalTask.objects.filter(pk=old.pk).exists()
