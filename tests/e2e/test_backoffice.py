"""A provider decides on a request in Chromium, and the parent accepts the offer.

The provider logs in with a second factor, opens a new request (no contact data), accepts it
for review (now email and phone), offers a place with a message; the parent's private link
shows the offer and accepts it; the other location's row closes and its detail view hides
the contact data. axe-core checks the detail view."""

import pytest
from playwright.sync_api import expect

from aanvraagformulier.services import private_url

from ..aanvraagformulier.backoffice import make_request, staff_of
from ..factories import OrganiserFactory

pytestmark = pytest.mark.e2e

EMAIL, PHONE = "sofie.peeters@voorbeeld.be", "0470 12 34 56"


def serious(violations):
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def test_provider_decides_and_the_parent_accepts_the_offer(
    page, browser, browser_context_args, live_site, region, make_location, login_as, axe
):
    mine, theirs = OrganiserFactory(), OrganiserFactory()
    here = make_location(organiser=mine, title="Kinderdagverblijf Aster")
    there = make_location(organiser=theirs, title="Kinderdagverblijf Beuk")
    filed = make_request(region, [here, there])
    row, other = filed.locations.get(location=here), filed.locations.get(location=there)

    login_as(page, staff_of(mine))
    page.goto(f"/admin/aanvragen/{row.pk}/")
    data = page.locator("dl.request-fields")
    expect(data).to_contain_text("Sofie")
    expect(data).not_to_contain_text(EMAIL)
    expect(data).not_to_contain_text(PHONE)
    assert serious(axe(page)) == []

    page.click("button[value=accept_for_review]")
    expect(page.locator("dl.request-fields")).to_contain_text(EMAIL)
    expect(page.locator("dl.request-fields")).to_contain_text(PHONE)

    page.fill("textarea[name=message]", "Welkom! We bellen je voor een kennismaking.")
    page.click("button[value=approve]")
    expect(page.locator("#row-status").locator("..")).to_contain_text("plaats aangeboden")
    expect(page.locator(".timeline-message")).to_contain_text("We bellen je")
    assert serious(axe(page)) == []

    # The parent, on the private link from their mails.
    page.goto(private_url(filed))
    offer = page.locator(f"[data-offer='{row.pk}']")
    expect(offer).to_contain_text("Kinderdagverblijf Aster biedt je kind een plaats aan")
    expect(page.get_by_text("Welkom! We bellen je", exact=False)).to_be_visible()
    offer.get_by_label("Ik aanvaard de plaats bij Kinderdagverblijf Aster", exact=False).check()
    offer.get_by_role("button", name="De plaats aanvaarden").click()
    expect(page.get_by_text("Je aanvaardde de plaats bij Kinderdagverblijf Aster")).to_be_visible()

    other.refresh_from_db()
    assert other.status == "place_elsewhere"

    # The other location: closed, and no contact data.
    context = browser.new_context(**browser_context_args)
    try:
        theirs_page = login_as(context.new_page(), staff_of(theirs))
        theirs_page.goto(f"/admin/aanvragen/{other.pk}/")
        expect(theirs_page.locator("#row-status").locator("..")).to_contain_text(
            "Elders een plaats gevonden"
        )
        shown = theirs_page.locator("dl.request-fields")
        expect(shown).to_contain_text("Sofie")
        expect(shown).not_to_contain_text(EMAIL)
        expect(shown).not_to_contain_text(PHONE)
    finally:
        context.close()
