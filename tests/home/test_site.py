"""The site as a whole: sitemap, robots.txt, menus and footer, breadcrumb, languages."""

import pytest

from home.models import LoketContact, NavigationSettings

from ..factories import InformationPageFactory

pytestmark = pytest.mark.django_db


def test_sitemap_lists_public_live_pages_only(client, news_item, information_page):
    from wagtail.models import PageViewRestriction

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


def test_breadcrumb_shows_the_way_back(client, news_item, home_page):
    html = client.get(news_item.url).content.decode()
    assert 'class="wrap breadcrumb"' in html
    assert f'<a href="/">{home_page.title}</a>' in html
    assert f'<li aria-current="page">{news_item.title}</li>' in html


def test_dutch_by_default_and_english_under_en(client, information_page):
    dutch = client.get("/faq/").content.decode()
    assert '<html lang="nl">' in dutch and "Ga naar de inhoud" in dutch
    english = client.get("/en/faq/").content.decode()
    assert '<html lang="en">' in english and "Skip to content" in english
    assert 'hreflang="nl"' in english


def test_content_pages_respect_the_strict_content_security_policy(client, region, location_index):
    from bs4 import BeautifulSoup

    from home.demo import seed_site_content

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
    from django.urls import reverse

    site = home_page.get_site()
    for model in ("navigationsettings", "loketcontact"):
        url = reverse("wagtailsettings:edit", args=["home", model, site.pk])
        client.force_login(communication_user)
        assert client.get(url).status_code == 200, model
        client.force_login(provider)
        assert client.get(url).status_code in (302, 403), model
