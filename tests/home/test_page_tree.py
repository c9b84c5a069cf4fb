"""Which page types go where: the tree stays the shape the guide describes."""

import pytest

from home.models import (
    AccessibilityStatementPage,
    HomePage,
    InformationPage,
    LeafletIndexPage,
    LeafletPage,
    NewsIndexPage,
    NewsPage,
    PrivacyPage,
)
from opvanglocaties.models import LocationIndexPage, LocationPage, OrganiserPage

from ..factories import PrivacyPageFactory

pytestmark = pytest.mark.django_db

SECTIONS = [
    NewsIndexPage,
    LeafletIndexPage,
    InformationPage,
    PrivacyPage,
    AccessibilityStatementPage,
]


@pytest.mark.parametrize("model", SECTIONS)
def test_sections_go_under_a_home_page_only(model, home_page, location_index):
    assert model.can_create_at(home_page)
    assert not model.can_create_at(location_index)


def test_news_items_only_in_a_news_index(news_index, information_page, home_page):
    assert NewsPage.can_create_at(news_index)
    assert not NewsPage.can_create_at(home_page)
    assert not NewsPage.can_create_at(information_page)
    assert NewsIndexPage.allowed_subpage_models() == [NewsPage]


def test_leaflets_only_in_a_leaflet_index(leaflet_index, home_page):
    assert LeafletPage.can_create_at(leaflet_index)
    assert not LeafletPage.can_create_at(home_page)
    assert LeafletIndexPage.allowed_subpage_models() == [LeafletPage]


def test_information_pages_nest_but_hold_nothing_else(information_page):
    assert InformationPage.can_create_at(information_page)
    assert not NewsPage.can_create_at(information_page)
    assert not LocationPage.can_create_at(information_page)


def test_one_news_index_and_one_privacy_page_per_site(news_index, home_page):
    assert not NewsIndexPage.can_create_at(home_page)  # there is one already
    assert PrivacyPage.can_create_at(home_page)
    PrivacyPageFactory(parent=home_page)
    assert not PrivacyPage.can_create_at(home_page)


def test_home_page_children_include_the_location_index_and_sections():
    allowed = set(HomePage.allowed_subpage_models())
    assert {LocationIndexPage, *SECTIONS} <= allowed
    assert NewsPage not in allowed and LeafletPage not in allowed
    assert OrganiserPage not in allowed and LocationPage not in allowed
