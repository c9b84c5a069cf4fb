"""What the search reads about places, once per publication generation in each process.

Municipalities by slug, a postcode's municipalities, a municipality's wijken and
buurgemeenten, the regions serving each municipality, the middle
of a postcode's fiches, the municipalities where the portal lists a fiche, and Wagtail's view
restrictions: none of it changes between two publications. Every change that could alter it
bumps the page cache's generation (`core.cache`: a publish, unpublish, move or delete of a
page, a view restriction; `opvanglocaties.signals`: a region, municipality, wijk or postal
code saved, a region's municipalities changed), so each process keeps what it read under the
current generation and reads it again after the next bump (`core.cache.remembered`). The
generation is checked on every request, so another process's publication is seen at the next
search.

Process memory, not the shared cache: unpickling model instances would cost more than the
small queries it saves. What is kept is bounded by the tables (a key is a municipality, a
region or a known postcode, never text a visitor typed). The values are shared between
requests: callers must not change them (`SearchForm` copies the wijken it labels). Nothing
is kept while `FRAGMENT_CACHE_SECONDS` is 0 (the tests' settings: a test that adds a fiche
without publishing it sees it at once).
"""

from django.db.models import Avg

from core.cache import remembered
from opvanglocaties.models import LocationPage, Municipality, Neighbourhood, PostalCode, Region

from . import geo


def municipality_by_slug(slug):
    """The municipality with this slug, or None."""
    municipalities = remembered(
        "municipalities", lambda: {m.slug: m for m in Municipality.objects.all()}
    )
    return municipalities.get(slug)


def postcode_municipalities(code):
    """The municipalities a postcode serves, by name (empty for an unknown postcode)."""

    def load():
        served = {}
        for row in PostalCode.objects.select_related("municipality").order_by(
            "municipality__name_nl"
        ):
            served.setdefault(row.code, []).append(row.municipality)
        return served

    return remembered("postcodes", load).get(code, [])


def municipality_neighbourhoods(municipality_id):
    """The wijken of a municipality, with their municipality, in the model's order."""
    return remembered(
        ("wijken", municipality_id),
        lambda: list(
            Neighbourhood.objects.filter(municipality=municipality_id).select_related(
                "municipality"
            )
        ),
    )


def region_neighbourhoods(region):
    """The wijken of every municipality of a region, with their municipality."""
    return remembered(
        ("region-wijken", region.pk),
        lambda: list(
            Neighbourhood.objects.filter(
                municipality__in=region.municipalities.all()
            ).select_related("municipality")
        ),
    )


def neighbours(municipality):
    """A municipality's buurgemeenten by name (the regions serving them: `regions_serving`)."""
    return remembered(
        ("neighbours", municipality.pk), lambda: list(municipality.neighbours.order_by("name_nl"))
    )


def regions_serving(municipality_id):
    """The regions serving a municipality, by name."""
    serving = remembered("regions-serving", _regions_by_municipality)
    return serving.get(municipality_id, [])


def _regions_by_municipality():
    serving = {}
    for region in Region.objects.order_by("name").prefetch_related("municipalities"):
        for municipality in region.municipalities.all():
            serving.setdefault(municipality.pk, []).append(region)
    return serving


def postcode_centre(code, positions):
    """The middle of the live fiches with this postcode, else of those of the municipalities
    it serves, as (latitude, longitude), or None."""

    def load():
        for filter_ in (
            {"postcode": code},
            {"municipality__in": PostalCode.objects.filter(code=code).values("municipality")},
        ):
            centre = (
                LocationPage.objects.live()
                .filter(latitude__isnull=False, **filter_)
                .aggregate(latitude=Avg(positions.latitude), longitude=Avg(positions.longitude))
            )
            if centre["latitude"] is not None:
                return centre["latitude"], centre["longitude"]
        return None

    if positions is not geo.EXACT:  # another measure (the open data's): not kept
        return load()
    return remembered(("postcode-centre", code), load)


def listed_municipality_ids():
    """The municipalities where the portal lists at least one live, public fiche."""
    return remembered(
        "listed-municipalities",
        lambda: frozenset(
            LocationPage.objects.live()
            .public()
            .order_by()
            .values_list("municipality", flat=True)
            .distinct()
        ),
    )


def private_pages_q():
    """Wagtail's `private_q()` for pages: the sections behind a view restriction."""
    return remembered("private-q", lambda: LocationPage.objects.all().private_q())
