"""`{% querystring %}` for the many links of one search page, with the query read once.

Django's tag copies the whole `QueryDict` and encodes every parameter for each link; a search
page draws about thirty (a facet value each, the pages, the map). `QueryLinks` keeps the
request's parameters as a list once and encodes each link from it, with the tag's rules: a
`None` drops the parameter, a list sets all its values, anything else sets one value, and a
parameter keeps its place in the query string (a new one goes last).
"""

from collections.abc import Iterable
from urllib.parse import urlencode

ATTRIBUTE = "_search_query_links"


class QueryLinks:
    """The query strings of links that change a few parameters of `params` (a QueryDict)."""

    def __init__(self, params):
        self.params = params
        self.lists = {key: params.getlist(key) for key in params}

    def href(self, **changes):
        """What `{% querystring key=value … %}` gives for these changes."""
        lists = dict(self.lists)
        for key, value in changes.items():
            if value is None:
                lists.pop(key, None)
            elif isinstance(value, Iterable) and not isinstance(value, str):
                lists[key] = list(value)
            else:
                lists[key] = [value]
        if not lists and not self.lists:
            return ""
        return "?" + urlencode([(key, value) for key, values in lists.items() for value in values])


def for_request(request):
    """The request's `QueryLinks` (of `request.GET` as it is when first asked)."""
    links = getattr(request, ATTRIBUTE, None)
    if links is None or links.params is not request.GET:
        links = QueryLinks(request.GET)
        setattr(request, ATTRIBUTE, links)
    return links
