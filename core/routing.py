"""Wagtail's routing of a URL with the pages on the way read in one query.

Wagtail's `Page.route` walks down one level at a time: for each part of the path it reads the
child with that slug and then its specific page, two queries a level. A fiche at
/locaties/<organiser>/<fiche>/ cost seven before its view ran. `route_down` reads every page
on the way at once (by slug and depth), then only the last one's specific row: two queries.
Where a page on the way routes by itself (it overrides `route`, as RoutablePageMixin does for
landing pages and feeds) and takes the rest of the path, that page gets it, as with Wagtail's
own walk, so the answer is always the one `Page.route` would give.

Where a path led is kept per publication generation (`core.cache.kept_values`): the next
request for it reads only the page's specific row. Only a live page found by the walk is
kept, never a miss nor a path a page answers by itself, so the keys are the pages' own paths
(bounded by the tree, not by what visitors type). A publish, unpublish, move or delete bumps
the generation.

Under a language prefix Wagtail starts from the home page's copy in that language (its
`localized`); `route_in_language` routes what that copy has no page for (a fiche, a page not
translated yet) from the site's own home page, as the one copy there is (core.i18n).
"""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from .cache import kept_values


def routes_by_itself(model):
    """Whether pages of `model` answer part of their URL themselves (override `route`)."""
    return model.route is not Page.route


def answers_itself(page, components):
    """Whether `page` (on the way, not yet specific) takes `components` itself.

    A RoutablePageMixin page does when one of its own routes matches (its routes come before
    its children, as in RoutablePageMixin.route); any other page with its own `route` always
    does.
    """
    model = page.specific_class
    if not routes_by_itself(model):
        return False
    if model.route is not RoutablePageMixin.route:
        return True
    if not page.live:
        return False  # RoutablePageMixin.route goes straight to the children
    try:
        model.get_resolver().resolve("/" + "/".join(components) + "/")
    except Http404:  # Resolver404 too
        return False
    return True


def _kept_page(kept, root, components):
    # The live page a path led to under this generation, read by its specific row, or None
    # when it is gone, unpublished or no longer at that path (changed by a script, or by a
    # publication a visitor's walk did not see committed yet).
    model, pk = kept
    try:
        page = model._default_manager.get(pk=pk)
    except ObjectDoesNotExist:
        return None
    if not page.live or page.url_path != f"{root.url_path}{'/'.join(components)}/":
        return None
    return page


def route_down(root, request, components):
    """What `Page.route` of `root` answers for the path `components` (a RouteResult)."""
    if not components:
        if root.live:
            return RouteResult(root)
        raise Http404
    routes = kept_values()
    key = ("route", root.pk, tuple(components))
    kept = routes.get(key) if routes is not None else None
    if kept is not None:
        page = _kept_page(kept, root, components)
        if page is not None:
            return RouteResult(page)
        routes.pop(key, None)  # walk again
    # By slug (indexed) and depth; the tree path says which row is the child of which.
    # (Not by url_path: it has no index, and a scan of 8,000 pages costs 20 ms on SQLite.)
    candidates = {}
    for candidate in Page.objects.filter(
        slug__in=set(components),
        depth__gt=root.depth,
        depth__lte=root.depth + len(components),
        path__startswith=root.path,
    ):
        candidates[(candidate.path[: -Page.steplen], candidate.slug)] = candidate
    page = root
    for depth, component in enumerate(components):
        if page is not root and answers_itself(page, components[depth:]):
            return page.specific.route(request, components[depth:])
        child = candidates.get((page.path, component))
        if child is None:
            raise Http404
        page = child
    page = page.specific
    if routes_by_itself(type(page)):
        return page.route(request, [])
    if page.live:
        if routes is not None:
            routes[key] = (type(page), page.pk)
        return RouteResult(page)
    raise Http404


def route_in_language(root, request, components):
    """`route_down` from `root`, a site's home page or its copy in another language.

    What the copy has no (live) page for is looked up from the site's own home page: the
    page is served in its one language, with the interface in the visitor's.
    """
    try:
        return route_down(root, request, components)
    except Http404:
        site = Site.find_for_request(request)
        home = site.root_page if site is not None else None
        if home is None or home.pk == root.pk or home.translation_key != root.translation_key:
            raise
        return route_down(home, request, components)
