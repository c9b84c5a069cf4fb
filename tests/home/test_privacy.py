"""The privacy page quotes figures from the configuration, never typed into the page."""

from collections import Counter

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from home.demo import seed_site_content

from ..factories import InformationPageFactory, PrivacyPageFactory

pytestmark = pytest.mark.django_db


def figures(client, slug):
    # In English: the source strings, whatever the state of the Dutch catalogue.
    soup = BeautifulSoup(client.get(f"/en/{slug}/").content, "html.parser")
    return {dd["data-figure"]: dd.get_text() for dd in soup.select("[data-figure]")}


def test_privacy_figures_follow_the_settings(client, home_page):
    page = PrivacyPageFactory(parent=home_page)
    assert figures(client, page.slug) == {
        "request_retention_years": "5 years",
        "response_deadline_days": "21 days",
        "data_request_response_days": "30 days",
    }
    with override_settings(
        OPVANGPUNT_REQUEST_RETENTION_YEARS=3,
        OPVANGPUNT_DATA_REQUEST_RESPONSE_DAYS=20,
        OPVANGPUNT_DEFAULT_RESPONSE_DEADLINE_DAYS=14,
    ):
        assert figures(client, page.slug) == {
            "request_retention_years": "3 years",
            "response_deadline_days": "14 days",
            "data_request_response_days": "20 days",
        }


def test_the_regions_own_deadline_wins(client, home_page, region):
    region.default_response_deadline_days = 10
    region.save()
    page = PrivacyPageFactory(parent=home_page)
    assert figures(client, page.slug)["response_deadline_days"] == "10 days"


@override_settings(OPVANGPUNT_REQUEST_RETENTION_YEARS=7)
def test_figure_block_on_any_page_reads_the_settings(client, home_page):
    page = InformationPageFactory(
        parent=home_page,
        body=[("figure", {"figure": "request_retention_years", "label": "Bewaartermijn"})],
    )
    html = client.get(f"/en/{page.slug}/").content.decode()
    # The editor's label is Dutch content; the figure is said in the interface's language.
    assert '<strong><span lang="nl">Bewaartermijn</span>:</strong> 7 years' in html


def test_privacy_page_names_controller_dpo_legal_basis_and_the_supervisory_authority(
    client, home_page
):
    # GDPR art. 13.1 a-c from the page's fields, art. 13.2 d (the complaint) from the template.
    page = PrivacyPageFactory(
        parent=home_page,
        controller="Stad Gent, Kinderopvangpunt Gent",
        controller_email="kinderopvang@stad.gent",
        dpo_email="privacy@stad.gent",
        legal_basis="Met je toestemming (artikel 6.1 a AVG).",
    )
    soup = BeautifulSoup(client.get(f"/en/{page.slug}/").content, "html.parser")
    text = soup.get_text(" ")
    assert "Stad Gent, Kinderopvangpunt Gent" in text
    assert soup.select_one('a[href="mailto:kinderopvang@stad.gent"]')
    assert soup.select_one('a[href="mailto:privacy@stad.gent"]')
    assert "Met je toestemming (artikel 6.1 a AVG)." in text
    vtc = soup.find("span", lang="nl", string=lambda s: s and "Vlaamse Toezichtcommissie" in s)
    assert vtc is not None
    assert soup.select_one('a[href="https://www.vlaanderen.be/vlaamse-toezichtcommissie"]')


def test_demo_privacy_page_is_complete_and_says_each_figure_once(client, region):
    seed_site_content(region)
    soup = BeautifulSoup(client.get("/en/privacy/").content, "html.parser")
    text = soup.get_text(" ")
    assert f"Stad {region.name}" in text
    assert soup.select_one(f'a[href="mailto:dpo@{region.slug}.opvangpunt.example"]')
    assert "toestemming" in text and "Vlaamse Toezichtcommissie" in text
    # Each figure comes from the configuration and is shown once: in the key facts, not again
    # in a figure block of the body.
    shown = Counter(dd.get_text() for dd in soup.select("[data-figure]"))
    assert len(shown) >= 2
    for figure, times in shown.items():
        assert text.count(figure) == times, figure
    assert not soup.select(".figure")
