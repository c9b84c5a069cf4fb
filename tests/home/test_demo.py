"""Demo content for a region's website, idempotent."""

import pytest
from wagtail.models import Locale, Page

from home.demo import seed_site_content
from home.models import LeafletPage, LoketContact, NewsPage

pytestmark = pytest.mark.django_db


def test_demo_content_fills_a_region_site_once(client, region, location_index, communication_user):
    seed_site_content(region)
    count = Page.objects.count()
    seed_site_content(region)
    assert Page.objects.count() == count

    dutch = Locale.get_default()
    assert NewsPage.objects.live().filter(locale=dutch).count() == 3
    leaflet = LeafletPage.objects.get(locale=dutch)
    assert leaflet.versions.count() == 3
    document = leaflet.versions.first().document
    assert document.file.read().startswith(b"%PDF")
    assert LoketContact.for_site(region.site).is_filled_in

    for url in ("/", "/nieuws/", leaflet.url, "/veelgestelde-vragen/", "/privacy/", "/toeleiders/"):
        assert client.get(url).status_code == 200, url
    assert "<details>" in client.get("/veelgestelde-vragen/").content.decode()
    assert client.get("/voor-opvanglocaties/").status_code == 302  # providers only
    assert NewsPage.objects.first().permissions_for_user(communication_user).can_publish()


def test_demo_content_has_the_main_pages_in_english(client, region, location_index):
    seed_site_content(region)
    english = {
        "/en/": "Childcare in",
        "/en/nieuws/": "News",
        "/en/veelgestelde-vragen/": "Frequently asked questions",
        "/en/privacy/": "Privacy",
        "/en/folders/": "Leaflets",
    }
    for url, title in english.items():
        html = client.get(url).content.decode()
        assert f"<h1>{title}" in html, url
        assert "not yet available in English" not in html, url
    news = client.get("/en/nieuws/").content.decode()
    assert "New childcare places in the neighbourhoods" in news
    # Left Dutch on purpose: the notice, with the Dutch page.
    referrers = client.get("/en/toeleiders/").content.decode()
    assert "This page is not yet available in English." in referrers
    assert 'href="/toeleiders/" hreflang="nl"' in referrers
    # Run again: nothing doubles.
    count = Page.objects.count()
    seed_site_content(region)
    assert Page.objects.count() == count
