"""The search tests' world: a search page, wijken of Gent, buurgemeenten (a pytest plugin)."""

import datetime

import pytest

from opvanglocaties.choices import AgeGroup, AvailabilityStatus
from opvanglocaties.models import AgeGroupAvailability
from search.models import SearchPage

from ..factories import NeighbourhoodFactory, OpeningHoursFactory, municipality

GENT, MERELBEKE_MELLE, DESTELBERGEN, ANTWERPEN = "44021", "44088", "44013", "11002"


@pytest.fixture
def search_page(home_page):
    page = SearchPage(title="Zoeken", slug="zoeken")
    home_page.add_child(instance=page)
    return page


@pytest.fixture
def gent():
    return municipality(GENT)


@pytest.fixture
def buren(gent):
    """Two buurgemeenten of Gent; Merelbeke-Melle served by another region."""
    merelbeke, destelbergen = municipality(MERELBEKE_MELLE), municipality(DESTELBERGEN)
    gent.neighbours.add(merelbeke, destelbergen)
    return merelbeke, destelbergen


@pytest.fixture
def wijken(gent):
    """Two neighbourhoods of Gent with a square polygon each."""

    def square(lat, lng, size=0.01):
        return {
            "type": "Polygon",
            "coordinates": [
                [
                    [lng, lat],
                    [lng + size, lat],
                    [lng + size, lat + size],
                    [lng, lat + size],
                    [lng, lat],
                ]
            ],
        }

    return (
        NeighbourhoodFactory(
            municipality=gent, name="Ledeberg", slug="ledeberg", geometry=square(51.03, 3.73)
        ),
        NeighbourhoodFactory(
            municipality=gent,
            name="Gentbrugge",
            slug="gentbrugge",
            geometry=square(51.04, 3.75),
        ),
    )


def set_availability(location, status, free_from=None, age_group=AgeGroup.BABY):
    return AgeGroupAvailability.objects.create(
        page=location, age_group=age_group, status=status, free_from=free_from
    )


def set_hours(location, weekdays=range(5), opens=datetime.time(7, 0), closes=datetime.time(18, 0)):
    for day in weekdays:
        OpeningHoursFactory(page=location, weekday=day, opens=opens, closes=closes)


FREE_NOW = AvailabilityStatus.FREE_NOW
FREE_FROM = AvailabilityStatus.FREE_FROM
FULL = AvailabilityStatus.FULL
