"""axe-core in Chromium on every kind of public page: no serious or critical violation."""

import datetime

import pytest
from django.apps import apps

from home.demo import seed_site_content

from ..factories import OpeningHoursFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def site_content(live_site, region, location_index, make_location, organiser):
    """The demo content of a region's website, plus a fiche and (if it exists) the search page."""
    seed_site_content(region)
    fiche = make_location(title="Kinderdagverblijf De Speelvogel", organiser=organiser)
    OpeningHoursFactory(page=fiche, weekday=0, opens=datetime.time(7, 30))
    try:
        search_model = apps.get_model("opvangpunt_search", "SearchPage")
    except LookupError:
        search_model = None
    if search_model is not None and not search_model.objects.exists():
        live_site.root_page.add_child(instance=search_model(title="Zoeken", slug="zoeken"))
    return {"fiche": fiche.url, "search": "/zoeken/" if search_model else None}


def serious(violations):
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def report(url, violations):
    return f"{url}:\n" + "\n".join(
        f"  {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in violations
    )


def test_public_pages_have_no_serious_accessibility_violations(page, axe, site_content):
    urls = [
        "/",
        "/en/",
        "/veelgestelde-vragen/",
        "/privacy/",
        "/toegankelijkheid/",
        "/nieuws/",
        "/nieuws/nieuwe-plaatsen-in-de-wijken/",
        "/folders/",
        "/folders/kinderopvang-zoeken/",
        site_content["fiche"],
    ]
    if site_content["search"]:
        urls.append(site_content["search"])
    failures = []
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        found = serious(axe(page))
        if found:
            failures.append(report(url, found))
    assert not failures, "\n".join(failures)


def test_faq_opens_with_the_keyboard(page, site_content):
    page.goto("/veelgestelde-vragen/")
    summary = page.locator("details summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details").first.get_attribute("open") is not None
