"""The "Filters (n)" control of the search page: n counts the filters the parent set."""

import pytest
from django.http import QueryDict

from search.results import active_filters

pytestmark = pytest.mark.django_db


def test_counts_each_filter_value_but_not_the_text_order_or_page():
    assert active_filters(QueryDict("q=zonnetje&sorteer=afstand&pagina=2")) == 0
    assert active_filters(QueryDict("gemeente=gent&wijk=ledeberg&wijk=gentbrugge&ikt=on")) == 4
    assert active_filters(QueryDict("lat=51.05&lng=3.72&afstand=5&taal=fr")) == 3
    assert active_filters(QueryDict("gemeente=&type=&postcode=%20")) == 0


def test_the_search_page_shows_the_count_on_its_folded_filters(client, search_page, wijken):
    response = client.get("/zoeken/", {"gemeente": "gent", "wijk": "ledeberg", "type": "group"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<details class="filters">' in html  # folded: no "open" without an error
    assert ">Filters (3)</summary>" in html

    response = client.get("/zoeken/", {"afstand": "veel"})
    assert '<details class="filters" open>' in response.content.decode()  # the error in view
