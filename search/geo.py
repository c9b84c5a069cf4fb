"""Distances without a spatial database: a bounding box to pre-filter, then a flat-earth formula.

Within Flanders (about 200 km across) the equirectangular approximation is off by less than
0.1 % from the great-circle distance, and it needs only arithmetic, which both SQLite and
PostgreSQL evaluate natively (SQLite's trigonometric functions are Python callbacks). The
database sorts on the squared distance; the square root is taken in Python, for the shown rows.

Which position of a fiche is measured to is a `Positions`: its exact columns (`EXACT`) for the
search page, the position the open data publish for the downloads (`open_data.privacy`).
"""

import math
from dataclasses import dataclass

from django.db.models import ExpressionWrapper, F, FloatField, Q, Value

KM_PER_DEGREE_LATITUDE = 110.574
KM_PER_DEGREE_LONGITUDE_AT_EQUATOR = 111.320

# Belgium with a margin: a position outside it is a typo or a visitor abroad.
BELGIUM_LATITUDE = (49.4, 51.6)
BELGIUM_LONGITUDE = (2.4, 6.5)


@dataclass(frozen=True)
class Point:
    """A position in WGS84 degrees, with what the parent sees it called."""

    latitude: float
    longitude: float
    label: str = ""

    @property
    def km_per_degree_longitude(self):
        return KM_PER_DEGREE_LONGITUDE_AT_EQUATOR * math.cos(math.radians(self.latitude))


@dataclass(frozen=True)
class Positions:
    """The position of a fiche that distances are measured to, as SQL expressions.

    `margin`: how many degrees these positions may lie from the `latitude` and `longitude`
    columns at most; a bounding box on the (indexed) columns grows by it, so that it still
    holds every fiche whose position lies within the radius.
    """

    latitude: object = F("latitude")
    longitude: object = F("longitude")
    margin: float = 0.0


EXACT = Positions()


def in_belgium(latitude, longitude):
    """Whether a position lies in (or just around) Belgium."""
    return (
        BELGIUM_LATITUDE[0] <= latitude <= BELGIUM_LATITUDE[1]
        and BELGIUM_LONGITUDE[0] <= longitude <= BELGIUM_LONGITUDE[1]
    )


def bounding_box(origin, radius_km, margin=0.0):
    """A filter for the rows within the box around `origin` that holds the circle of the radius.

    The box uses the indexed latitude and longitude columns (also filter fields of the search
    index), widened by `margin` degrees (`Positions.margin`); the distance is then computed
    only for the rows inside it.
    """
    delta_latitude = radius_km / KM_PER_DEGREE_LATITUDE + margin
    delta_longitude = radius_km / origin.km_per_degree_longitude + margin
    return Q(
        latitude__range=(origin.latitude - delta_latitude, origin.latitude + delta_latitude),
        longitude__range=(origin.longitude - delta_longitude, origin.longitude + delta_longitude),
    )


def squared_distance(origin, positions=EXACT):
    """An expression for the squared distance in km² from `origin` to a row's `positions`."""
    dx = (positions.longitude - Value(origin.longitude)) * Value(origin.km_per_degree_longitude)
    dy = (positions.latitude - Value(origin.latitude)) * Value(KM_PER_DEGREE_LATITUDE)
    return ExpressionWrapper(dx * dx + dy * dy, output_field=FloatField())


def distance_km(origin, latitude, longitude):
    """The distance in km between `origin` and a position (the same formula as the database's)."""
    if latitude is None or longitude is None:
        return None
    dx = (longitude - origin.longitude) * origin.km_per_degree_longitude
    dy = (latitude - origin.latitude) * KM_PER_DEGREE_LATITUDE
    return math.sqrt(dx * dx + dy * dy)
