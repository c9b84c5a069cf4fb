"""What of a fiche's address the open data publish (GDPR art. 5.1.c, data minimisation).

Family care (gezinsopvang) happens in a childminder's own home. The fiche shows the full
address, because parents bring their child there and the childminder publishes it for them;
a bulk download or a map of every childminder's home serves no such purpose. So the open
data (CSV, GeoJSON, API) give a home's postcode, municipality and wijk, and its position
rounded to about a kilometre, but not its street and house number. The search page and the
fiche, which parents use one location at a time, show the address as the fiche publishes it.

What a bulk interface publishes it must not reveal another way either: its distance filter
and order measure to the rounded position (`PUBLISHED_POSITIONS`), and it neither filters
nor orders on the exact address fields (`HOME_ADDRESS_FIELDS`). Otherwise a small radius
around a guess, or the rank in a list sorted by distance, would confirm the address.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, F, FloatField, When
from django.db.models.functions import Cast, Round

from opvanglocaties.choices import CareType

from ..geo import Positions

# Two decimals of a degree: about 1.1 km north-south and 0.7 km east-west in Flanders.
HOME_POSITION_DECIMALS = 2
# What the open data coarsen for a home: also never a filter or an order of a bulk interface,
# which would confirm an address or rank exact positions.
HOME_ADDRESS_FIELDS = ("street", "house_number", "latitude", "longitude")


@dataclass(frozen=True)
class PublishedAddress:
    """The address facts of one fiche as the open data give them."""

    street: str
    house_number: str
    latitude: float | None
    longitude: float | None
    position_rounded: bool


def is_private_home(location):
    """Whether the location is someone's home (family care)."""
    return location.care_type == CareType.FAMILY


def published_address(location):
    """The street, house number and position the open data may show for `location`."""
    if not is_private_home(location):
        return PublishedAddress(
            location.street, location.house_number, location.latitude, location.longitude, False
        )

    return PublishedAddress("", "", coarse(location.latitude), coarse(location.longitude), True)


def coarse(degrees):
    """A home's coordinate as published: HOME_POSITION_DECIMALS decimals, halves away from
    zero as SQL's ROUND does (`PUBLISHED_POSITIONS`), so both give the same number."""
    if degrees is None:
        return None
    step = Decimal(1).scaleb(-HOME_POSITION_DECIMALS)
    return float(Decimal(repr(degrees)).quantize(step, rounding=ROUND_HALF_UP))


def _published(column):
    # `coarse` in SQL, for a home only. PostgreSQL rounds a numeric, not a double: Django's
    # Round casts it; the result is cast back for the arithmetic of the distance.
    rounded = Cast(Round(F(column), HOME_POSITION_DECIMALS), FloatField())
    return Case(
        When(care_type=CareType.FAMILY, then=rounded),
        default=F(column),
        output_field=FloatField(),
    )


# The positions the open data publish, for the downloads' distance filter and order. A
# rounded position lies at most half a step of the rounding from the exact one.
PUBLISHED_POSITIONS = Positions(
    latitude=_published("latitude"),
    longitude=_published("longitude"),
    margin=0.5 * 10**-HOME_POSITION_DECIMALS,
)
