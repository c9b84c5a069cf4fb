"""First browser tests: a parent finds a fiche, a provider publishes it, the fiche is accessible."""

import datetime

import pytest
from playwright.sync_api import expect

from ..factories import OpeningHoursFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def fiche(live_site, make_location, organiser):
    """A live fiche of the provider's organiser, open on Mondays."""
    location = make_location(title="Kinderdagverblijf De Speelvogel", organiser=organiser)
    OpeningHoursFactory(
        page=location, weekday=0, opens=datetime.time(7, 30), closes=datetime.time(18, 0)
    )
    return location


def test_visitor_finds_a_fiche_from_the_home_page(page, fiche, location_index):
    page.goto("/")
    # By address, not by link text: the texts are translated.
    page.locator(f"main a[href='{location_index.url}']").click()
    expect(page.locator("h1")).to_have_text(location_index.title)

    page.get_by_role("link", name=fiche.title).click()
    expect(page.locator("h1")).to_have_text(fiche.title)
    hours = page.locator("section[aria-labelledby=hours-title]")
    expect(hours.locator("table")).to_contain_text("07:30\N{EN DASH}18:00")


def test_provider_publishes_a_new_title(page, login_as, provider, fiche):
    login_as(page, provider)
    page.goto(f"/admin/pages/{fiche.id}/edit/")
    page.locator("[name=title]").fill("Kinderdagverblijf De Vlinder")

    # Publish sits in the dropdown of the editor's action menu (Save draft is the main button).
    publish = page.locator("button[name=action-publish]")
    if not publish.is_visible():
        page.locator("footer .w-dropdown-button [aria-expanded]").click()
    publish.click()
    page.wait_for_url(lambda url: "/edit/" not in url)

    page.goto(fiche.url)
    expect(page.locator("h1")).to_have_text("Kinderdagverblijf De Vlinder")


def test_fiche_has_no_serious_accessibility_violations(page, axe, fiche):
    page.goto(fiche.url)
    violations = [v for v in axe(page) if v["impact"] in ("serious", "critical")]
    assert not violations, "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in violations
    )
