"""The IKT estimate on a fiche in Chromium (issue 14.6): a parent types the income and the
number of children, sees the estimated day price, and the page passes axe-core, also with
an error next to a field."""

from decimal import Decimal

import pytest
from django.utils import timezone

from opvanglocaties.choices import TariffType
from opvanglocaties.models import IncomeTariff

pytestmark = pytest.mark.e2e


def serious(violations):
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def fiche(live_site, make_location):
    IncomeTariff.objects.create(
        year=timezone.localdate().year,
        lower_income_bound=Decimal("2000"),
        upper_income_bound=Decimal("6000"),
        min_day_price=Decimal("10"),
        max_day_price=Decimal("30"),
        reduction_per_further_child=Decimal("25"),
    )
    return make_location(
        title="Kinderdagverblijf Het Klimrek", tariff_type=TariffType.INCOME_RELATED
    )


def test_a_parent_estimates_the_day_price_on_the_fiche(page, axe, fiche):
    page.goto(fiche.url)
    page.get_by_role("link", name="Schat je dagprijs").click()
    page.get_by_label("Belastbaar maandinkomen van je gezin (euro)").fill("4.000")
    page.get_by_label("Aantal kinderen in je gezin").fill("2")
    page.get_by_role("button", name="Toon de schatting").click()

    result = page.locator(".estimate-result")
    assert "Geschatte dagprijs: € 15,00 voor een volle dag" in result.inner_text()
    # The income went to the server in the address only, and no cookie keeps it.
    assert "inkomen=4.000" in page.url
    assert not page.context.cookies()
    assert not serious(axe(page)), serious(axe(page))

    page.get_by_label("Belastbaar maandinkomen van je gezin (euro)").fill("veel")
    page.get_by_role("button", name="Toon de schatting").click()
    summary = page.locator(".estimate .error-summary")
    assert "Vul het inkomen in als een bedrag in euro" in summary.inner_text()
    summary.get_by_role("link").click()
    focused = page.evaluate("document.activeElement.id")
    assert focused == "id_inkomen"
    assert not serious(axe(page)), serious(axe(page))
