"""The site in English in Chromium: translated pages, the notice on a page without a copy,
the menus, and axe-core on each (issue 14.12)."""

import re

import pytest
from playwright.sync_api import expect

from home.demo import seed_site_content
from home.permissions import grant_section_permissions

from ..factories import InformationPageFactory
from .test_accessibility import report, serious

pytestmark = pytest.mark.e2e


@pytest.fixture
def english_site(live_site, region, location_index, make_location, organiser):
    seed_site_content(region)  # the demo: its main pages have an English copy
    return make_location(title="Kinderdagverblijf De Speelvogel", organiser=organiser)


def test_a_parent_reads_the_site_in_english(page, axe, english_site):
    page.goto("/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text().startswith("Childcare in")
    menu = page.locator(".main-menu")
    assert menu.get_by_role("link", name="News").is_visible()
    menu.get_by_role("link", name="Frequently asked questions").click()
    page.wait_for_url("**/en/veelgestelde-vragen/")
    assert page.locator("h1").inner_text() == "Frequently asked questions"
    assert page.locator(".translation-notice").count() == 0

    # The page for referrers has no English copy: say so, and lead to the Dutch one.
    page.goto("/en/toeleiders/")
    notice = page.get_by_role("note")
    assert "This page is not yet available in English." in notice.inner_text()
    notice.get_by_role("link", name="Read the page in Dutch").click()
    page.wait_for_url("**/toeleiders/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator(".translation-notice").count() == 0


def test_english_pages_have_no_serious_accessibility_violations(page, axe, english_site):
    urls = [
        "/en/",
        "/en/veelgestelde-vragen/",
        "/en/nieuws/",
        "/en/nieuws/nieuwe-plaatsen-in-de-wijken/",
        "/en/folders/",
        "/en/privacy/",
        "/en/toeleiders/",  # with the notice
        "/en" + english_site.url,
    ]
    failures = []
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        found = serious(axe(page))
        if found:
            failures.append(report(url, found))
    assert not failures, "\n".join(failures)


def test_the_translation_editor_opens_for_communication_staff(
    page, live_site, region, communication_user, login_as
):
    faq = InformationPageFactory(
        parent=live_site.root_page,
        title="Veelgestelde vragen",
        slug="faq",
        summary="Antwoorden op wat ouders vragen.",
    )
    grant_section_permissions(faq)
    refused = []

    # Scripts and styles refused by the admin's policy would break the editor. (Gravatar
    # images are refused on purpose: no e-mail hash leaves for a third party.)
    def csp_refusal(message):
        if "Content Security Policy" in message.text and "img-src" not in message.text:
            refused.append(message.text)

    page.on("console", csp_refusal)
    login_as(page, communication_user)
    page.goto(f"/admin/localize/submit/page/{faq.pk}/")
    page.get_by_label("Engels").check()
    page.get_by_role("button", name="Verzenden").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    # The editor (a script of wagtail-localize) lists the Dutch texts to translate.
    expect(page.get_by_text("Antwoorden op wat ouders vragen.")).to_be_visible()
    assert not refused, refused
