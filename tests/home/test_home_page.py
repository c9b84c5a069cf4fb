"""The home page's search box, shortcuts, steps, news, leaflets and contact."""

import pytest
from wagtail.models import Page

from ..factories import LeafletPageFactory, NeighbourhoodFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


# `search_page`: the search tests' fixture (tests/search/world.py), a SearchPage at /zoeken/.


def test_without_a_search_page_there_is_no_search_form(client, home_page, region):
    NeighbourhoodFactory(name="Sint-Amandsberg", slug="sint-amandsberg")
    html = client.get("/").content.decode()
    assert 'role="search"' not in html
    assert "<li>Sint-Amandsberg</li>" in html  # shortcuts without a target stay plain text


def test_search_form_points_to_the_search_page(client, search_page, region):
    html = client.get("/").content.decode()
    assert 'action="/zoeken/" role="search"' in html.replace('method="get" ', "")
    assert 'name="q"' in html and 'for="home-search-q"' in html


def test_shortcuts_lead_to_the_landing_pages(client, search_page, location_index):
    NeighbourhoodFactory(name="Sint-Amandsberg", slug="sint-amandsberg")
    html = client.get("/").content.decode()
    assert 'href="/kinderopvang/in/gent/sint-amandsberg/"' in html
    assert 'href="/kinderopvang/in/gent/"' in html
    assert client.get("/kinderopvang/in/gent/sint-amandsberg/").status_code == 200


def test_an_unpublished_search_page_hides_the_form(client, search_page, region):
    Page.objects.filter(pk=search_page.pk).update(live=False)
    assert 'role="search"' not in client.get("/").content.decode()


def test_home_shows_steps_latest_news_and_leaflets(client, home_page, news_index, leaflet_index):
    home_page.how_it_works = [("step", {"title": "Zoek", "text": "In je wijk."})] * 3
    home_page.news_count = 2
    home_page.save()
    news = [NewsPageFactory(parent=news_index, date=f"2026-01-0{n}") for n in range(1, 4)]
    LeafletPageFactory(parent=leaflet_index, title="Folder voor ouders")
    html = client.get("/").content.decode()
    assert html.count("<h3>Zoek</h3>") == 3
    assert news[2].title in html and news[1].title in html and news[0].title not in html
    assert "Folder voor ouders" in html
