"""The loket opens its figures in Chromium, sees the charts and exports the CSV (axe clean)."""

from pathlib import Path

import pytest

from ..aanvraagformulier.backoffice import make_request
from ..factories import NeighbourhoodFactory

pytestmark = pytest.mark.e2e


def serious(violations):
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def test_the_loket_reads_its_figures_and_exports_them(
    page, live_site, region, make_location, loket_user, login_as, axe
):
    ledeberg = NeighbourhoodFactory(name="Ledeberg", slug="ledeberg")
    location = make_location(title="Kinderdagverblijf Aster", neighbourhood=ledeberg)
    for _ in range(6):
        make_request(region, [location])
    login_as(page, loket_user)

    page.goto("/admin/cijfers/")

    assert page.locator("h1").first.inner_text().strip() == "Cijfers"
    assert page.locator("svg.figures-chart").count() == 4
    assert page.locator("svg.figures-chart rect").count() >= 3
    table = page.get_by_role("table", name="Aanvragen per wijk en maand")
    assert table.get_by_role("rowheader", name="Ledeberg").is_visible()
    violations = serious(axe(page))
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]

    with page.expect_download() as download:
        page.get_by_role("link", name="Exporteer als CSV").click()
    path = download.value.path()
    text = Path(path).read_text(encoding="utf-8")
    assert download.value.suggested_filename.startswith("cijfers-gent-")
    assert "requests_per_wijk_month,Ledeberg" in text
