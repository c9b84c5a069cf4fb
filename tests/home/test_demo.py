"""Demo content for a region's website, idempotent."""

import pytest
from wagtail.models import Page

from home.demo import seed_site_content
from home.models import LeafletPage, LoketContact, NewsPage

pytestmark = pytest.mark.django_db


def test_demo_content_fills_a_region_site_once(client, region, location_index, communication_user):
    seed_site_content(region)
    count = Page.objects.count()
    seed_site_content(region)
    assert Page.objects.count() == count

    assert NewsPage.objects.live().count() == 3
    leaflet = LeafletPage.objects.get()
    assert leaflet.versions.count() == 3
    document = leaflet.versions.first().document
    assert document.file.read().startswith(b"%PDF")
    assert LoketContact.for_site(region.site).is_filled_in

    for url in ("/", "/nieuws/", leaflet.url, "/veelgestelde-vragen/", "/privacy/", "/toeleiders/"):
        assert client.get(url).status_code == 200, url
    assert "<details>" in client.get("/veelgestelde-vragen/").content.decode()
    assert client.get("/voor-opvanglocaties/").status_code == 302  # providers only
    assert NewsPage.objects.first().permissions_for_user(communication_user).can_publish()
