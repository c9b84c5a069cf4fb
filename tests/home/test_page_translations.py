"""Pages in English: the English copy under /en/, the notice where a page has none, the menus
and the caches per language, fiches with one copy (issue 14 item 12)."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale

from home.models import NavigationSettings
from home.translation import publish_translation
from search.models import SearchPage

from ..factories import InformationPageFactory

pytestmark = pytest.mark.django_db

NOTICE = "This page is not yet available in English."


@pytest.fixture
def english_home(home_page):
    return publish_translation(home_page, "en", title="Ghent", intro="<p>Find childcare.</p>")


@pytest.fixture
def faq(home_page):
    return InformationPageFactory(
        parent=home_page, title="Veelgestelde vragen", slug="faq", summary="Antwoorden."
    )


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def test_a_translated_page_is_served_in_english_under_en(client, english_home, faq):
    publish_translation(faq, "en", title="Frequently asked questions", summary="Answers.")

    html = soup(client.get("/en/faq/"))
    assert html.html["lang"] == "en"
    assert html.find("h1").get_text(strip=True) == "Frequently asked questions"
    assert not html.find("h1").has_attr("lang")  # English text: <html lang> covers it
    assert NOTICE not in html.get_text()

    dutch = soup(client.get("/faq/"))
    assert dutch.find("h1").get_text(strip=True) == "Veelgestelde vragen"
    assert dutch.select_one(".translation-notice") is None


def test_the_home_page_in_english(client, home_page, english_home):
    html = soup(client.get("/en/"))
    assert html.find("h1").get_text(strip=True) == "Ghent"
    assert "Find childcare." in html.select_one(".intro").get_text()
    assert html.select_one(".translation-notice") is None
    assert soup(client.get("/")).find("h1").get_text(strip=True) == home_page.title


@pytest.mark.parametrize("with_english_home", [True, False])
def test_a_page_without_english_copy_says_so_and_links_the_dutch_one(
    client, home_page, faq, with_english_home
):
    if with_english_home:
        publish_translation(home_page, "en", title="Ghent")

    html = soup(client.get("/en/faq/"))
    notice = html.select_one(".translation-notice")
    assert notice.get_text(" ", strip=True).startswith(NOTICE)
    link = notice.find("a")
    assert link["href"] == "/faq/" and link["hreflang"] == "nl"
    assert link.get_text(strip=True) == "Read the page in Dutch"
    assert html.find("h1")["lang"] == "nl"  # the page's text is Dutch
    # The Dutch page itself stays Dutch, without a notice.
    assert soup(client.get("/faq/")).select_one(".translation-notice") is None


def test_a_draft_translation_is_not_shown(client, english_home, faq):
    copy = faq.copy_for_translation(Locale.objects.get(language_code="en"))
    copy.title = "Frequently asked questions"
    copy.save_revision()  # not published: the translator is not done

    html = soup(client.get("/en/faq/"))
    assert html.find("h1").get_text(strip=True) == "Veelgestelde vragen"
    assert NOTICE in html.select_one(".translation-notice").get_text()


def test_fiches_have_one_copy_served_in_both_languages(client, english_home, make_location):
    fiche = make_location(title="De Speelvogel")
    english = soup(client.get(f"/en{fiche.url}"))
    assert english.html["lang"] == "en"
    assert english.find("h1").get_text(strip=True) == "De Speelvogel"
    # The provider's own words, with the interface in English: no notice.
    assert english.select_one(".translation-notice") is None
    assert soup(client.get(fiche.url)).find("h1").get_text(strip=True) == "De Speelvogel"


def test_a_fiche_links_to_itself_in_the_visitors_language(english_home, make_location):
    fiche = make_location()
    dutch_url = fiche.url
    assert not dutch_url.startswith("/en/")
    with translation.override("en"):
        assert fiche.get_url() == "/en" + dutch_url
        assert fiche.get_parent().specific.get_url().startswith("/en/")


def test_a_fiche_cannot_be_translated(english_home, make_location):
    fiche = make_location()
    with pytest.raises(ValidationError):
        fiche.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    assert fiche.get_translations().count() == 0


def test_search_lists_each_fiche_once_in_both_languages(
    client, home_page, english_home, make_location
):
    search = SearchPage(title="Zoeken", slug="zoeken")
    home_page.add_child(instance=search)
    publish_translation(search, "en", title="Search", intro="<p>Find a place.</p>")
    fiche = make_location(title="De Speelvogel")
    with translation.override("nl"):
        dutch_url = fiche.url

    for url, title in (("/zoeken/", "Zoeken"), ("/en/zoeken/", "Search")):
        html = soup(client.get(url))
        assert html.find("h1").get_text(strip=True) == title
        links = [a["href"] for a in html.select(".card h3 a")]
        assert len(links) == 1, links
    english = soup(client.get("/en/zoeken/"))
    assert english.select_one(".card h3 a")["href"] == "/en" + dutch_url
    assert "Find a place." in english.select_one(".intro").get_text()
    assert not english.find("h1").has_attr("lang")


def test_menus_and_footer_follow_the_language(client, home_page, english_home, faq):
    other = InformationPageFactory(parent=home_page, title="Voor toeleiders", slug="toeleiders")
    english_faq = publish_translation(faq, "en", title="FAQ in English", slug="faq")
    navigation = NavigationSettings.for_site(home_page.get_site())
    navigation.main_menu = [
        ("link", {"page": faq, "url": "", "text": "Vragen"}),
        ("link", {"page": other, "url": "", "text": ""}),
    ]
    navigation.footer_links = [("link", {"page": faq, "url": "", "text": ""})]
    navigation.save()

    dutch = soup(client.get("/"))
    assert [(a.get_text(), a["href"]) for a in dutch.select(".main-menu a")] == [
        ("Vragen", "/faq/"),
        ("Voor toeleiders", "/toeleiders/"),
    ]
    english = soup(client.get("/en/"))
    menu = english.select(".main-menu li")
    assert [(li.a.get_text(), li.a["href"]) for li in menu] == [
        ("FAQ in English", "/en/faq/"),
        ("Voor toeleiders", "/en/toeleiders/"),  # no copy yet: the Dutch page, under /en/
    ]
    assert not menu[0].has_attr("lang") and menu[1]["lang"] == "nl"
    footer = english.select_one(".footer-links a")
    assert (footer.get_text(), footer["href"]) == ("FAQ in English", english_faq.url)
    # The English page marks itself as the current one in the menu.
    current = soup(client.get("/en/faq/")).select_one(".main-menu a[aria-current]")
    assert current.get_text() == "FAQ in English"


def test_the_page_cache_keeps_each_language_apart(client, english_home, faq, settings):
    settings.PAGE_CACHE_SECONDS = 60
    assert "Veelgestelde vragen" in client.get("/faq/").content.decode()
    assert NOTICE in client.get("/en/faq/").content.decode()
    # Publishing the translation shows up at once, and the Dutch page is untouched.
    publish_translation(faq, "en", title="Frequently asked questions")
    english = client.get("/en/faq/").content.decode()
    assert "Frequently asked questions" in english and NOTICE not in english
    assert "Veelgestelde vragen" in client.get("/faq/").content.decode()


def test_english_pages_cost_the_queries_dutch_ones_do(client, english_home, faq, make_location):
    publish_translation(faq, "en", title="Frequently asked questions")
    fiche = make_location()
    for dutch, english in (("/faq/", "/en/faq/"), (fiche.url, "/en" + fiche.url)):
        client.get(dutch), client.get(english)  # warm the site and chrome caches
        counts = []
        for url in (dutch, english):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
        # Routing from the English home page costs no more than from the Dutch one; a fiche
        # under /en/ is looked up below the English copy first (one query).
        assert counts[1] <= counts[0] + 1, (dutch, counts)


def test_the_english_home_page_searches_in_english(client, home_page, english_home):
    search = SearchPage(title="Zoeken", slug="zoeken")
    home_page.add_child(instance=search)
    # No English copy of the search page yet: the Dutch one, in the English interface.
    assert soup(client.get("/en/")).select_one(".search-box form")["action"] == "/en/zoeken/"
    assert soup(client.get("/")).select_one(".search-box form")["action"] == "/zoeken/"
    publish_translation(search, "en", title="Search", slug="search")
    assert soup(client.get("/en/")).select_one(".search-box form")["action"] == "/en/search/"
