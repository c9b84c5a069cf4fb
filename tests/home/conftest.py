"""Fixtures for the home app: the content sections of a region's website."""

import pytest

from home.permissions import grant_section_permissions

from ..factories import (
    InformationPageFactory,
    LeafletIndexPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
)


@pytest.fixture
def news_index(home_page):
    index = NewsIndexPageFactory(parent=home_page)
    grant_section_permissions(index)
    return index


@pytest.fixture
def news_item(news_index):
    return NewsPageFactory(parent=news_index, title="Nieuwe plaatsen", slug="nieuwe-plaatsen")


@pytest.fixture
def leaflet_index(home_page):
    index = LeafletIndexPageFactory(parent=home_page)
    grant_section_permissions(index)
    return index


@pytest.fixture
def information_page(home_page):
    page = InformationPageFactory(parent=home_page, title="Veelgestelde vragen", slug="faq")
    grant_section_permissions(page)
    return page
