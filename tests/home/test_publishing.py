"""Scheduled publishing and expiry, through Wagtail's publish_scheduled command."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from home.models import NewsPage

from ..factories import NewsPageFactory

pytestmark = pytest.mark.django_db


def test_a_scheduled_news_item_goes_live_when_its_time_comes(client, news_index):
    item = NewsPageFactory(parent=news_index, live=False, slug="gepland")
    item.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    item.save_revision().publish()  # with a future go_live_at this schedules, not publishes
    item.refresh_from_db()
    assert not item.live
    assert client.get("/nieuws/gepland/").status_code == 404

    call_command("publish_scheduled")
    assert not NewsPage.objects.get(pk=item.pk).live  # not yet

    # The hour has passed (moved back rather than waited for: no clock library needed).
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision = item.revisions.get()
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled")

    assert NewsPage.objects.get(pk=item.pk).live
    assert client.get("/nieuws/gepland/").status_code == 200


def test_an_expired_news_item_is_unpublished(client, news_item):
    news_item.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    news_item.save()
    call_command("publish_scheduled")
    news_item.refresh_from_db()
    assert not news_item.live and news_item.expired
    assert client.get(news_item.url or "/nieuws/nieuwe-plaatsen/").status_code == 404
