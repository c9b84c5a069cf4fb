"""Landing pages per municipality and neighbourhood under the location index."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext

from opvanglocaties.choices import AvailabilityStatus
from opvanglocaties.models import AgeGroupAvailability, LocationIndexPage
from opvanglocaties.presenters import FicheCard
from search.models import SearchPage

from ..factories import NeighbourhoodFactory, municipality

pytestmark = pytest.mark.django_db

GENT = "44021"
ANTWERPEN = "11002"


@pytest.fixture
def gent():
    return municipality(GENT)


@pytest.fixture
def sint_amandsberg(gent):
    return NeighbourhoodFactory(municipality=gent, name="Sint-Amandsberg", slug="sint-amandsberg")


@pytest.fixture
def ledeberg(gent):
    return NeighbourhoodFactory(municipality=gent, name="Ledeberg", slug="ledeberg")


def childcare_in(place):
    """The heading in the current language (Dutch once locale/ has the translation)."""
    return gettext("Childcare in %(place)s") % {"place": place}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_municipality_page_lists_its_locations_with_availability(
    client, location_index, make_location, gent, sint_amandsberg, ledeberg
):
    here = make_location(title="Crèche Het Bolleke", neighbourhood=sint_amandsberg)
    AgeGroupAvailability.objects.create(page=here, age_group="baby", status="free_now")
    make_location(title="Crèche Elders", municipality=municipality(ANTWERPEN), postcode="2000")

    url = location_index.landing_url(gent)
    assert url == "/kinderopvang/in/gent/"
    response = client.get(url)

    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text() == childcare_in("Gent")
    assert page.title.get_text().startswith(childcare_in("Gent"))
    assert page.find("link", rel="canonical")["href"] == "http://testserver/kinderopvang/in/gent/"
    assert "Gent" in page.find("meta", attrs={"name": "description"})["content"]
    cards = page.select("ul.cards li.card")
    assert [card.h2.get_text() for card in cards] == ["Crèche Het Bolleke"]
    assert str(AvailabilityStatus.FREE_NOW.label) in cards[0].get_text()
    # Every neighbourhood links to its own page; the breadcrumb leads back to the index.
    links = {a.get_text(): a["href"] for a in page.select(".neighbourhood-links a")}
    assert links == {
        "Ledeberg": "/kinderopvang/in/gent/ledeberg/",
        "Sint-Amandsberg": "/kinderopvang/in/gent/sint-amandsberg/",
    }
    crumbs = page.select(".breadcrumb a")
    assert crumbs[-1]["href"] == location_index.url
    assert page.select_one(".breadcrumb [aria-current=page]").get_text() == "Gent"


def test_neighbourhood_page_shows_only_that_neighbourhood(
    client, location_index, make_location, gent, sint_amandsberg, ledeberg
):
    make_location(title="Crèche Het Bolleke", neighbourhood=sint_amandsberg)
    make_location(title="Crèche Ledeberg", neighbourhood=ledeberg)

    response = client.get(location_index.landing_url(gent, sint_amandsberg))

    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text() == childcare_in("Sint-Amandsberg")
    assert [card.h2.get_text() for card in page.select("li.card")] == ["Crèche Het Bolleke"]
    assert page.find("link", rel="canonical")["href"].endswith("/in/gent/sint-amandsberg/")
    # Breadcrumbs: back to the municipality's page.
    assert page.select(".breadcrumb a")[-1]["href"] == "/kinderopvang/in/gent/"
    assert page.select_one(".breadcrumb [aria-current=page]").get_text() == "Sint-Amandsberg"


def test_landing_page_in_english(client, location_index, gent):
    response = client.get("/en" + location_index.landing_url(gent))
    assert response.status_code == 200
    assert soup(response).h1.get_text() == "Childcare in Gent"


def test_municipality_outside_the_region_with_locations_gets_a_page(
    client, location_index, make_location
):
    antwerpen = municipality(ANTWERPEN)
    assert client.get(location_index.landing_url(antwerpen)).status_code == 404
    make_location(title="Crèche Over De Grens", municipality=antwerpen, postcode="2000")
    response = client.get(location_index.landing_url(antwerpen))
    assert response.status_code == 200
    assert "Crèche Over De Grens" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/kinderopvang/in/atlantis/",
        "/kinderopvang/in/gent/atlantis/",
        "/kinderopvang/in/antwerpen/",  # a real municipality the region does not serve
        "/kinderopvang/in/antwerpen/zuid/",
        "/kinderopvang/in/%3Cscript%3E/",
        "/kinderopvang/in/gent/sint-amandsberg/extra/",
    ],
)
def test_unknown_places_are_a_dutch_404(client, location_index, sint_amandsberg, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()  # the portal's Dutch 404 page


def test_a_neighbourhood_slug_of_another_municipality_is_a_404(client, location_index, gent):
    NeighbourhoodFactory(municipality=municipality(ANTWERPEN), name="Zuid", slug="zuid")
    assert client.get("/kinderopvang/in/gent/zuid/").status_code == 404


def test_drafts_are_not_listed(client, location_index, make_location, gent):
    draft = make_location(title="Crèche In Opbouw")
    draft.unpublish()
    response = client.get(location_index.landing_url(gent))
    assert "Crèche In Opbouw" not in response.content.decode()


def test_landing_page_is_paginated_and_a_bad_page_number_is_no_error(
    client, location_index, make_location, gent, monkeypatch
):
    monkeypatch.setattr(LocationIndexPage, "page_size", 2)
    for number in range(3):
        make_location(title=f"Crèche {number}")
    url = location_index.landing_url(gent)
    second = soup(client.get(url + "?pagina=2"))
    assert [card.h2.get_text() for card in second.select("li.card")] == ["Crèche 2"]
    assert second.select_one("a[rel=prev]")["href"] == "?pagina=1"
    for bad in ("abc", "-1", "999999999999", "1%00", "1e9"):
        assert client.get(url + f"?pagina={bad}").status_code == 200


def test_landing_page_links_to_the_search_page_prefiltered(
    client, home_page, location_index, gent, sint_amandsberg
):
    assert not soup(client.get(location_index.landing_url(gent))).select("a.button")

    search = home_page.add_child(instance=SearchPage(title="Zoeken", slug="zoeken"))
    page = soup(client.get(location_index.landing_url(gent)))
    assert page.select_one("a.button")["href"] == f"{search.url}?gemeente=gent"
    page = soup(client.get(location_index.landing_url(gent, sint_amandsberg)))
    assert page.select_one("a.button")["href"] == f"{search.url}?gemeente=gent&wijk=sint-amandsberg"


def test_landing_page_query_count_does_not_grow_with_locations(
    client, location_index, make_location, gent, sint_amandsberg
):
    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured), response

    def add(count):
        for _ in range(count):
            location = make_location(neighbourhood=sint_amandsberg)
            AgeGroupAvailability.objects.create(page=location, age_group="baby", status="full")

    municipality_url = location_index.landing_url(gent)
    neighbourhood_url = location_index.landing_url(gent, sint_amandsberg)
    add(5)
    client.get(municipality_url)  # warms Wagtail's cache of site root paths
    few, response = queries(municipality_url)
    assert len(soup(response).select("li.card")) == 5
    few_wijk, _ = queries(neighbourhood_url)
    add(35)
    many, response = queries(municipality_url)
    assert len(soup(response).select("li.card")) == 30  # one page
    many_wijk, _ = queries(neighbourhood_url)
    assert (many, many_wijk) == (few, few_wijk)


def test_the_map_shows_every_location_of_the_place(
    client, location_index, make_location, gent, ledeberg
):
    make_location(title="In Ledeberg", neighbourhood=ledeberg)
    make_location(title="Elders in Gent")

    page = soup(client.get(location_index.landing_url(gent, ledeberg) + "?pagina=1&q=x"))
    container = page.select_one("[data-results-map]")
    # The map reads the search's map data for this place, all pages, without an origin.
    assert container["data-source"] == "/kaart/opvanglocaties.json?gemeente=gent&wijk=ledeberg"
    assert container.has_attr("data-without-origin")
    data = client.get(container["data-source"]).json()
    assert [location["title"] for location in data["locations"]] == ["In Ledeberg"]

    whole = soup(client.get(location_index.landing_url(gent))).select_one("[data-results-map]")
    assert whole["data-source"] == "/kaart/opvanglocaties.json?gemeente=gent"


def test_sitemap_lists_every_landing_page(rf, location_index, gent, sint_amandsberg):
    locations = {row["location"] for row in location_index.get_sitemap_urls(rf.get("/"))}
    assert locations == {
        "http://testserver/kinderopvang/",
        "http://testserver/kinderopvang/in/gent/",
        "http://testserver/kinderopvang/in/gent/sint-amandsberg/",
    }


def test_landing_url_template_tag_for_the_home_page(rf, location_index, gent, sint_amandsberg):
    template = Template(
        "{% load fiche_tags %}{% landing_url index gent %}|{% landing_url index gent wijk %}"
        "|{% landing_url None gent %}"
    )
    html = template.render(
        Context(
            {"request": rf.get("/"), "index": location_index, "gent": gent, "wijk": sint_amandsberg}
        )
    )
    assert html == "/kinderopvang/in/gent/|/kinderopvang/in/gent/sint-amandsberg/|"


# The map include (search/templates/search/includes/map.html) and its policy


def test_map_include_renders_the_container_and_its_static_files(settings):
    settings.OPVANGPUNT_MAP_TILES_URL = "https://tiles.example/{z}/{x}/{y}.png"
    settings.OPVANGPUNT_MAP_ATTRIBUTION = '© "Kaart" <b>makers</b>'
    html = render_to_string("search/includes/map.html")
    page = BeautifulSoup(html, "html.parser")
    container = page.select_one("div.results-map[data-results-map]")
    assert container["data-tiles-url"] == "https://tiles.example/{z}/{x}/{y}.png"
    assert container["data-attribution"] == '© "Kaart" <b>makers</b>'
    assert "<b>" not in html  # escaped in the attribute, shown as text by map.js
    assert container["data-icon-url"].endswith("leaflet/images/marker-icon.png")
    scripts = [script["src"] for script in page.find_all("script")]
    assert scripts == [
        "/static/search/vendor/leaflet/leaflet.js",
        "/static/search/vendor/leaflet.markercluster/leaflet.markercluster.js",
        "/static/search/map.js",
    ]
    assert all(script.has_attr("defer") for script in page.find_all("script"))
    styles = {link["href"] for link in page.find_all("link", rel="stylesheet")}
    assert styles == {
        "/static/search/vendor/leaflet/leaflet.css",
        "/static/search/vendor/leaflet.markercluster/MarkerCluster.css",
        "/static/search/vendor/leaflet.markercluster/MarkerCluster.Default.css",
        "/static/search/map.css",
    }


def test_map_include_without_tiles_in_tests():
    container = BeautifulSoup(render_to_string("search/includes/map.html"), "html.parser").div
    assert container["data-tiles-url"] == ""


def test_fiche_card_escapes_its_title(rf, make_location):
    fiche = make_location(title='<img src=x onerror="alert(1)">', latitude=51.05, longitude=3.72)
    request = rf.get("/")
    html = render_to_string(
        "opvanglocaties/includes/fiche_card.html",
        {"card": FicheCard.of(fiche, request)},
        request=request,
    )
    assert "<img" not in html
    card = BeautifulSoup(html, "html.parser").li
    assert card.h2.a.get_text() == fiche.title
    assert not card.has_attr("data-lat")  # the map has its own data (search/map_data.py)


def test_public_policy_allows_the_tile_server_only_when_configured(
    client, settings, location_index, gent
):
    url = location_index.landing_url(gent)
    assert "tile" not in client.get(url)["Content-Security-Policy"]
    settings.OPVANGPUNT_MAP_TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    policy = client.get(url)["Content-Security-Policy"]
    assert "img-src 'self' data: https://tile.openstreetmap.org" in policy
    assert "unsafe-inline" not in policy
    settings.OPVANGPUNT_MAP_TILES_URL = "https://{s}.tiles.example/{z}/{x}/{y}.png"
    assert "https://*.tiles.example" in client.get(url)["Content-Security-Policy"]
    # Admin keeps its own policy, without the tile server.
    assert "tiles.example" not in client.get("/admin/login/")["Content-Security-Policy"]


def test_landing_page_has_no_inline_script_or_style(client, location_index, make_location, gent):
    make_location()
    page = soup(client.get(location_index.landing_url(gent)))
    inline = [s for s in page.find_all("script") if not s.get("src")]
    assert all(s.get("type") == "application/ld+json" for s in inline)
    assert not page.find_all("style")
    assert not page.find_all(style=True)
