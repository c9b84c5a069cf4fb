"""Home page, information pages, news, leaflets and site settings."""

from .content import AccessibilityStatementPage, ComplianceStatus, InformationPage, PrivacyPage
from .leaflets import LeafletIndexPage, LeafletPage, LeafletVersion
from .news import NewsIndexPage, NewsPage, NewsPageTag
from .pages import HomePage
from .site_settings import LoketContact, NavigationSettings

__all__ = [
    "AccessibilityStatementPage",
    "ComplianceStatus",
    "HomePage",
    "InformationPage",
    "LeafletIndexPage",
    "LeafletPage",
    "LeafletVersion",
    "LoketContact",
    "NavigationSettings",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "PrivacyPage",
]
