"""The results map on a landing page and the search page: every location (clustered), the
search's origin and radius, popups with price and availability, no marker a tab stop, and a
list that works without it."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from opvanglocaties.choices import SubsidyFramework, TariffType

from ..factories import NeighbourhoodFactory, municipality
from ..search.world import FREE_NOW, set_availability

pytestmark = pytest.mark.e2e

PLACES = [
    ("Crèche Het Bolleke", 51.0645, 3.7480),
    ("Crèche De Kleine Prins", 51.0543, 3.7174),
    ("Crèche <b>Vet</b> & Co", 51.0380, 3.7300),
]


@pytest.fixture
def landing_url(live_site, location_index, make_location):
    gent = municipality("44021")
    wijk = NeighbourhoodFactory(municipality=gent, name="Sint-Amandsberg", slug="sint-amandsberg")
    for title, latitude, longitude in PLACES:
        make_location(title=title, latitude=latitude, longitude=longitude, neighbourhood=wijk)
    return location_index.landing_url(gent)


def test_landing_page_shows_a_marker_per_location_with_a_linked_popup(page, landing_url):
    errors = []

    def failed(response):
        # The favicon is not ours to test; every script, style and image of the map is.
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            errors.append(f"{response.status} {response.url}")

    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", failed)
    page.goto(landing_url)

    markers = page.locator(".results-map .leaflet-marker-icon")
    expect(markers).to_have_count(3)
    page.locator(".results-map .leaflet-marker-icon[title='Crèche <b>Vet</b> & Co']").click()

    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_be_visible()
    link = popup.locator("a")
    # The title is text, not markup: no <b> element appears.
    expect(link).to_have_text("Crèche <b>Vet</b> & Co")
    expect(popup.locator("b")).to_have_count(0)
    expect(popup).to_contain_text("Sint-Amandsberg")
    link.click()
    expect(page.locator("h1")).to_have_text("Crèche <b>Vet</b> & Co")
    assert not errors, errors


def test_without_javascript_the_list_is_all_there(browser, live_server, page, landing_url):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.goto(landing_url)
        expect(plain.locator("li.card h2")).to_have_count(3)
        expect(plain.locator(".results-map")).to_be_hidden()
        expect(plain.locator(".leaflet-marker-icon")).to_have_count(0)
        plain.get_by_role("link", name="Crèche Het Bolleke").click()
        expect(plain.locator("h1")).to_have_text("Crèche Het Bolleke")
    finally:
        context.close()


# The search page's map (issue 14 item 11): every match, clustered, with origin and radius.

CLUSTERED = 30  # around one point: more than a page of results (search.results.PAGE_SIZE)


@pytest.fixture
def search_url(live_site, search_page, make_location):
    today = timezone.localdate()
    for number in range(CLUSTERED):
        make_location(
            title=f"Crèche Dicht {number:02}",
            latitude=51.05 + (number % 6) * 0.0004,
            longitude=3.72 + (number // 6) * 0.0004,
        )
    apart = make_location(
        title="Crèche Apart",
        latitude=51.09,
        longitude=3.80,
        tariff_type=TariffType.FREE_PRICE,
        subsidy_framework=SubsidyFramework.BASIC,
        day_price="32.50",
    )
    set_availability(apart, FREE_NOW)
    stale = make_location(
        title="Crèche Oud",
        latitude=51.01,
        longitude=3.64,
        availability_confirmed_on=today - datetime.timedelta(days=400),
    )
    set_availability(stale, FREE_NOW)
    return "/zoeken/?postcode=9000&afstand=15"


def shown_locations(page):
    """How many locations the map shows: the single pins plus what each cluster holds."""
    return page.evaluate(
        """() => {
            const map = document.querySelector('.results-map');
            const pins = map.querySelectorAll(
                '.leaflet-marker-icon:not(.marker-cluster):not(.map-origin)').length;
            const clustered = [...map.querySelectorAll('.marker-cluster span')]
                .reduce((sum, span) => sum + Number(span.textContent), 0);
            return pins + clustered;
        }"""
    )


def test_search_map_shows_every_match_clustered_with_origin_and_radius(page, search_url, axe):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(search_url)

    expect(page.locator("li.card")).to_have_count(20)  # the list: one page
    expect(page.locator(".results-map[data-loaded]")).to_have_attribute(
        "data-loaded", str(CLUSTERED + 2)
    )
    expect(page.locator(".results-map .marker-cluster").first).to_be_visible()
    assert shown_locations(page) == CLUSTERED + 2  # the map: all of them

    origin = page.locator(".results-map .map-origin")
    expect(origin).to_have_count(1)
    expect(origin).to_have_attribute("title", "Waar de zoekopdracht begint: 9000")
    expect(page.locator(".results-map path.map-radius")).to_have_count(1)

    assert not errors, errors
    assert axe(page) == []


def test_the_topmost_pin_is_not_cut_off(page, search_url):
    page.goto("/zoeken/?gemeente=gent")  # no circle: the map fits the pins themselves
    pin = page.locator(".results-map .leaflet-marker-icon[title='Crèche Apart']")
    expect(pin).to_be_visible()
    top, frame = pin.bounding_box(), page.locator(".results-map").bounding_box()
    assert top["y"] >= frame["y"]


def test_search_map_popups_show_price_and_availability(page, search_url, axe):
    page.goto(search_url)

    page.locator(".results-map .leaflet-marker-icon[title='Crèche Apart']").click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("€ 32,50 per dag")
    expect(popup.locator(".status-free_now")).to_contain_text("nu vrije plaatsen")
    assert axe(page) == []

    page.locator(".results-map .leaflet-marker-icon[title='Crèche Oud']").click()
    popup = page.locator(".leaflet-popup-content", has_text="Crèche Oud")
    expect(popup).to_contain_text("Inkomensgerelateerd tarief (IKT)")
    # Old availability is never a green "free now" on the map either.
    expect(popup.locator(".status-free_now")).to_have_count(0)
    expect(popup.locator(".status-unconfirmed")).to_have_count(1)
    expect(popup).to_contain_text("Beschikbaarheid niet recent bevestigd")


def test_no_marker_or_cluster_is_a_tab_stop(page, search_url):
    page.goto(search_url)
    expect(page.locator(".results-map .marker-cluster").first).to_be_visible()
    icons = page.locator(".results-map .leaflet-marker-icon")
    assert icons.count() > 3  # pins, clusters and the origin
    tab_stops = icons.evaluate_all("(icons) => icons.filter((icon) => icon.tabIndex >= 0).length")
    assert tab_stops == 0


def test_without_javascript_the_search_lists_its_results(browser, live_server, page, search_url):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.goto(search_url)
        expect(plain.locator("li.card")).to_have_count(20)
        expect(plain.locator(".results-map")).to_be_hidden()
        expect(plain.locator("nav.pagination")).to_be_visible()
    finally:
        context.close()
