"""The places the figures tests file requests for: two Gent wijken, a buurgemeente the
region serves (Destelbergen) and a municipality of another region (Antwerpen)."""

from opvanglocaties.models import Municipality

from ..factories import NeighbourhoodFactory, municipality


def figures_world(region, make_location):
    """(region, Gent, {name: fiche}, the Ledeberg wijk) for the figures tests."""
    gent = municipality("44021")
    destelbergen = Municipality.objects.get(name_nl="Destelbergen")
    region.municipalities.add(destelbergen)
    ledeberg = NeighbourhoodFactory(name="Ledeberg", slug="ledeberg")
    brugse_poort = NeighbourhoodFactory(name="Brugse Poort", slug="brugse-poort")
    places = {
        "ledeberg": make_location(title="Aster", neighbourhood=ledeberg, licensed_capacity=30),
        "brugse_poort": make_location(title="Beuk", neighbourhood=brugse_poort),
        "destelbergen": make_location(
            title="Ceder", postcode="9070", municipality=destelbergen, latitude=None, longitude=None
        ),
        "antwerpen": make_location(
            title="Den",
            postcode="2000",
            municipality=municipality("11002"),
            latitude=None,
            longitude=None,
        ),
    }
    return region, gent, places, ledeberg
