"""Editor-written content is marked Dutch under the English interface (WCAG 3.1.2)."""

import pytest
from bs4 import BeautifulSoup

from home.models import NavigationSettings
from search.models import SearchPage

from ..factories import InformationPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

BODY = [
    ("heading", {"text": "Over opvang", "level": "h2"}),
    ("paragraph", "<p>Kinderopvang voor baby's en peuters.</p>"),
    (
        "faq",
        {
            "title": "Vragen",
            "questions": [{"question": "Wat kost het?", "answer": "<p>Dat hangt af.</p>"}],
        },
    ),
    ("figure", {"figure": "request_retention_years", "label": ""}),
]


@pytest.fixture
def page(home_page):
    return InformationPageFactory(
        parent=home_page, title="Veelgestelde vragen", slug="faq", summary="Kort.", body=BODY
    )


def soup(client, url):
    return BeautifulSoup(client.get(url).content, "html.parser")


def dutch(element):
    """Whether the element is read as Dutch: its own lang, or its nearest ancestor's."""
    marked = element if element.has_attr("lang") else element.find_parent(attrs={"lang": True})
    return marked is not None and marked["lang"] == "nl"


def test_titles_summaries_and_bodies_are_dutch_under_en(client, page):
    html = soup(client, "/en/faq/")
    assert html.html["lang"] == "en"
    main = html.find("main")
    for selector in ("h1", ".lead", ".rich-text", "h2", ".faq summary", ".faq .answer"):
        assert dutch(main.select_one(selector)), selector
    assert dutch(html.select_one(".breadcrumb li[aria-current]"))
    # The standard description of a figure, and the figure itself, are interface text.
    assert not dutch(main.select_one(".figure"))


def test_no_extra_lang_in_the_dutch_interface(client, page):
    html = soup(client, "/faq/")
    assert html.html["lang"] == "nl"
    marked = html.find("body").find_all(attrs={"lang": True})
    # Only the language switcher, which names each language in itself.
    assert {tag.name for tag in marked} == {"a"}
    assert all(tag.find_parent("nav", class_="languages") for tag in marked)


def test_news_cards_menus_and_interface_text_under_en(client, home_page, news_index):
    NewsPageFactory(parent=news_index, title="Nieuwe plaatsen", summary="Drie nieuwe crèches.")
    navigation = NavigationSettings.for_site(home_page.get_site())
    navigation.main_menu = [("link", {"page": news_index, "url": "", "text": ""})]
    navigation.save()

    html = soup(client, "/en/nieuws/")
    card = html.select_one(".news-card")
    assert dutch(card.find("h2")) and dutch(card.find("p", string="Drie nieuwe crèches."))
    assert not dutch(card.find("time"))  # the date is written in the interface's language
    assert dutch(html.select_one(".main-menu a"))
    assert not dutch(html.select_one(".skip-link"))


def test_fiche_and_search_results_are_dutch_under_en(client, make_location, home_page):
    home_page.add_child(instance=SearchPage(title="Zoeken", slug="zoeken"))
    fiche = make_location(title="Kinderdagverblijf De Speelvogel", summary="Een warme plek.")

    html = soup(client, f"/en{fiche.url}")
    main = html.find("main")
    for selector in ("h1", ".lead", "#admission-title + div"):
        assert dutch(main.select_one(selector)), selector
    assert not dutch(main.select_one("#admission-title"))  # a heading of the interface

    results = soup(client, "/en/zoeken/")
    assert dutch(results.select_one("main h1"))
    assert dutch(results.select_one(".card h3"))
    assert not dutch(results.select_one(".card .facts dt"))
    listing = soup(client, "/en/kinderopvang/")
    assert dutch(listing.select_one(".card h2"))
