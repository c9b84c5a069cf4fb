"""The privacy page quotes figures from the configuration, never typed into the page."""

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

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
    assert "<strong>Bewaartermijn:</strong> 7 years" in html
