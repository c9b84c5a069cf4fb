"""What of a fiche's address the open data publish (GDPR art. 5.1.c, data minimisation).

Family care (gezinsopvang) happens in a childminder's own home. The fiche shows the full
address, because parents bring their child there and the childminder publishes it for them;
a bulk download or a map of every childminder's home serves no such purpose. So the open
data (CSV, GeoJSON, API) give a home's postcode, municipality and wijk, and its position
rounded to about a kilometre, but not its street and house number. The search page and the
fiche, which parents use one location at a time, show the address as the fiche publishes it.
"""

from dataclasses import dataclass

from opvanglocaties.choices import CareType

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

    def coarse(value):
        return round(value, HOME_POSITION_DECIMALS) if value is not None else None

    return PublishedAddress("", "", coarse(location.latitude), coarse(location.longitude), True)
