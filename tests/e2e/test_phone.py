"""A parent on a 375-pixel phone: no page wider than the screen, results before the filters.

Gent with its 25 wijken, an income-related fiche (the card's longest word, "Inkomensgerelateerd",
must wrap) and three locations to compare, as a parent on a phone meets them.
"""

import pytest
from playwright.sync_api import expect

from tests.factories import NeighbourhoodFactory
from tests.search.world import FREE_NOW, set_availability, set_hours

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 740}
# A search with results and active filters: a wijk, the care type, the IKT tariff, a sort.
FILTERED = "/zoeken/?gemeente=gent&wijk=wijk-07&type=group&ikt=on&beschikbaar=nu"


@pytest.fixture
def phone_world(live_site, search_page, gent, make_location):
    """Gent with 25 wijken and five locations in one of them."""
    wijken = [
        NeighbourhoodFactory(municipality=gent, name=f"Wijk {n:02d}", slug=f"wijk-{n:02d}")
        for n in range(1, 26)
    ]
    locations = []
    for n in range(5):
        location = make_location(
            title=f"Kinderdagverblijf Zonnebloemetjesparadijs {n}", neighbourhood=wijken[6]
        )
        set_availability(location, FREE_NOW)
        set_hours(location)
        locations.append(location)
    return locations


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


def fits(page):
    """Whether the page is no wider than the phone's screen (no horizontal scroll)."""
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def serious(violations):
    return [
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def test_no_page_is_wider_than_the_phone(phone, phone_world, home_page, axe):
    locations = phone_world
    ids = ",".join(str(location.pk) for location in locations[:3])
    pages = [
        "/",
        FILTERED,
        locations[0].url,
        f"/vergelijken/?locaties={ids}",
        f"/aanvragen/?locaties={ids}",
    ]
    for url in pages:
        phone.goto(url)
        assert fits(phone), (url, phone.evaluate("document.documentElement.scrollWidth"))
    phone.goto(FILTERED)
    expect(phone.locator(".search-results li.card")).to_have_count(5)
    assert not serious(axe(phone))


def test_results_come_before_the_filters(phone, phone_world):
    phone.goto(FILTERED)
    first = phone.locator(".search-results li.card").first
    expect(first).to_be_visible()
    top = first.evaluate("(card) => card.getBoundingClientRect().top + window.scrollY")
    assert top < 2 * PHONE["height"], top


def test_filters_fold_behind_a_control_with_the_active_count(phone, phone_world, axe):
    phone.goto(FILTERED)
    toggle = phone.locator(".search-form details.filters > summary")
    # gemeente, wijk, type, ikt, beschikbaar: five filters.
    expect(toggle).to_have_text("Filters (5)")
    wijk = phone.locator(".search-form [name=wijk][value=wijk-07]")
    expect(wijk).to_be_hidden()

    toggle.focus()
    phone.keyboard.press("Enter")
    expect(phone.locator(".search-form details.filters")).to_have_attribute("open", "")
    expect(phone.locator(".search-form [name=gemeente]")).to_be_visible()
    # The 25 wijken and the extra filters stay folded in their own groups, but open when set.
    expect(wijk).to_be_visible()
    assert fits(phone)
    assert not serious(axe(phone))


def test_filters_show_beside_the_results_on_a_wide_screen(page, phone_world):
    page.goto(FILTERED)  # the default window: 1280 wide
    expect(page.locator(".search-form details.filters > summary")).to_be_hidden()
    expect(page.locator(".search-form [name=gemeente]")).to_be_visible()
    expect(page.locator(".search-form [name=wijk][value=wijk-07]")).to_be_visible()
    expect(page.locator(".facets a", has_text="Wijk 07")).to_be_visible()


def test_compare_keeps_the_labels_narrow_and_in_view(phone, phone_world, axe):
    ids = ",".join(str(location.pk) for location in phone_world[:3])
    phone.goto(f"/vergelijken/?locaties={ids}")
    label = phone.locator(".compare-table tbody th").first
    wrapper = phone.locator(".compare-table-wrapper")
    label_width = label.evaluate("(th) => th.getBoundingClientRect().width")
    wrapper_width = wrapper.evaluate("(el) => el.getBoundingClientRect().width")
    assert label_width <= wrapper_width * 0.36, (label_width, wrapper_width)

    # Scrolling to the third location keeps the row labels in view.
    wrapper.evaluate("(el) => { el.scrollLeft = el.scrollWidth; }")
    left = label.evaluate("(th) => th.getBoundingClientRect().left")
    wrapper_left = wrapper.evaluate("(el) => el.getBoundingClientRect().left")
    assert abs(left - wrapper_left) < 2, (left, wrapper_left)
    assert fits(phone)
    assert not serious(axe(phone))
