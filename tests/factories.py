"""The factories of the suite, from the apps that own the models (no fixture files).

They live next to their models (`core.factories`, `opvanglocaties.factories`,
`home.factories`) because the demo (`seed_demo`) builds its objects with them too; tests may
import them from here or from the apps.
"""

import factory

from core.factories import UserFactory as DemoUserFactory
from home.factories import (
    AccessibilityStatementPageFactory,
    HomePageFactory,
    InformationPageFactory,
    LeafletIndexPageFactory,
    LeafletPageFactory,
    LeafletVersionFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PdfDocumentFactory,
    PrivacyPageFactory,
)
from opvanglocaties.factories import (
    LocationIndexPageFactory,
    LocationPageFactory,
    NeighbourhoodFactory,
    OpeningHoursFactory,
    OrganiserFactory,
    RegionFactory,
    kbo_number,
    municipality,
)


class UserFactory(DemoUserFactory):
    """Staff accounts for tests, with names no family in a test can have.

    The demo's Belgian names from Faker ("Karel", "Peeters") are also the names tests look
    for as a family's personal data on admin pages, and those pages show the viewer's own
    name: a random draw made such tests fail now and then.
    """

    first_name = factory.Sequence(lambda n: f"Medewerker{n:05d}")
    last_name = "Testaccount"


__all__ = [
    "AccessibilityStatementPageFactory",
    "HomePageFactory",
    "InformationPageFactory",
    "LeafletIndexPageFactory",
    "LeafletPageFactory",
    "LeafletVersionFactory",
    "LocationIndexPageFactory",
    "LocationPageFactory",
    "NeighbourhoodFactory",
    "NewsIndexPageFactory",
    "NewsPageFactory",
    "OpeningHoursFactory",
    "OrganiserFactory",
    "PdfDocumentFactory",
    "PrivacyPageFactory",
    "RegionFactory",
    "UserFactory",
    "kbo_number",
    "municipality",
]
