"""A parent searches by neighbourhood, widens to the buurgemeenten, compares and requests."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(live_site, search_page, make_location, wijken, buren):
    ledeberg, gentbrugge = wijken
    merelbeke, destelbergen = buren
    return {
        "ledeberg": make_location(title="Kinderdagverblijf Ledeberg", neighbourhood=ledeberg),
        "gentbrugge": make_location(title="Crèche Gentbrugge", neighbourhood=gentbrugge),
        "merelbeke": make_location(
            title="Onthaal Merelbeke", municipality=merelbeke, postcode="9820", latitude=50.99
        ),
        "destelbergen": make_location(
            title="Peuterhuis Destelbergen", municipality=destelbergen, postcode="9070"
        ),
    }


def test_neighbourhood_then_buurgemeenten_then_compare_then_request(page, world, axe):
    page.goto("/zoeken/?gemeente=gent")
    page.locator("details.filter-group summary", has_text="Wijken").click()
    page.locator(".search-form [name=wijk][value=ledeberg]").check()
    page.locator(".search-form button[type=submit]").click()
    results = page.locator(".search-results li.card h3")
    expect(results).to_have_text(["Kinderdagverblijf Ledeberg"])

    page.locator("[name=buurgemeenten]").check()
    page.locator(".search-form button[type=submit]").click()
    expect(results).to_have_count(3)
    expect(page.locator(".scope")).to_contain_text("Merelbeke-Melle")
    assert "buurgemeenten=on" in page.url and "wijk=ledeberg" in page.url

    violations = [v for v in axe(page) if v["impact"] in ("serious", "critical")]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]

    chosen = [world[key] for key in ("ledeberg", "merelbeke", "destelbergen")]
    for location in chosen:
        page.locator(f"#locatie-{location.pk}").check()
    page.locator(".compare-form button[type=submit]").first.click()

    expect(page.locator(".compare-table thead th")).to_have_count(3)
    query = parse_qs(urlsplit(page.url).query)
    ids = query["locaties"][0]
    assert sorted(int(pk) for pk in ids.split(",")) == sorted(loc.pk for loc in chosen)
    assert query["wijk"] == ["ledeberg"]  # distances on the compare page: from Ledeberg
    expect(page.locator(".compare-table")).to_contain_text("Ledeberg")

    page.locator(f"a[href='/aanvragen/?locaties={ids}']").click()
    page.wait_for_url(f"**/aanvragen/?locaties={ids}")
    expect(page.locator(".chosen-summary li")).to_have_count(3)


def test_a_place_typed_in_the_home_page_box(page, world):
    page.goto("/")
    page.fill("#home-search-q", "Gent Ledeberg")
    page.locator(".search-box button[type=submit]").click()
    expect(page.locator(".search-results .understood")).to_have_text("Gezocht in Ledeberg")
    expect(page.locator(".search-results li.card h3")).to_have_text(["Kinderdagverblijf Ledeberg"])
    expect(page.locator(".search-form [name=gemeente]")).to_have_value("Gent")
    expect(page.locator(".search-form [name=wijk][value=ledeberg]")).to_be_checked()
    expect(page.locator(".search-form [name=q]")).to_have_value("")
