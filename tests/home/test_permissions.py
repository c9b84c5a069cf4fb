"""Communication staff publish news, leaflets and information pages, never fiches.

Tested against Wagtail's real admin views, with the form each view renders posted back.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    PageLogEntry,
    Workflow,
    WorkflowPage,
)

from core.models import IndependentApprovalTask
from core.roles import COMMUNICATION, FINAL_EDITORS, LOKET
from home.models import InformationPage, NewsPage
from home.permissions import put_under_review

from ..admin_forms import form_data
from ..conftest import role
from ..factories import NewsIndexPageFactory, RegionFactory, UserFactory

WORKFLOW = "Redactie en loket"

pytestmark = pytest.mark.django_db


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_url(model, parent):
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


def refused(response):
    """Wagtail answers a refused admin action with 403, or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


# StreamFields are drawn by the admin's JavaScript, so the HTML holds no inputs for them:
# post them as a browser would for an empty stream.
EMPTY_STREAMS = {"body-count": "0", "how_it_works-count": "0"}


def page_form(client, url):
    return {**EMPTY_STREAMS, **form_data(client.get(url))}


def publish(client, url, changes):
    data = page_form(client, url)
    data.update(changes)
    data["action-publish"] = "action-publish"
    return client.post(url, data)


def test_communication_edits_and_publishes_a_news_item(client, communication_user, news_item):
    client.force_login(communication_user)
    response = publish(client, edit_url(news_item), {"title": "Nog meer plaatsen"})
    assert response.status_code == 302, response.content[:2000]
    news_item.refresh_from_db()
    assert news_item.title == "Nog meer plaatsen"
    assert news_item.live and not news_item.has_unpublished_changes


def test_communication_adds_a_news_item(client, communication_user, news_index):
    client.force_login(communication_user)
    response = publish(
        client,
        add_url(NewsPage, news_index),
        {"title": "Infoavond", "slug": "infoavond", "summary": "Kom langs.", "date": "2026-03-01"},
    )
    assert response.status_code == 302, response.content[:2000]
    assert NewsPage.objects.get(slug="infoavond").live


def test_communication_adds_a_sub_page_to_an_information_page(
    client, communication_user, information_page
):
    client.force_login(communication_user)
    response = publish(
        client,
        add_url(InformationPage, information_page),
        {"title": "Voor toeleiders", "slug": "toeleiders"},
    )
    assert response.status_code == 302, response.content[:2000]
    assert InformationPage.objects.get(slug="toeleiders").get_parent().pk == information_page.pk


def test_communication_edits_the_home_page_but_not_its_fate(client, communication_user, home_page):
    client.force_login(communication_user)
    response = publish(client, edit_url(home_page), {"search_title": "Zoek opvang"})
    assert response.status_code == 302, response.content[:2000]
    home_page.refresh_from_db()
    assert home_page.search_title == "Zoek opvang"
    assert refused(client.get(reverse("wagtailadmin_pages:delete", args=[home_page.pk])))
    assert refused(client.get(reverse("wagtailadmin_pages:unpublish", args=[home_page.pk])))
    # Nor may they put the whole site behind a login, or reorder its sections.
    privacy = client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[home_page.pk]),
        {"restriction_type": "login"},
    )
    assert refused(privacy)
    assert not home_page.view_restrictions.exists()
    tester = home_page.permissions_for_user(communication_user)
    assert not tester.can_reorder_children() and not tester.can_publish_subpage()


def test_communication_cannot_edit_or_add_fiches(
    client, communication_user, make_location, location_index
):
    fiche = make_location()
    client.force_login(communication_user)
    assert refused(client.get(edit_url(fiche)))
    assert refused(client.get(edit_url(location_index)))
    assert refused(client.get(add_url(type(fiche), fiche.get_parent())))
    assert not fiche.permissions_for_user(communication_user).can_publish()


def test_providers_and_the_loket_cannot_edit_news(client, provider, loket_user, news_item):
    for user in (provider, loket_user):
        client.force_login(user)
        assert refused(client.get(edit_url(news_item))), user


def test_a_section_made_in_the_admin_is_handed_to_communication(
    client, communication_user, home_page
):
    admin = get_user_model().objects.create_superuser("beheer", "beheer@example.org", "x")
    client.force_login(admin)
    response = publish(
        client, add_url(InformationPage, home_page), {"title": "Over ons", "slug": "over-ons"}
    )
    assert response.status_code == 302, response.content[:2000]
    page = InformationPage.objects.get(slug="over-ons")
    assert page.permissions_for_user(communication_user).can_publish()


def test_a_section_is_still_made_without_the_communication_group(client, home_page, caplog):
    Group.objects.filter(name=COMMUNICATION).delete()
    admin = get_user_model().objects.create_superuser("beheer", "beheer@example.org", "x")
    client.force_login(admin)

    response = publish(
        client, add_url(InformationPage, home_page), {"title": "Over ons", "slug": "over-ons"}
    )

    assert response.status_code == 302
    assert InformationPage.objects.filter(slug="over-ons", live=True).exists()
    assert "was not handed to it" in caplog.text


def test_revisions_can_be_compared(client, communication_user, news_item):
    client.force_login(communication_user)
    publish(client, edit_url(news_item), {"title": "Eerste versie"})
    publish(client, edit_url(news_item), {"title": "Tweede versie"})
    first, second = news_item.revisions.order_by("created_at")[:2]
    url = reverse("wagtailadmin_pages:revisions_compare", args=[news_item.pk, first.pk, second.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "Tweede versie" in response.content.decode()


def test_two_step_workflow_is_there_to_assign():
    workflow = Workflow.objects.get(name="Redactie en loket")
    tasks = [task.specific for task in workflow.tasks]
    # The last step is an independent approval: nobody approves their own text there.
    assert [type(task) for task in tasks] == [GroupApprovalTask, IndependentApprovalTask]
    # The final editors come last.
    assert [[g.name for g in task.groups.all()] for task in tasks] == [[LOKET], [FINAL_EDITORS]]


def test_wagtail_default_moderation_is_gone():
    # Wagtail's own "Moderators approval" on the root would apply to every page and fiche.
    assert not WorkflowPage.objects.filter(page__depth=1).exists()
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()


@pytest.fixture
def final_editor(db):
    return UserFactory(username="eindredactie", groups=[role(COMMUNICATION), role(FINAL_EDITORS)])


def review(news_index):
    """Put the news section under its region's review workflow, as the portal does."""
    put_under_review(news_index)


def approve(client, user, page):
    client.force_login(user)
    # A fresh object each time: the workflow state is cached on the instance.
    task_state = NewsPage.objects.get(pk=page.pk).current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    assert client.post(url, {"comment": ""}).status_code == 302
    return task_state.task.name.split(":")[0]


def current_task(page):
    """The name of the step the page waits at, without the region a step's copy is for."""
    state = NewsPage.objects.get(pk=page.pk).current_workflow_state
    return state.current_task_state.task.name.split(":")[0] if state else None


def test_under_review_communication_cannot_skip_the_workflow(
    client, communication_user, news_item, news_index
):
    review(news_index)
    client.force_login(communication_user)
    form = client.get(edit_url(news_item)).content.decode()
    assert 'name="action-submit"' in form
    assert 'name="action-publish"' not in form

    response = publish(client, edit_url(news_item), {"title": "Zonder controle"})
    assert response.status_code in (200, 302)
    news_item.refresh_from_db()
    # At most a draft was saved: what visitors see did not change.
    assert news_item.title == "Nieuwe plaatsen"
    assert not PageLogEntry.objects.filter(page=news_item, action="wagtail.publish").exists()


def test_news_item_in_the_workflow_needs_both_approvals(
    client, communication_user, loket_user, final_editor, news_item, news_index
):
    review(news_index)
    client.force_login(communication_user)
    data = page_form(client, edit_url(news_item))
    data.update({"title": "Gemodereerd", "action-submit": "action-submit"})
    assert client.post(edit_url(news_item), data).status_code == 302
    assert current_task(news_item) == "Inhoudelijke controle door het loket"

    # Neither the author nor the loket can give the last approval.
    assert approve(client, loket_user, news_item) == "Inhoudelijke controle door het loket"
    assert current_task(news_item) == "Eindredactie"
    news_item.refresh_from_db()
    assert news_item.title != "Gemodereerd" and news_item.has_unpublished_changes
    client.force_login(communication_user)
    task_state = NewsPage.objects.get(pk=news_item.pk).current_workflow_state.current_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[news_item.pk, "approve", task_state.pk]
    )
    assert refused(client.post(url, {"comment": ""}))
    assert current_task(news_item) == "Eindredactie"

    assert approve(client, final_editor, news_item) == "Eindredactie"
    news_item.refresh_from_db()
    assert news_item.title == "Gemodereerd"
    assert news_item.live and not news_item.has_unpublished_changes


def test_only_the_sections_own_loket_checks_the_facts(
    client, communication_user, loket_user, region, news_item, news_index
):
    # One workflow for every region let any city's loket approve another city's texts.
    review(news_index)
    workflow = news_index.get_workflow()
    first_step = workflow.tasks.first().specific
    assert list(first_step.groups.all()) == [region.loket_group]
    other_loket = UserFactory(
        username="loket-elders",
        groups=[role(LOKET), RegionFactory(name="Mechelen", slug="mechelen").loket_group],
    )
    client.force_login(communication_user)
    data = page_form(client, edit_url(news_item))
    data.update({"title": "Nagekeken", "action-submit": "action-submit"})
    assert client.post(edit_url(news_item), data).status_code == 302
    assert current_task(news_item) == "Inhoudelijke controle door het loket"

    client.force_login(other_loket)
    task_state = NewsPage.objects.get(pk=news_item.pk).current_workflow_state.current_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[news_item.pk, "approve", task_state.pk]
    )
    assert refused(client.post(url, {"comment": ""}))
    assert current_task(news_item) == "Inhoudelijke controle door het loket"

    assert approve(client, loket_user, news_item) == "Inhoudelijke controle door het loket"
    assert current_task(news_item) == "Eindredactie"
    # A second section of the same region shares the region's copy.
    second = NewsIndexPageFactory(parent=news_index.get_parent(), slug="tweede-nieuws")
    put_under_review(second)
    assert second.get_workflow() == workflow


def test_removing_the_workflow_gives_publishing_back(client, communication_user, news_index):
    review(news_index)
    publishers = GroupPagePermission.objects.filter(
        page=news_index, permission__codename="publish_page"
    )
    # Under review nobody publishes directly: the workflow does.
    assert not publishers.exists()

    WorkflowPage.objects.filter(page=news_index).delete()
    assert set(publishers.values_list("group__name", flat=True)) == {
        COMMUNICATION,
        FINAL_EDITORS,
    }


def test_a_switched_off_workflow_gives_publishing_back(news_index):
    review(news_index)
    workflow = Workflow.objects.get(name=WORKFLOW)
    workflow.deactivate()
    assert GroupPagePermission.objects.filter(
        page=news_index, group__name=COMMUNICATION, permission__codename="publish_page"
    ).exists()


def test_a_workflow_on_a_page_inside_a_section_reviews_the_section(news_item, news_index):
    WorkflowPage.objects.create(page=news_item, workflow=Workflow.objects.get(name=WORKFLOW))
    assert not GroupPagePermission.objects.filter(
        page=news_index, group__name=COMMUNICATION, permission__codename="publish_page"
    ).exists()


def test_under_review_the_final_editor_cannot_skip_the_loket_either(
    client, final_editor, news_item, news_index
):
    review(news_index)
    client.force_login(final_editor)
    assert 'name="action-publish"' not in client.get(edit_url(news_item)).content.decode()
    publish(client, edit_url(news_item), {"title": "Zonder loket"})
    news_item.refresh_from_db()
    assert news_item.title == "Nieuwe plaatsen"


def test_deleting_a_section_under_review(client, news_item, news_index):
    # The assignment goes with the page; nothing may be re-granted on a page on its way out.
    review(news_index)
    section_id = news_index.pk
    news_index.delete()
    assert not NewsPage.objects.filter(pk=news_item.pk).exists()
    assert not GroupPagePermission.objects.filter(page_id=section_id).exists()
    assert not WorkflowPage.objects.filter(page_id=section_id).exists()


def test_moving_a_page_with_its_workflow_takes_review_along(news_item, news_index, leaflet_index):
    def publishes(section):
        return GroupPagePermission.objects.filter(
            page=section, group__name=COMMUNICATION, permission__codename="publish_page"
        ).exists()

    WorkflowPage.objects.create(page=news_item, workflow=Workflow.objects.get(name=WORKFLOW))
    assert not publishes(news_index) and publishes(leaflet_index)

    news_item.move(leaflet_index, pos="last-child")
    assert publishes(news_index)  # the section it left is no longer under review
    assert not publishes(leaflet_index)  # the one it joined is


def test_a_section_moved_into_another_keeps_no_rights_of_its_own(
    information_page, news_index, home_page
):
    # Inside another section it follows that section's rights: rows of its own would keep
    # publish there when the outer section comes under review.
    news_index.move(information_page, pos="last-child")
    assert not GroupPagePermission.objects.filter(page=news_index).exists()
    review(information_page)
    news_index.refresh_from_db()
    assert not news_index.permissions_for_user(
        UserFactory(username="c2", groups=[role(COMMUNICATION)])
    ).can_publish()

    news_index.move(home_page, pos="last-child")  # a section again
    assert GroupPagePermission.objects.filter(page=news_index, group__name=COMMUNICATION).exists()


def test_a_copied_section_is_handed_over(client, admin_user, information_page, home_page):
    client.force_login(admin_user)
    url = reverse("wagtailadmin_pages:copy", args=[information_page.pk])
    response = client.post(
        url,
        {
            "new_title": "Kopie",
            "new_slug": "kopie",
            "new_parent_page": home_page.pk,
            "copy_subpages": "",
            "publish_copies": "on",
            "alias": "",
        },
    )
    assert response.status_code == 302, response.content[:500]
    copy = InformationPage.objects.get(slug="kopie")
    assert GroupPagePermission.objects.filter(
        page=copy, group__name=COMMUNICATION, permission__codename="publish_page"
    ).exists()


def test_home_page_under_a_workflow_is_submitted_not_published(communication_user, home_page):
    WorkflowPage.objects.create(page=home_page, workflow=Workflow.objects.get(name=WORKFLOW))
    tester = home_page.permissions_for_user(communication_user)
    assert tester.can_edit() and not tester.can_publish()
