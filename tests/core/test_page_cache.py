"""Anonymous pages come from the cache; publishing clears it; personal pages never cached."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core.cache import generation
from core.models import QueuedEmail

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def test_second_anonymous_request_is_served_from_cache_without_queries(client, make_location):
    page = make_location()
    first = client.get(page.url)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(page.url)
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content


def test_publishing_clears_the_cache(client, make_location):
    page = make_location(title="Oude naam")
    client.get(page.url)
    page.title = "Nieuwe naam"
    page.save_revision().publish()
    response = client.get(page.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Nieuwe naam" in response.content.decode()


def test_unpublishing_clears_the_cache(client, make_location):
    page = make_location()
    client.get(page.url)
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_logged_in_users_are_never_served_or_stored(client, make_location, provider):
    page = make_location()
    client.force_login(provider)
    response = client.get(page.url)
    assert "X-Page-Cache" not in response
    client.logout()
    assert client.get(page.url)["X-Page-Cache"] == "miss"


def test_languages_are_cached_apart(client, make_location):
    page = make_location()
    dutch = client.get(page.url)
    english = client.get("/en" + page.url)
    assert english["X-Page-Cache"] == "miss"
    assert dutch.content != english.content


def test_admin_and_errors_are_not_cached(client, home_page):
    client.get("/admin/login/")
    assert "X-Page-Cache" not in client.get("/admin/login/")
    client.get("/bestaat-niet/")
    assert client.get("/bestaat-niet/").status_code == 404
    assert "X-Page-Cache" not in client.get("/bestaat-niet/")


@override_settings(PAGE_CACHE_SECONDS=0)
def test_cache_can_be_turned_off(client, make_location):
    page = make_location()
    client.get(page.url)
    assert "X-Page-Cache" not in client.get(page.url)


def test_a_page_made_private_leaves_the_cache(client, make_location):
    page = make_location()
    assert client.get(page.url)["X-Page-Cache"] == "miss"
    assert client.get(page.url)["X-Page-Cache"] == "hit"

    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(page.url)
    assert response.status_code == 302 and "login" in response["Location"]

    restriction.delete()
    assert client.get(page.url).status_code == 200


def test_deleting_a_fiche_clears_the_cache(make_location):
    page = make_location()
    before = generation()
    page.delete()
    assert generation() != before


def test_deleting_a_row_of_another_model_is_one_delete_statement():
    """The page cache listens to page deletes only: other deletes stay Django's fast delete
    (no SELECT of the rows first)."""
    queued = QueuedEmail.objects.create(message={})
    with CaptureQueriesContext(connection) as queries:
        QueuedEmail.objects.filter(pk=queued.pk).delete()
    statements = [query["sql"] for query in queries if query["sql"].startswith("SELECT")]
    assert statements == []
