"""`{% search_query %}` draws the links Django's `{% querystring %}` draws (`search.links`)."""

import pytest
from django.http import QueryDict
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.utils.html import escape

from search.links import QueryLinks, for_request

QUERIES = [
    "",
    "q=kinderdagverblijf",
    "gemeente=gent&buurgemeenten=on&type=group&beschikbaar=vanaf&postcode=9000&sorteer=afstand",
    "wijk=gent-centrum&wijk=gent-brugse-poort&type=family&pagina=3",
    "q=%C3%A9%C3%A9n+%26+twee%3D&subsidie=trap1&subsidie=trap2",
    "pagina=2",
]
CHANGES = [
    {"pagina": None},
    {"type": None, "pagina": None},
    {"type": "group", "pagina": None},
    {"beschikbaar": "nu"},
    {"gemeente": "merelbeke", "buurgemeenten": None, "wijk": None, "pagina": None},
    {"pagina": 4},
    {"wijk": ["a", "b c"]},
    {"subsidie": "trap1"},
    {"ontbreekt": None},
]


def draw(tag, query, changes):
    """`{% tag key=value … %}` drawn in a template for a request with `query`."""
    request = RequestFactory().get("/zoeken/?" + query if query else "/zoeken/")
    arguments = " ".join(f"{key}=changes.{key}" for key in changes)
    return Template("{% load search_tags %}{% " + tag + " " + arguments + " %}").render(
        RequestContext(request, {"changes": changes})
    )


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("changes", CHANGES)
def test_a_link_is_the_one_querystring_draws(query, changes):
    expected = draw("querystring", query, changes)
    assert draw("search_query", query, changes) == expected
    assert escape(QueryLinks(QueryDict(query)).href(**changes)) == expected


def test_the_request_is_read_once_and_again_when_its_query_is_replaced():
    request = RequestFactory().get("/zoeken/?q=a")
    first = for_request(request)
    assert for_request(request) is first
    request.GET = QueryDict("gemeente=gent")  # as the search page does with a place it read
    assert for_request(request).href(pagina=None) == "?gemeente=gent"
