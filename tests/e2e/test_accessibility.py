"""axe-core in Chromium on every kind of public page: no serious or critical violation."""

import datetime

import pytest

from home.demo import seed_site_content
from search.models import SearchPage

from ..factories import OpeningHoursFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def site_content(live_site, region, location_index, make_location, organiser):
    """The demo content of a region's website, plus a fiche and the search page."""
    seed_site_content(region)
    fiche = make_location(title="Kinderdagverblijf De Speelvogel", organiser=organiser)
    OpeningHoursFactory(page=fiche, weekday=0, opens=datetime.time(7, 30))
    if not SearchPage.objects.exists():
        live_site.root_page.add_child(instance=SearchPage(title="Zoeken", slug="zoeken"))
    return {"fiche": fiche.url, "search": "/zoeken/"}


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


def test_closed_faq_answers_are_printed(page, site_content):
    page.goto("/veelgestelde-vragen/")
    answer = page.locator("details .answer").first
    assert not answer.is_visible()
    # The print stylesheet shows the content of a closed <details> (::details-content) ...
    page.emulate_media(media="print")
    assert answer.is_visible()
    page.emulate_media(media="screen")
    # ... and js/print.js opens them for printing, and closes them again afterwards.
    details = page.locator("details")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details[open]").count() == details.count() > 0
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("details[open]").count() == 0


def luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one, other):
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


FOCUS_COLOURS = """element => {
    const rgb = value => value.match(/\\d+/g).slice(0, 3).map(Number);
    let behind = element.parentElement;
    while (getComputedStyle(behind).backgroundColor === "rgba(0, 0, 0, 0)") {
        behind = behind.parentElement;
    }
    const style = getComputedStyle(element);
    return {
        outline: rgb(style.outlineColor),
        ring: rgb(style.boxShadow),
        background: rgb(getComputedStyle(behind).backgroundColor),
    };
}"""


@pytest.mark.parametrize("selector", ["main a", ".languages a", ".skip-link"])
def test_the_focus_indicator_stands_out_at_3_to_1(page, site_content, selector):
    page.goto("/nieuws/")
    link = page.locator(selector).first
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # keyboard focus, so that :focus-visible applies
    colours = link.evaluate(FOCUS_COLOURS)
    # Two rings (WCAG 1.4.11, technique C40): the outer on the background, the inner on the
    # outer; at least one of them 3:1 against the background, and 3:1 between themselves.
    against_background = max(
        contrast(colours["outline"], colours["background"]),
        contrast(colours["ring"], colours["background"]),
    )
    assert against_background >= 3, colours
    assert contrast(colours["outline"], colours["ring"]) >= 3, colours
