"""What is kept until the next publication (issue 15) stays correct and is never personal.

The request's Site and region, the menus and footer (per generation), a fiche's and the home
page's rendered body (`generation_cache`), and Wagtail's routing in one query
(`core.routing`): a publish, unpublish, move or availability confirmation shows up in the next
fiche view and search, and the query counts stay low and constant as fiches are added.
"""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from core import cache as page_cache
from core import sitecache
from core.cache import (
    GENERATION_KEY,
    GenerationPerRequestMiddleware,
    generation,
    invalidate,
    kept_values,
    remembered,
)
from opvanglocaties.models import LocationPage, OrganiserPage, Region

from ..factories import OrganiserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fragments_cached(settings):
    settings.FRAGMENT_CACHE_SECONDS = 600


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def publish(page, **changes):
    page = LocationPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_the_routing_reads_the_pages_on_the_way_at_once(rf, make_location, home_page):
    fiche = make_location(title="Het Kasteeltje")
    components = [part for part in fiche.url.split("/") if part]
    home = home_page.specific
    with CaptureQueriesContext(connection) as ours:
        assert home.route(rf.get("/"), components).page.pk == fiche.pk
    with CaptureQueriesContext(connection) as wagtails:
        assert Page.route(home, rf.get("/"), components).page.pk == fiche.pk
    # The pages on the way (one query) and the fiche's own row (one): not two per level.
    assert len(ours) == 2
    assert len(wagtails) > len(ours)
    # Where the path leads is kept until the next publication: then only the fiche's row.
    with CaptureQueriesContext(connection) as again:
        assert home.route(rf.get("/"), components).page.pk == fiche.pk
    assert len(again) == 1


def test_a_kept_route_follows_a_rename_an_unpublish_and_a_delete(
    client, rf, make_location, home_page
):
    fiche = make_location(title="Het Kasteeltje")
    old_url = fiche.url
    assert client.get(old_url).status_code == 200
    publish(fiche, slug="het-nieuwe-kasteeltje")
    renamed = LocationPage.objects.get(pk=fiche.pk)
    assert renamed.url.endswith("/het-nieuwe-kasteeltje/")
    assert client.get(old_url).status_code == 404
    assert client.get(renamed.url).status_code == 200
    renamed.unpublish()
    assert client.get(renamed.url).status_code == 404
    other = make_location(title="Zonnestraal")
    assert client.get(other.url).status_code == 200
    # Changed without a publication (a script, a shell, or a publication not committed yet
    # when a visitor's walk kept the route): the kept route is checked against the row.
    LocationPage.objects.filter(pk=other.pk).update(live=False)
    assert client.get(other.url).status_code == 404
    LocationPage.objects.filter(pk=other.pk).update(live=True)
    assert client.get(other.url).status_code == 200
    old_url, parent = other.url, other.get_parent()
    LocationPage.objects.filter(pk=other.pk).update(
        slug="zonnestraal-nieuw", url_path=f"{parent.url_path}zonnestraal-nieuw/"
    )
    assert client.get(old_url).status_code == 404
    url = LocationPage.objects.get(pk=other.pk).url
    assert client.get(url).status_code == 200
    Page.objects.get(pk=other.pk).delete()
    assert client.get(url).status_code == 404


def test_the_routing_answers_as_wagtail_does(rf, make_location, location_index, home_page):
    fiche = make_location()
    request = rf.get("/")
    components = [part for part in fiche.url.split("/") if part]
    assert home_page.specific.route(request, components).page.pk == fiche.pk
    wagtail = Page.route(Page.objects.get(pk=home_page.pk), request, components)
    assert wagtail.page.pk == fiche.pk
    with pytest.raises(Exception) as missing:
        home_page.specific.route(request, [*components[:-1], "bestaat-niet"])
    assert missing.typename == "Http404"
    # A page that routes by itself (the index's landing pages) gets the rest of the path.
    landing = home_page.specific.route(request, [location_index.slug, "in", "gent"])
    assert landing.page.pk == location_index.pk


def test_a_publish_shows_in_the_next_fiche_view(client, make_location):
    fiche = make_location(title="Oude naam", availability_confirmed_on=datetime.date(2026, 1, 5))
    assert "Oude naam" in client.get(fiche.url).content.decode()
    publish(fiche, title="Nieuwe naam")
    assert "Nieuwe naam" in client.get(fiche.url).content.decode()


def test_an_availability_confirmation_shows_in_the_next_fiche_view_and_search(
    client, make_location, search_page
):
    fiche = make_location(title="Bevestigd", availability_confirmed_on=datetime.date(2026, 1, 5))
    assert "5 januari 2026" in client.get(fiche.url).content.decode()
    assert "5 januari 2026" in client.get("/zoeken/", {"q": "Bevestigd"}).content.decode()
    publish(fiche, availability_confirmed_on=datetime.date(2026, 11, 30))
    assert "30 november 2026" in client.get(fiche.url).content.decode()
    assert "30 november 2026" in client.get("/zoeken/", {"q": "Bevestigd"}).content.decode()


def test_an_unpublish_shows_in_the_next_fiche_view_and_search(client, make_location, search_page):
    fiche = make_location(title="Verdwijnpunt")
    link = f'href="{fiche.url}"'
    client.get(fiche.url)
    assert link in client.get("/zoeken/", {"q": "Verdwijnpunt"}).content.decode()
    fiche.unpublish()
    assert client.get(fiche.url).status_code == 404
    assert link not in client.get("/zoeken/", {"q": "Verdwijnpunt"}).content.decode()


def test_a_move_shows_in_the_next_fiche_view_and_search(
    client, make_location, location_index, search_page
):
    fiche = make_location(title="Verhuisd")
    old_url = fiche.url
    client.get(old_url)
    other = OrganiserFactory()
    make_location(organiser=other)
    folder = OrganiserPage.objects.get(organiser=other)
    fiche.move(folder, pos="last-child")
    fiche = LocationPage.objects.get(pk=fiche.pk)
    assert fiche.url != old_url
    # Wagtail leaves a redirect from the old address to the new one.
    assert client.get(old_url)["Location"] == fiche.url
    assert "Verhuisd" in client.get(fiche.url).content.decode()
    assert fiche.url in client.get("/zoeken/", {"q": "Verhuisd"}).content.decode()


def test_a_preview_is_never_kept(client, make_location, loket_user):
    fiche = make_location(title="Gepubliceerde naam")
    client.force_login(loket_user)
    fiche.title = "Naam in het concept"
    fiche.save_revision()
    preview = client.get(f"/admin/pages/{fiche.pk}/edit/preview/")
    client.logout()
    assert client.get(fiche.url).status_code == 200
    body = client.get(fiche.url).content.decode()
    assert "Gepubliceerde naam" in body
    assert "Naam in het concept" not in body
    assert preview.status_code in (200, 405)


def test_nothing_personal_is_kept_in_a_fiche(client, make_location, provider):
    fiche = make_location(title="Voor iedereen")
    client.force_login(provider)
    personal = client.get(fiche.url).content.decode()
    assert provider.username in personal or "userbar" in personal  # the editor's own chrome
    client.logout()
    anonymous = client.get(fiche.url).content.decode()
    assert "userbar" not in anonymous
    assert provider.username not in anonymous


def test_a_changed_region_is_not_served_from_the_cache(rf, region, home_page):
    request = rf.get("/")
    assert Region.objects.for_request(request).pk == region.pk
    region.name = "Nieuwe naam"
    region.save()
    assert Region.objects.for_request(rf.get("/")).name == "Nieuwe naam"


def test_a_changed_site_is_not_served_from_the_cache(rf, home_page):
    assert sitecache.cached_site(rf.get("/")).root_page.pk == home_page.pk
    site = Site.objects.get()
    site.hostname = "elders.example"
    site.is_default_site = False
    site.save()
    assert sitecache.cached_site(rf.get("/")) is None


def test_fiche_and_home_queries_stay_low_and_constant(client, make_location, home_page, gent):
    first = make_location(municipality=gent)
    organiser = OrganiserFactory()
    client.get(first.url)
    client.get("/")
    fiche_few, _response = count_queries(client, first.url)
    home_few, _response = count_queries(client, "/")
    for _number in range(25):
        make_location(organiser=organiser, municipality=gent)
    # A factory adds pages without publishing: what the editors' publish would do.
    invalidate()
    client.get(first.url)
    client.get("/")
    fiche_many, _response = count_queries(client, first.url)
    home_many, _response = count_queries(client, "/")
    assert fiche_few == fiche_many <= 10
    assert home_few == home_many <= 8


def test_each_request_gets_its_own_copy_of_the_cached_site(rf, home_page):
    first = sitecache.cached_site(rf.get("/"))
    first.root_page.set_by_one_request = True
    first.hostname = "changed.example"
    second = sitecache.cached_site(rf.get("/"))
    assert second.root_page.pk == home_page.pk
    assert not hasattr(second.root_page, "set_by_one_request")
    assert second.hostname == "testserver"


@pytest.fixture
def generation_reads(monkeypatch):
    """Each time the shared cache is asked for the generation."""
    reads = []
    original = cache.get

    def counting_get(key, *args, **kwargs):
        if key == GENERATION_KEY:
            reads.append(key)
        return original(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", counting_get)
    return reads


def test_a_page_of_results_reads_the_generation_once(
    client, make_location, search_page, gent, generation_reads
):
    # Every kept card, fragment and place list is keyed by the generation: a page of results
    # asked the shared cache for it once per card (a round trip each with Redis).
    for number in range(6):
        make_location(title=f"Kinderdagverblijf {number}", municipality=gent)
    client.get("/zoeken/", {"gemeente": "gent"})  # draws and keeps the cards
    generation_reads.clear()
    response = client.get("/zoeken/", {"gemeente": "gent"})
    assert response.content.decode().count('class="card') >= 6
    assert len(generation_reads) == 1


def test_a_publication_during_a_request_is_seen_in_that_request(rf, generation_reads):
    invalidate()  # the generation is set (a first read would set it and read it again)
    seen = []

    def view(request):
        seen.append(generation())
        seen.append(generation())
        invalidate()
        seen.append(generation())
        return HttpResponse()

    GenerationPerRequestMiddleware(view)(rf.get("/"))
    assert seen[0] == seen[1] != seen[2]
    assert len(generation_reads) == 2
    # Outside a request every call asks the cache: a worker sees the next publication.
    generation()
    generation()
    assert len(generation_reads) == 4


def test_a_publication_bumps_the_generation_again_when_it_commits(
    django_capture_on_commit_callbacks,
):
    # A visitor's request that reads the new generation before the publication commits
    # draws (and keeps) the old content under it: the bump after the commit makes that stale.
    before = generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        invalidate()
        during = generation()
    assert len(callbacks) == 1
    assert before != during != generation()


def test_a_request_begun_before_a_publication_keeps_nothing():
    old = generation()
    invalidate()
    assert remembered("menu", lambda: "after") == "after"
    token = page_cache._request_generation.set([old])  # read before the publication
    try:
        assert remembered("menu", lambda: "before") == "before"
        assert kept_values() == {}
    finally:
        page_cache._request_generation.reset(token)
    # The newer generation's values were neither replaced nor dropped.
    assert remembered("menu", lambda: "again") == "after"
