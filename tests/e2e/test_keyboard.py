"""Keyboard and screen-reader use of the search (issue 14 item 10): after a search the focus
is on the results heading, a skip link leads there, map markers stay out of the tab order,
and a typed month is understood."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


@pytest.fixture
def results(live_site, search_page, make_location):
    for n, (lat, lng) in enumerate([(51.05, 3.72), (51.04, 3.73), (51.06, 3.71)]):
        make_location(title=f"Crèche {n}", latitude=lat, longitude=lng)


def focused_id(page):
    return page.evaluate("document.activeElement && document.activeElement.id")


def test_after_a_search_the_focus_is_on_the_results_heading(page, results):
    page.goto("/zoeken/")
    assert focused_id(page) != "results-title"  # a first visit starts at the top

    page.locator(".search-form [name=gemeente]").fill("Gent")
    page.locator(".search-form button[type=submit]").first.click()

    page.wait_for_url("**/zoeken/?*")
    expect(page.locator("#results-title")).to_be_focused()
    expect(page.locator("#results-title")).to_contain_text("3 opvanglocaties")
    # One Tab further is inside the results, not back at the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate(
        "document.querySelector('.search-results').contains(document.activeElement)"
    )


def test_a_skip_link_leads_to_the_results(page, results):
    page.goto("/zoeken/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de resultaten")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#results-title")).to_be_focused()


def test_map_markers_are_not_tab_stops(page, results):
    page.goto("/zoeken/?gemeente=gent")
    markers = page.locator(".results-map .leaflet-marker-icon")
    expect(markers).to_have_count(3)
    tab_stops = markers.evaluate_all("(icons) => icons.filter((icon) => icon.tabIndex >= 0).length")
    assert tab_stops == 0


def test_a_typed_month_is_understood(page, results):
    year = timezone.localdate().year + 1
    page.goto("/zoeken/")
    month = page.locator(".search-form [name=vanaf]")
    if not month.is_visible():  # the extra filters are folded away
        page.locator("details.filter-group:has([name=vanaf]) > summary").click()
    page.locator(".search-form [name=beschikbaar]").select_option("vanaf")
    assert month.get_attribute("type") == "text"  # not type=month: arrow keys only in Chromium
    month.fill(f"maart {year}")
    page.locator(".search-form button[type=submit]").first.click()

    page.wait_for_url("**/zoeken/?*")
    expect(page.locator(".search-form [name=vanaf]")).to_have_value(f"maart {year}")
    expect(page.locator(".errorlist")).to_have_count(0)
    assert datetime.date(year, 3, 1) > timezone.localdate()
