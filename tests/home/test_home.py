"""The region's home page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ..factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db


def test_home_links_to_the_locations_and_lists_neighbourhoods(client, location_index, region):
    NeighbourhoodFactory(name="Sint-Amandsberg", slug="sint-amandsberg")
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{location_index.url}"' in html
    assert "Sint-Amandsberg" in html


def test_home_queries_do_not_grow_with_neighbourhoods(client, location_index, region):
    NeighbourhoodFactory()
    client.get("/")  # warms Wagtail's cache of site root paths
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for _ in range(10):
        NeighbourhoodFactory()
    # A saved wijk bumps the publication generation (the region's places are cached with it):
    # the first request after it reads them again, the next one is the one to compare.
    client.get("/")
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert len(many) == len(few)


def test_unknown_page_is_a_friendly_404(client, home_page):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Naar de startpagina" in response.content.decode()
