"""The IKT estimate on the fiche and on compare (issue 14.6): a GET form answered
server-side, never stored, never cached, with Dutch messages next to the fields; a location
with a free price shows its day price."""

import logging
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from opvanglocaties.choices import SubsidyFramework, TariffType
from opvanglocaties.models import IncomeTariff

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def tariff():
    return IncomeTariff.objects.create(
        year=timezone.localdate().year,
        lower_income_bound=D("2000"),
        upper_income_bound=D("6000"),
        min_day_price=D("10"),
        max_day_price=D("30"),
        reduction_per_further_child=D("25"),
    )


@pytest.fixture
def ikt(make_location):
    return make_location(title="Inkomensgerelateerd", tariff_type=TariffType.INCOME_RELATED)


@pytest.fixture
def free_price(make_location):
    return make_location(
        title="Vrije prijs",
        tariff_type=TariffType.FREE_PRICE,
        subsidy_framework=SubsidyFramework.NONE,
        day_price=D("32.50"),
    )


def estimate_section(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find("section", class_="estimate")


def test_an_ikt_fiche_offers_the_estimate_form(client, ikt, tariff):
    response = client.get(ikt.url)
    section = estimate_section(response)
    assert section is not None
    assert section.find("h2").get_text() == "Schat je dagprijs"
    labels = [label.get_text() for label in section.find_all("label")]
    assert labels == ["Belastbaar maandinkomen van je gezin (euro)", "Aantal kinderen in je gezin"]
    assert section.find("form")["method"] == "get"
    assert section.find("div", class_="estimate-result") is None  # nothing asked yet


def test_the_estimate_is_shown_for_an_income_and_the_page_is_not_cached(client, ikt, tariff):
    response = client.get(ikt.url, {"inkomen": "4.000", "kinderen": "2"})
    text = estimate_section(response).get_text(" ", strip=True)
    assert "Geschatte dagprijs: € 15,00 voor een volle dag" in text
    assert f"(tarief {tariff.year})" in text
    assert "Een dag van minder dan 5 uur: € 9,00." in text
    assert "attest inkomenstarief" in text
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control
    assert "private" in cache_control


@pytest.mark.parametrize(
    ("typed", "price"),  # "3.000" is three thousand in Dutch
    [("3000", "15,00"), ("3000,00", "15,00"), ("3.000", "15,00"), ("€ 3.000,50", "15,00")],
)
def test_incomes_as_people_type_them(client, ikt, tariff, typed, price):
    response = client.get(ikt.url, {"inkomen": typed, "kinderen": "1"})
    # A quarter of the way from 2,000 to 6,000: a quarter of the way from 10 to 30 euro.
    assert f"€ {price}" in estimate_section(response).get_text(" ", strip=True)


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"inkomen": "veel", "kinderen": "1"}, "inkomen", "Vul het inkomen in als een bedrag"),
        ({"inkomen": "-5", "kinderen": "1"}, "inkomen", "Het inkomen kan niet negatief zijn."),
        ({"inkomen": "", "kinderen": "1"}, "inkomen", "Vul het maandinkomen van je gezin in"),
        ({"inkomen": "3000", "kinderen": "0"}, "kinderen", "Tel dit kind ook mee: minstens 1."),
        ({"inkomen": "3000", "kinderen": "1,5"}, "kinderen", "als een geheel getal"),
        ({"inkomen": "9" * 40, "kinderen": "1"}, "inkomen", "hoogstens 100.000 euro"),
    ],
)
def test_bad_input_gets_a_dutch_message_next_to_the_field(
    client, ikt, tariff, params, field, message
):
    response = client.get(ikt.url, params)
    assert response.status_code == 200
    section = estimate_section(response)
    error = section.find("ul", id=f"id_{field}_error")
    assert message in error.get_text()
    assert section.find("input", id=f"id_{field}")["aria-invalid"] == "true"
    # The summary at the top links to the field.
    assert section.find("div", class_="error-summary").find("a")["href"] == f"#id_{field}"
    assert "Geschatte dagprijs" not in section.get_text()


def test_without_a_tariff_the_page_says_so(client, ikt):
    response = client.get(ikt.url, {"inkomen": "3000", "kinderen": "1"})
    assert "nog niet ingevuld" in estimate_section(response).get_text()


def test_a_plain_fiche_reads_no_tariff(client, ikt, tariff):
    with CaptureQueriesContext(connection) as captured:
        client.get(ikt.url)
    assert not any("incometariff" in query["sql"] for query in captured)


def test_a_free_price_fiche_shows_its_day_price_and_no_form(client, free_price, tariff):
    response = client.get(free_price.url, {"inkomen": "3000", "kinderen": "1"})
    body = response.content.decode()
    assert estimate_section(response) is None
    assert "€ 32,50 per volledige dag" in body


def test_the_income_is_never_stored_in_the_page_cache(client, ikt, tariff, settings, caplog):
    settings.PAGE_CACHE_SECONDS = 600
    caches[settings.PAGE_CACHE_ALIAS].clear()
    with caplog.at_level(logging.DEBUG):
        client.get(ikt.url, {"inkomen": "4321", "kinderen": "3"})
        again = client.get(ikt.url, {"inkomen": "4321", "kinderen": "3"})
    assert "X-Page-Cache" not in again  # neither stored nor served
    stored = caches[settings.PAGE_CACHE_ALIAS]
    keys = list(getattr(stored, "_cache", {}).keys())
    assert not any("4321" in str(key) for key in keys)
    assert all("4321" not in record.getMessage() for record in caplog.records)
    # The plain fiche is still cached for everyone, without the estimate.
    client.get(ikt.url)
    plain = client.get(ikt.url)
    assert plain["X-Page-Cache"] == "hit"
    assert "Geschatte dagprijs" not in plain.content.decode()


def test_the_cached_fiche_fragments_never_hold_an_estimate(client, ikt, tariff, settings):
    settings.FRAGMENT_CACHE_SECONDS = 600
    client.get(ikt.url, {"inkomen": "4000", "kinderen": "1"})
    plain = client.get(ikt.url).content.decode()
    assert "Geschatte dagprijs" not in plain
    assert "4000" not in plain


def test_compare_shows_the_estimate_beside_a_free_price(client, ikt, free_price, tariff):
    ids = f"{ikt.pk},{free_price.pk}"
    response = client.get("/vergelijken/", {"locaties": ids})
    soup = BeautifulSoup(response.content, "html.parser")
    row = next(tr for tr in soup.select("tbody tr") if tr.th.get_text() == "Jouw dagprijs")
    cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
    assert cells == ["Schat ze op basis van je inkomen", "€ 32,50 per dag"]
    form = estimate_section(response).find("form")
    assert form.find("input", type="hidden", attrs={"name": "locaties"})["value"] == ids

    response = client.get("/vergelijken/", {"locaties": ids, "inkomen": "4000", "kinderen": "1"})
    soup = BeautifulSoup(response.content, "html.parser")
    row = next(tr for tr in soup.select("tbody tr") if tr.th.get_text() == "Jouw dagprijs")
    cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
    assert cells == ["€ 20,00 per dag (schatting)", "€ 32,50 per dag"]
    assert "no-store" in response["Cache-Control"]


def test_compare_without_ikt_locations_has_no_estimate(client, free_price, tariff):
    response = client.get("/vergelijken/", {"locaties": str(free_price.pk)})
    assert estimate_section(response) is None
    assert "Jouw dagprijs" not in response.content.decode()
