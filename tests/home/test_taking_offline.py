"""Whoever may not unpublish a page may not take it offline another way (issue 10 item 1).

Paths to the same effect: an expiry date (`expire_at`) on edit or publish, a view
restriction, and unpublishing a page whose alias lies where the user may not unpublish.
Tested against Wagtail's real admin views with the forms they render, posted back.
"""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Workflow, WorkflowPage

from core.roles import COMMUNICATION, FINAL_EDITORS
from home.permissions import grant_section_permissions

from ..conftest import role
from ..factories import InformationPageFactory, UserFactory
from .test_permissions import WORKFLOW, edit_url, page_form, refused

pytestmark = pytest.mark.django_db


def in_an_hour():
    # The admin's field has minutes, not seconds: "in a minute" written as HH:MM could lie a
    # second ahead and be past by the time a slow run posted the next form.
    soon = timezone.localtime() + datetime.timedelta(hours=1)
    return soon.strftime("%Y-%m-%d %H:%M")


def publish_with_expiry(client, page):
    data = page_form(client, edit_url(page))
    data.update({"expire_at": in_an_hour(), "action-publish": "action-publish"})
    return client.post(edit_url(page), data)


@pytest.fixture
def final_editor(db):
    return UserFactory(username="redactie", groups=[role(COMMUNICATION), role(FINAL_EDITORS)])


@pytest.mark.parametrize("who", ["communication_user", "final_editor"])
def test_home_page_editors_cannot_schedule_its_expiry(request, client, home_page, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    form = client.get(edit_url(home_page)).content.decode()
    assert 'name="expire_at"' in form  # shown, read-only

    response = publish_with_expiry(client, home_page)

    assert response.status_code == 302, response.content[:2000]
    home_page.refresh_from_db()
    assert home_page.expire_at is None
    assert home_page.get_latest_revision().content["expire_at"] is None
    # What publish_scheduled would do once the expiry had passed: nothing.
    Page.objects.filter(pk=home_page.pk).update(go_live_at=None)
    call_command("publish_scheduled")
    home_page.refresh_from_db()
    assert home_page.live and not home_page.expired


def test_the_expiry_field_is_read_only_for_them(client, communication_user, home_page):
    client.force_login(communication_user)
    response = client.get(edit_url(home_page))
    field = response.context["form"].fields["expire_at"]
    assert field.disabled


def test_an_expiry_set_by_an_administrator_stays(client, admin_user, communication_user, home_page):
    client.force_login(admin_user)
    assert publish_with_expiry(client, home_page).status_code == 302
    home_page.refresh_from_db()
    expiry = home_page.expire_at
    assert expiry is not None

    client.force_login(communication_user)
    data = page_form(client, edit_url(home_page))
    data.update({"expire_at": "", "search_title": "Zoek", "action-publish": "action-publish"})
    assert client.post(edit_url(home_page), data).status_code == 302
    home_page.refresh_from_db()
    assert home_page.search_title == "Zoek"
    assert home_page.expire_at == expiry


def test_communication_still_schedules_the_expiry_of_a_news_item(
    client, communication_user, news_item
):
    client.force_login(communication_user)
    assert publish_with_expiry(client, news_item).status_code == 302
    news_item.refresh_from_db()
    assert news_item.expire_at is not None


def test_home_page_editors_cannot_restrict_it_with_a_password(client, final_editor, home_page):
    client.force_login(final_editor)
    response = client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[home_page.pk]),
        {"restriction_type": "password", "password": "geheim123"},
    )
    assert refused(response)
    assert not home_page.view_restrictions.exists()


@pytest.fixture
def alias_under_review(home_page, news_item):
    """An administrator's alias of the news item inside a section under the workflow."""
    reviewed = InformationPageFactory(parent=home_page, title="Nagekeken", slug="nagekeken")

    grant_section_permissions(reviewed)
    WorkflowPage.objects.create(page=reviewed, workflow=Workflow.objects.get(name=WORKFLOW))
    return news_item.create_alias(parent=reviewed, update_slug="alias-nieuws")


def test_unpublishing_cannot_take_an_alias_out_of_reach_offline(
    client, communication_user, news_item, alias_under_review
):
    assert not alias_under_review.permissions_for_user(communication_user).can_unpublish()
    client.force_login(communication_user)

    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[news_item.pk]))

    assert refused(response)
    news_item.refresh_from_db()
    alias_under_review.refresh_from_db()
    assert news_item.live and alias_under_review.live


def test_nor_can_an_expiry_take_it_offline(
    client, communication_user, news_item, alias_under_review
):
    client.force_login(communication_user)
    assert publish_with_expiry(client, news_item).status_code == 302
    news_item.refresh_from_db()
    assert news_item.expire_at is None


def test_without_such_an_alias_communication_unpublishes(client, communication_user, news_item):
    client.force_login(communication_user)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[news_item.pk]))
    assert response.status_code == 302
    news_item.refresh_from_db()
    assert not news_item.live
