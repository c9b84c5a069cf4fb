"""What the search page shows: the form, one page of results, facets and a way to widen."""

from django.core.paginator import Paginator
from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from opvanglocaties.models import Region

from . import compare, geo
from .cards import ROW_FIELDS, result_cards
from .facets import facets
from .filters import LocationSearch
from .forms import SearchForm

PAGE_SIZE = 20
# The filters behind "More filters": the group opens when one of them is set or invalid.
MORE_FILTERS = [
    "postcode",
    "afstand",
    "lat",
    "leeftijd",
    "type",
    "ikt",
    "subsidie",
    "taal",
    "contract",
    "beschikbaar",
    "vanaf",
    "dagen",
    "dag",
    "opent_voor",
    "sluit_na",
    "sorteer",
]
# What "Filters (n)" counts: every value a parent set in the folded filters, a wijk or a
# language each. Not the text (it stays in view), the order, nor lng (one position with lat).
FILTERS = [
    "gemeente",
    "buurgemeenten",
    "wijk",
    *(name for name in MORE_FILTERS if name != "sorteer"),
]
MAX_SUGGESTIONS = 4
# The filters a zero-result advice names, as (SearchQuery attribute, form field).
NARROWING_FILTERS = [
    ("care_type", "type"),
    ("age_months", "leeftijd"),
    ("income_related_tariff", "ikt"),
    ("subsidy_frameworks", "subsidie"),
    ("availability", "beschikbaar"),
    ("free_by_month", "vanaf"),
    ("weekday", "dag"),
    ("opens_by", "opent_voor"),
    ("closes_from", "sluit_na"),
    ("languages", "taal"),
    ("days_per_week", "dagen"),
    ("contract_forms", "contract"),
]


def build_search(params, region, positions=geo.EXACT):
    """The bound form and the `LocationSearch` for a query string (`positions`: which
    position of a fiche distances are measured to)."""
    form = SearchForm(params, region=region)
    search = LocationSearch(
        form.query(),
        region=region,
        neighbourhood_choices=form.neighbourhood_choices,
        positions=positions,
    )
    return form, search


def search_context(request, page):
    """The template context of the search page for this request."""
    region = Region.objects.for_request(request)
    form, search = build_search(request.GET, region)
    if form.understood:
        # A place read from the text is in the form's fields now (q keeps the other words).
        # The page's links (`{% querystring %}`: facets, pages, suggestions) start from those
        # fields, so a link that drops the wijk or changes the municipality is not undone by
        # the same place read again from the text.
        request.GET = form.data
    # The page's fiches as the few values a kept card needs (`cards.ROW_FIELDS`): the fiche
    # itself, its rows and relations, is read only for the cards not kept yet.
    results = search.results().values_list(*ROW_FIELDS, named=True)
    counts = facets(search)
    paginator = Paginator(results, PAGE_SIZE)
    paginator.count = counts.pop("total")  # counted with the facets, in the same query
    page_of_results = paginator.get_page(request.GET.get("pagina"))
    context = {
        "form": form,
        "search": search,
        "results": page_of_results,
        "cards": result_cards(page_of_results, search, request),
        "facets": counts,
        "suggestions": [] if paginator.count else widen(request.GET, region, search),
        "narrowed_by": [] if paginator.count else narrowed_by(form, search),
        "max_compare": compare.max_locations(),
        "more_filters_active": any(request.GET.get(name) for name in MORE_FILTERS),
        "active_filters": active_filters(request.GET),
        # What the form made of bad input, then what the search could not do.
        "notices": [*form.notices, *search.notices()],
    }
    return context


def active_filters(params):
    """How many filters the query string sets (the n of the search page's "Filters (n)")."""
    return sum(1 for name in FILTERS for value in params.getlist(name) if value.strip())


def narrowed_by(form, search):
    """What narrowed a search that found nothing, in words for the advice: the text, the
    place (a municipality or wijken chosen or typed, a distance) and each filter set.

    Only what the parent set is named; the region, the default scope, is not."""
    query = search.query
    parts = []
    if search.terms:
        parts.append(_("the text “%(text)s”") % {"text": query.text})
    place = ", ".join(n.name for n in query.neighbourhoods) or (
        query.municipality.name_nl if query.municipality is not None else ""
    )
    if place and query.include_neighbours:
        place = _("%(place)s and its neighbouring municipalities") % {"place": place}
    if place:
        parts.append(_("the place %(place)s") % {"place": place})
    if query.radius_km and search.origin is not None:
        parts.append(
            _("a distance of at most %(km)s km from %(origin)s")
            % {"km": f"{query.radius_km:g}", "origin": search.origin.label}
        )
    for attribute, name in NARROWING_FILTERS:
        value = getattr(query, attribute)
        if value not in (None, "", (), False):
            parts.append(_("the filter “%(label)s”") % {"label": form.fields[name].label})
    return parts


def widen(params, region, search):
    """Where the same search does find places: other neighbourhoods and the buurgemeenten,
    nearest first.

    Near means near the place searched (its position, postcode or wijk): each suggestion's
    distance is measured to the middle of the places it would find. Without such a place the
    suggestions with the most places come first.
    """
    municipality = search.query.municipality or next(
        (n.municipality for n in search.query.neighbourhoods), None
    )
    if municipality is None:
        return []
    wider = params.copy()
    wider.setlist("wijk", [])
    wider["gemeente"] = municipality.slug
    wider["buurgemeenten"] = "on"
    wider.pop("pagina", None)
    _form, wider_search = build_search(wider, region)
    # One row per wijk or buurgemeente: a handful, so they are ranked here, not in SQL.
    rows = list(
        wider_search.filtered()
        .order_by()
        .values(
            "municipality__name_nl",
            "municipality__slug",
            "neighbourhood__name",
            "neighbourhood__slug",
        )
        .annotate(n=Count("pk"), latitude=Avg("latitude"), longitude=Avg("longitude"))
    )
    rows.sort(
        key=lambda row: (-row["n"], row["neighbourhood__name"] or row["municipality__name_nl"])
    )
    origin = search.origin
    if origin is not None:
        rows.sort(key=lambda row: _distance_or_last(origin, row))
    suggestions = []
    for row in rows[:MAX_SUGGESTIONS]:
        link = wider.copy()
        if row["municipality__slug"] == municipality.slug and row["neighbourhood__slug"]:
            link.pop("buurgemeenten", None)
            link.setlist("wijk", [row["neighbourhood__slug"]])
            name = row["neighbourhood__name"]
        else:
            link["gemeente"] = row["municipality__slug"]
            link.pop("buurgemeenten", None)
            name = row["neighbourhood__name"] or row["municipality__name_nl"]
            if row["neighbourhood__slug"]:
                link.setlist("wijk", [row["neighbourhood__slug"]])
        suggestions.append({"name": name, "count": row["n"], "query": link.urlencode()})
    return suggestions


def _distance_or_last(origin, row):
    if row["latitude"] is None:
        return float("inf")
    return geo.distance_km(origin, row["latitude"], row["longitude"])
