"""The results map on a landing page: markers with popups, and a list that works without it."""

import pytest
from playwright.sync_api import expect

from ..factories import NeighbourhoodFactory, municipality

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
