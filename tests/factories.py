"""The factories of the suite, from the apps that own the models (no fixture files).

They live next to their models (`core.factories`, `opvanglocaties.factories`,
`home.factories`) because the demo (`seed_demo`) builds its objects with them too; tests may
import them from here or from the apps.
"""

from core.factories import UserFactory
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
