"""The search app's views besides the search page: compare and the results map's data.

The open-data downloads are in `open_data/views.py`; the request form is the
`aanvraagformulier` app's."""

from dataclasses import dataclass

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from opvanglocaties import estimate
from opvanglocaties.choices import TariffType
from opvanglocaties.models import LocationPage, Region
from opvanglocaties.presenters import CARD_PREFETCH, CARD_SELECT, FicheCard

from . import compare, geo
from .filters import LocationSearch
from .forms import SearchForm
from .map_data import map_data
from .results import build_search


def _locations(ids):
    pages = (
        LocationPage.objects.live()
        .public()
        .filter(pk__in=ids)
        .select_related(*CARD_SELECT, "organiser")
        .prefetch_related(*CARD_PREFETCH, "priority_rules")
    )
    by_id = {page.pk: page for page in pages}
    return [by_id[pk] for pk in ids if pk in by_id]


def _origin(request):
    # The compare page measures distances from the same place as the search it came from
    # (the search's position, postcode or wijk, carried in the URL).
    form = SearchForm(request.GET, region=Region.objects.for_request(request))
    return LocationSearch(form.query()).origin


@dataclass(frozen=True)
class Column:
    """One fiche in the compare table: its card, and the compare list without it."""

    card: FicheCard
    remove_query: str


def _choose(request, locations, base):
    """The page where a parent picks which locations to keep when they chose too many.

    The list so far stays as it was until they choose; the locations they just added come
    first and are ticked, then as many of the earlier ones as fit.
    """
    kept = set(base)
    ordered = [loc for loc in locations if loc.pk not in kept] + [
        loc for loc in locations if loc.pk in kept
    ]
    ticked = {loc.pk for loc in ordered[: compare.max_locations()]}
    carried = [
        (key, value)
        for key, values in request.GET.lists()
        if key not in ("locatie", "toevoegen", "locaties")
        for value in values
    ]
    return render(
        request,
        "search/compare_choose.html",
        {
            "choices": [(loc, loc.pk in ticked, loc.pk not in kept) for loc in ordered],
            "carried": carried,
            "max_locations": compare.max_locations(),
            "previous": compare.as_param(base),
        },
    )


@require_GET
def compare_view(request):
    """The compare page. `?locaties=1,2` shows those; `?locatie=1&locatie=2` (ticked in the
    results) starts a new list; `?toevoegen=3` (from a fiche) adds to the list kept in the
    session (or to `locaties` when given)."""
    listed = compare.parse_ids(request.GET.getlist("locaties"))
    picked = compare.parse_ids(request.GET.getlist("locatie"))
    added = compare.parse_ids(request.GET.getlist("toevoegen"))
    if picked or added or "locaties" not in request.GET:
        base = listed or ([] if picked else compare.stored(request.session))
        wanted = compare.parse_ids([*base, *picked, *added])
        if len(wanted) > compare.max_locations():
            # Only fiches that can be shown count; when they are still too many, the parent
            # chooses what to leave out: nothing is dropped without asking.
            locations = _locations(wanted)
            if len(locations) > compare.max_locations():
                return _choose(request, locations, base=[] if picked else base)
            wanted = [location.pk for location in locations]
        ids, dropped = compare.limit(wanted)
        if dropped:
            messages.warning(request, compare.over_limit_message())
        compare.store(request.session, ids)
        query = request.GET.copy()
        for key in ("locatie", "toevoegen"):
            query.pop(key, None)
        query["locaties"] = compare.as_param(ids)
        return redirect(f"{reverse('compare')}?{query.urlencode()}")
    ids, dropped = compare.limit(listed)
    locations = _locations(ids)
    compare.store(request.session, [location.pk for location in locations])
    origin = _origin(request)
    stale_before = Region.objects.availability_cutoff(request)
    ids = [location.pk for location in locations]
    columns = [
        Column(
            card=FicheCard.of(
                location,
                request,
                distance_km=(
                    geo.distance_km(origin, location.latitude, location.longitude)
                    if origin
                    else None
                ),
                stale_before=stale_before,
            ),
            remove_query=compare.as_param(pk for pk in ids if pk != location.pk),
        )
        for location in locations
    ]
    context = {
        "columns": columns,
        "origin": origin,
        # A shared link with too many ids: said on the page (no redirect, no message).
        "over_limit": compare.over_limit_message() if dropped else "",
        "request_query": compare.as_param(ids),
        "max_locations": compare.max_locations(),
    }
    if any(location.tariff_type == TariffType.INCOME_RELATED for location in locations):
        # The IKT estimate (issue 14.6): the list and origin stay in the form's URL.
        context.update(estimate.estimate_context(request))
        context["estimate_carried"] = [
            (key, value)
            for key, values in request.GET.lists()
            if key not in estimate.PARAMETERS
            for value in values
        ]
    return estimate.private_response(request, render(request, "search/compare.html", context))


@require_GET
def map_view(request):
    """Every location the search in the query string finds, for the results map (JSON).

    The same query string as the search page's, in the region of the site asked: the map
    shows what the list shows, all pages of it (`map_data`)."""
    _form, search = build_search(request.GET, Region.objects.for_request(request))
    return JsonResponse(map_data(search, request))
