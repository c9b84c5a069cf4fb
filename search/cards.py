"""The search results' cards, drawn once per publication and fetched with one `get_many`.

Most of a result card is the same for every search that shows the fiche: its name, link,
type, place, price, availability and hours (`opvanglocaties/includes/fiche_card.html`). Only
two parts depend on the search: the distance from where the parent searches and the badge of a
buurgemeente or another region. So a card is drawn once with a marker in each of those two
places and kept per fiche, interface language, site (the link is relative to it), freshness
cut-off (`freshness.stale_before`: the day and the region's period, which decide whether the
availability is still current) and publication generation (`core.cache`: any publish,
unpublish, move, view restriction or availability confirmation bumps it). A search fetches
its page's cards with one `get_many`, reads the opening hours and availability rows only for
the cards it has to draw, and puts its own distance and badge in place of the markers.

Nothing of the visitor is drawn into a card: the same HTML goes to everyone. A preview draws
afresh and stores nothing (as `{% generation_cache %}`). `FRAGMENT_CACHE_SECONDS` (0 in the
tests' settings) says how long a card is kept; with 0 every card is drawn each time, through
the same markers.
"""

import dataclasses
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db.models import prefetch_related_objects
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Site

from core import cache as page_cache
from opvanglocaties.models import LocationPage
from opvanglocaties.presenters import (
    CARD_PREFETCH,
    CARD_SELECT,
    FicheCard,
    badge_html,
    distance_text,
)

from . import geo

TEMPLATE = "opvanglocaties/includes/fiche_card.html"
# HTML comments cannot come out of the fiche's own texts: those are escaped ("<" is "&lt;").
DISTANCE_MARK = "<!--card:distance-->"
BADGE_MARK = "<!--card:badge-->"
# The template writes " · " before a distance; without a distance both go.
DISTANCE_SLOT = f" · {DISTANCE_MARK}"
# What a kept card needs of a result: its key, distance and badge (`result_cards`).
ROW_FIELDS = ("pk", "title", "latitude", "longitude", "municipality_id", "live_revision_id")


@dataclass(frozen=True)
class ResultCard:
    """One search result as the page shows it: its HTML, and what the search knows of it."""

    pk: int
    title: str
    distance_km: float | None
    in_neighbouring_municipality: bool
    other_region: str
    html: str

    def __str__(self):
        return self.html

    def __html__(self):
        return self.html


def _key(page, site_id, cutoff):
    return (
        f"search-card:{page_cache.generation()}:{get_language()}:{site_id}:"
        f"{cutoff.isoformat()}:{page.pk}:{page.live_revision_id}"
    )


def _draw(ids, request, cutoff):
    """The cards of the fiches `ids` with the markers in place of the distance and the
    badge, as {id: HTML}."""
    pages = list(LocationPage.objects.filter(pk__in=ids).select_related(*CARD_SELECT))
    prefetch_related_objects(pages, *CARD_PREFETCH)
    template = get_template(TEMPLATE)
    compare = _("Compare")
    drawn = {}
    for page in pages:
        card = dataclasses.replace(
            FicheCard.of(page, request, stale_before=cutoff),
            distance=mark_safe(DISTANCE_MARK),
            badge=mark_safe(BADGE_MARK),
        )
        drawn[page.pk] = template.render(
            {"card": card, "heading_level": 3, "pick_name": "locatie", "pick_label": compare}
        )
    return drawn


def result_cards(rows, search, request=None):
    """The `ResultCard`s of one page of results, with their distance from the search's
    origin and their buurgemeente or region badge.

    `rows` are the page's fiches as values (`ROW_FIELDS`, by attribute): a kept card needs no
    more, and the fiches of the cards still to draw are read in one query."""
    pages = list(rows)
    if not pages:
        return []
    cutoff = search.stale_before
    site = Site.find_for_request(request) if request is not None else None
    keys = {page.pk: _key(page, site.pk if site else None, cutoff) for page in pages}
    seconds = settings.FRAGMENT_CACHE_SECONDS
    keep = bool(seconds) and not getattr(request, "is_preview", False)
    store = caches[settings.PAGE_CACHE_ALIAS]
    html = {}
    if keep:
        found = store.get_many(list(keys.values()))
        html = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [page.pk for page in pages if page.pk not in html]
    if missing:
        drawn = _draw(missing, request, cutoff)
        html.update(drawn)
        if keep:
            store.set_many({keys[pk]: text for pk, text in drawn.items()}, seconds)
    outside = search.other_region_names
    neighbouring = {m.pk for m in search.neighbouring_municipalities}
    badges = {}
    cards = []
    for page in pages:
        if page.pk not in html:
            continue  # deleted between the page's query and the drawing: not shown
        distance_km = (
            geo.distance_km(search.origin, page.latitude, page.longitude) if search.origin else None
        )
        distance = distance_text(distance_km)
        in_neighbouring = page.municipality_id in neighbouring
        other_region = outside.get(page.municipality_id, "")
        badge = (in_neighbouring, other_region)
        if badge not in badges:
            badges[badge] = badge_html(*badge)
        text = (
            html[page.pk]
            .replace(DISTANCE_SLOT, f" · {escape(distance)}" if distance else "")
            .replace(BADGE_MARK, badges[badge])
        )
        cards.append(
            ResultCard(
                pk=page.pk,
                title=page.title,
                distance_km=distance_km,
                in_neighbouring_municipality=in_neighbouring,
                other_region=other_region,
                html=mark_safe(text),  # the card template's output, escaped there
            )
        )
    return cards
