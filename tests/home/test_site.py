"""The site as a whole: sitemap, robots.txt, menus and footer, breadcrumb, languages."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from home.demo import seed_site_content
from home.models import LoketContact, NavigationSettings

from ..factories import InformationPageFactory

pytestmark = pytest.mark.django_db


def test_sitemap_lists_public_live_pages_only(client, news_item, information_page):
    private = InformationPageFactory(parent=information_page.get_parent(), slug="intern")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = InformationPageFactory(parent=information_page, slug="concept", live=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert "http://testserver/nieuws/nieuwe-plaatsen/" in xml
    assert "http://testserver/faq/" in xml
    assert "/intern/" not in xml and draft.slug not in xml


def test_robots_txt_names_the_sitemap_and_keeps_robots_out_of_the_admin(client, home_page):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    # Compare lists and request starts are personal choices, endless in number: not indexed.
    assert "Disallow: /vergelijken/" in text
    assert "Disallow: /en/aanvragen/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_robots_txt_follows_the_url_names_in_every_language(client, search_page, settings):
    # A search page at another slug, and a third language: robots.txt follows both.
    search_page.slug = "vinden"
    search_page.save_revision().publish()
    settings.LANGUAGES = [*settings.LANGUAGES, ("fr", "French")]
    lines = client.get("/robots.txt").content.decode().splitlines()
    for code in ("nl", "en", "fr"):
        with translation.override(code):
            for name in ("compare", "request_start"):
                assert f"Disallow: {reverse(name)}" in lines, (code, name)
    assert {"Disallow: /vinden/?", "Disallow: /en/vinden/?", "Disallow: /fr/vinden/?"} <= set(lines)
    # The search page itself stays indexable: only its results (the query string) are not.
    assert "Disallow: /vinden/" not in lines


def test_sitemap_lists_every_page_in_every_language_with_alternates(client, information_page):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(client.get("/sitemap.xml").content)
    urls = {url.findtext("s:loc", namespaces=ns): url for url in root.findall("s:url", ns)}
    assert {"http://testserver/faq/", "http://testserver/en/faq/"} <= set(urls)
    for loc in ("http://testserver/faq/", "http://testserver/en/faq/"):
        alternates = {
            link.get("hreflang"): link.get("href") for link in urls[loc].findall("x:link", ns)
        }
        assert alternates == {
            "nl": "http://testserver/faq/",
            "en": "http://testserver/en/faq/",
            "x-default": "http://testserver/faq/",
        }


def test_menus_footer_and_contact_come_from_the_site_settings(client, home_page, news_index):
    site = home_page.get_site()
    navigation = NavigationSettings.for_site(site)
    navigation.main_menu = [("link", {"page": news_index, "url": "", "text": ""})]
    navigation.footer_links = [("link", {"page": None, "url": "https://x.example/", "text": "X"})]
    navigation.footer_text = "Een dienst van de stad."
    navigation.save()
    contact = LoketContact.for_site(site)
    contact.name, contact.phone = "Loket Kinderopvang Gent", "09 123 45 67"
    contact.save()

    html = client.get("/").content.decode()
    assert '<nav class="main-menu"' in html and 'href="/nieuws/"' in html
    assert 'href="https://x.example/">X</a>' in html
    assert "Een dienst van de stad." in html
    assert 'href="tel:091234567"' in html

    news_index.unpublish()
    assert 'href="/nieuws/"' not in client.get("/").content.decode()  # no dead menu links


@pytest.mark.parametrize("restricted", ["page", "ancestor"])
def test_menus_leave_out_private_pages(client, home_page, information_page, restricted):
    internal = InformationPageFactory(parent=information_page, title="Intern", slug="intern")
    public = InformationPageFactory(parent=home_page, title="Openbaar", slug="openbaar")
    navigation = NavigationSettings.for_site(home_page.get_site())
    navigation.main_menu = [
        ("link", {"page": page, "url": "", "text": ""}) for page in (internal, public)
    ]
    navigation.footer_links = [("link", {"page": internal, "url": "", "text": "Intern"})]
    navigation.save()
    assert 'href="/faq/intern/"' in client.get("/").content.decode()

    PageViewRestriction.objects.create(
        page=internal if restricted == "page" else information_page,
        restriction_type=PageViewRestriction.PASSWORD,
        password="geheim",
    )
    html = client.get("/").content.decode()
    assert 'href="/faq/intern/"' not in html  # neither in the main menu nor in the footer
    assert 'href="/openbaar/"' in html


def test_breadcrumb_shows_the_way_back(client, news_item, home_page):
    html = client.get(news_item.url).content.decode()
    assert 'class="wrap breadcrumb"' in html
    assert f'<a href="/">{home_page.title}</a>' in html
    assert f'<li aria-current="page">{news_item.title}</li>' in html


def test_language_links_say_their_code_and_their_own_name(client, information_page):
    for url in ("/faq/", "/en/faq/"):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        links = {a["lang"]: a for a in soup.select("nav.languages a")}
        # The accessible name starts with the visible code (WCAG 2.5.3), and names the
        # language in itself, not in the current interface language ("Engels").
        assert links["en"].get_text() == "EN English", url
        assert links["nl"].get_text() == "NL Nederlands", url
        assert not soup.select("nav.languages [aria-hidden], nav.languages [aria-label]"), url
        assert links["en"]["href"] == "/en/faq/" and links["nl"]["href"] == "/faq/"


def test_dutch_by_default_and_english_under_en(client, information_page):
    dutch = client.get("/faq/").content.decode()
    assert '<html lang="nl">' in dutch and "Ga naar de inhoud" in dutch
    english = client.get("/en/faq/").content.decode()
    assert '<html lang="en">' in english and "Skip to content" in english
    assert 'hreflang="nl"' in english


def test_content_pages_respect_the_strict_content_security_policy(client, region, location_index):
    seed_site_content(region)
    for url in ("/", "/nieuws/", "/folders/kinderopvang-zoeken/", "/veelgestelde-vragen/"):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        assert not [s for s in soup.find_all("script") if not s.get("src")], url
        assert not soup.find_all("style") and not soup.find_all(style=True), url
        handlers = [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)]
        assert not handlers, url


def test_communication_edits_menus_and_contact_in_the_settings(
    client, communication_user, provider, home_page
):
    site = home_page.get_site()
    for model in ("navigationsettings", "loketcontact"):
        url = reverse("wagtailsettings:edit", args=["home", model, site.pk])
        client.force_login(communication_user)
        assert client.get(url).status_code == 200, model
        client.force_login(provider)
        assert client.get(url).status_code in (302, 403), model
