"""The news section: list, pagination, tags and the RSS and Atom feeds."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ..factories import NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_news(news_index):
    today = datetime.date(2026, 3, 1)
    items = [
        NewsPageFactory(parent=news_index, date=today - datetime.timedelta(days=n), slug=f"n{n}")
        for n in range(12)
    ]
    items[0].tags.add("aanbod")
    items[0].save()
    return items


def test_index_shows_ten_newest_items_a_page(client, many_news):
    first = client.get("/nieuws/").content.decode()
    assert many_news[0].title in first and many_news[9].title in first
    assert many_news[10].title not in first
    second = client.get("/nieuws/?page=2").content.decode()
    assert many_news[11].title in second and many_news[0].title not in second


@pytest.mark.parametrize(
    "query", ["?page=abc", "?page=999", "?page=-1", "?tag=%00", "?tag=" + "x" * 500]
)
def test_bad_query_parameters_give_a_page(client, many_news, query):
    assert client.get(f"/nieuws/{query}").status_code == 200


def test_tag_filters_the_list(client, many_news):
    html = client.get("/nieuws/?tag=aanbod").content.decode()
    assert many_news[0].title in html
    assert many_news[1].title not in html


def test_rss_feed_lists_the_news(client, many_news):
    response = client.get("/nieuws/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles[0] == many_news[0].title
    assert len(titles) == 12
    first = channel.find("item")
    assert first.findtext("link") == "http://testserver" + many_news[0].url
    assert first.findtext("category") == "aanbod"


def test_atom_feed_lists_the_news(client, many_news):
    response = client.get("/nieuws/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = ET.fromstring(response.content).findall("a:entry", ns)
    assert entries[0].findtext("a:title", namespaces=ns) == many_news[0].title


def test_unpublished_news_stays_out_of_feed_and_list(client, news_index):
    NewsPageFactory(parent=news_index, title="Geheim concept", live=False)
    assert "Geheim concept" not in client.get("/nieuws/rss/").content.decode()
    assert "Geheim concept" not in client.get("/nieuws/").content.decode()


def test_pages_link_to_the_feeds(client, news_item):
    html = client.get("/").content.decode()
    assert 'type="application/rss+xml"' in html and 'href="/nieuws/rss/"' in html


def test_news_item_shows_date_summary_and_tags(client, news_item):
    news_item.tags.add("aanvragen")
    news_item.save_revision().publish()
    html = client.get(news_item.url).content.decode()
    assert news_item.summary in html
    assert f'datetime="{news_item.date:%Y-%m-%d}"' in html
    assert "?tag=aanvragen" in html


def test_every_page_links_the_feeds_until_the_news_index_goes(client, home_page, news_index):
    html = client.get("/").content.decode()
    assert f'type="application/rss+xml" title="Nieuws (RSS)" href="{news_index.url}rss/"' in html

    news_index.unpublish()

    assert "application/rss+xml" not in client.get("/").content.decode()


def test_feed_queries_do_not_grow_with_the_number_of_items(client, news_index):
    def add_items(count):
        for _ in range(count):
            item = NewsPageFactory(parent=news_index)
            item.tags.add("aanbod", "toeleiders")
            item.save()

    def feed_queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/nieuws/rss/").status_code == 200
        return len(captured)

    add_items(2)
    client.get("/nieuws/rss/")  # warms Wagtail's cache of site root paths
    few = feed_queries()
    add_items(8)
    assert feed_queries() == few
