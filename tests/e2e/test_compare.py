"""A parent with a full compare list adds one more from a fiche: asked, never dropped."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_adding_to_a_full_list_lets_the_parent_choose_what_to_replace(
    page, axe, live_site, make_location
):
    old = [make_location(title=f"Crèche {name}") for name in ("Aap", "Beer", "Egel", "Vos")]
    new = make_location(title="Kinderdagverblijf Uil")
    page.goto(f"/vergelijken/?locaties={','.join(str(loc.pk) for loc in old)}")
    expect(page.locator(".compare-table thead th")).to_have_count(4)

    page.goto(new.url)
    page.get_by_role("link", name="Toevoegen aan vergelijking").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Kies de locaties om te vergelijken")
    expect(page.get_by_label("Kinderdagverblijf Uil")).to_be_checked()
    expect(page.get_by_label("Crèche Vos")).not_to_be_checked()
    violations = [v for v in axe(page) if v["impact"] in ("serious", "critical")]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]

    # Keep the fox instead of the bear: untick one, tick the other, with the keyboard.
    page.get_by_label("Crèche Beer").focus()
    page.keyboard.press("Space")
    page.get_by_label("Crèche Vos").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Deze vergelijken").click()

    headings = page.locator(".compare-table thead th a:first-child")
    expect(headings).to_have_text(
        ["Kinderdagverblijf Uil", "Crèche Aap", "Crèche Egel", "Crèche Vos"]
    )
