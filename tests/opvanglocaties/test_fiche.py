"""The public fiche: every field a parent needs, structured data, constant queries."""

import datetime
import itertools
import json
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from opvanglocaties.choices import AvailabilityStatus
from opvanglocaties.models import (
    AgeGroupAvailability,
    ClosingPeriod,
    LocationPhoto,
    OpeningHours,
    PriorityRule,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def fiche(make_location, organiser):
    page = make_location(
        organiser=organiser,
        title="Kinderdagverblijf Pimpampoentje",
        summary="Kleine opvang vlak bij het Citadelpark.",
        licence_number="KO-123456",
        licensed_capacity=18,
        tariff_type="free_price",
        day_price=Decimal("34.50"),
        subsidy_framework="basic",
        extra_costs="Luiers inbegrepen.",
        street="Kortrijksesteenweg",
        house_number="101",
        intake_procedure="<p>Eerst een rondleiding.</p>",
        pedagogical_approach="<p>Veel buiten spelen.</p>",
        accessibility="Lift naar de eerste verdieping.",
        wheelchair_accessible=True,
        languages=["nl", "en"],
        contact_name="Sofie",
        phone="09 123 45 67",
        email="info@pimpampoentje.example",
        website="https://pimpampoentje.example",
        inspection_reports_url="https://www.opgroeien.be/verslagen/KO-123456",
        availability_confirmed_on=datetime.date(2026, 11, 2),
        response_deadline_days=14,
    )
    OpeningHours.objects.create(
        page=page, weekday=0, opens=datetime.time(7), closes=datetime.time(18, 30)
    )
    OpeningHours.objects.create(
        page=page, weekday=2, opens=datetime.time(7, 30), closes=datetime.time(12)
    )
    ClosingPeriod.objects.create(
        page=page,
        start_date=datetime.date(2026, 12, 24),
        end_date=datetime.date(2027, 1, 1),
        description="Kerstvakantie",
    )
    AgeGroupAvailability.objects.create(
        page=page,
        age_group="baby",
        status=AvailabilityStatus.FREE_FROM,
        free_from=datetime.date(2027, 3, 1),
        free_places=2,
    )
    AgeGroupAvailability.objects.create(
        page=page, age_group="toddler", status=AvailabilityStatus.FULL
    )
    page.priority_rules.set(PriorityRule.objects.filter(code__in=["broer-of-zus", "pleegkind"]))
    page.save()
    image = Image.objects.create(title="Tuin", file=get_test_image_file())
    LocationPhoto.objects.create(page=page, image=image, alt_text="De tuin met zandbak")
    return page


def test_fiche_shows_every_field(client, fiche):
    response = client.get(fiche.url)
    assert response.status_code == 200
    html = response.content.decode()
    text = " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
    for expected in [
        "Kinderdagverblijf Pimpampoentje",
        "Kleine opvang vlak bij het Citadelpark.",
        "KO-123456",
        "18",
        "34,50",
        "Luiers inbegrepen.",
        "Kortrijksesteenweg 101, 9000 Gent",
        "07:00\N{EN DASH}18:30",
        "07:30\N{EN DASH}12:00",
        "Kerstvakantie",
        "maart 2027",
        "2 november 2026",
        "binnen 14 dagen",
        "Broer of zus in de opvang",
        "Pleegkind",
        "Eerst een rondleiding.",
        "Veel buiten spelen.",
        "Lift naar de eerste verdieping.",
        "Engels",
        "Sofie",
        "09 123 45 67",
        "info@pimpampoentje.example",
        "Vzw De Speelvogel",
    ]:
        assert expected in text, expected
    assert 'href="https://www.opgroeien.be/verslagen/KO-123456"' in html
    assert 'href="https://pimpampoentje.example"' in html
    assert 'alt="De tuin met zandbak"' in html
    assert "openstreetmap.org/?mlat=51.051900&amp;mlon=3.721600" in html


def test_fiche_has_schema_org_childcare_data(client, fiche):
    soup = BeautifulSoup(client.get(fiche.url).content, "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "ChildCare"
    assert data["address"]["postalCode"] == "9000"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 51.0519, "longitude": 3.7216}
    assert {spec["dayOfWeek"] for spec in data["openingHoursSpecification"]} == {
        "https://schema.org/Monday",
        "https://schema.org/Wednesday",
    }


def test_structured_data_cannot_break_out_of_its_script(client, make_location):
    page = make_location(summary="</script><script>alert(1)</script>")
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)" not in html


def test_fiche_is_accessible_by_construction(client, fiche):
    soup = BeautifulSoup(client.get(fiche.url).content, "html.parser")
    assert soup.html["lang"] == "nl"
    assert soup.find("main", id="main")
    assert soup.find("a", class_="skip-link")["href"] == "#main"
    headings = [int(h.name[1]) for h in soup.find_all(["h1", "h2", "h3"])]
    assert headings[0] == 1 and headings.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(headings))


def test_fiche_in_english(client, fiche):
    assert fiche.url.startswith("/kinderopvang/")
    response = client.get("/en" + fiche.url)
    text = BeautifulSoup(response.content, "html.parser").get_text(" ")
    assert "Opening hours" in text
    assert "within 14 days" in text
    assert BeautifulSoup(response.content, "html.parser").html["lang"] == "en"


def test_fiche_query_count_does_not_grow_with_its_rows(client, fiche):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(fiche.url).status_code == 200
        return len(captured)

    queries()  # warms Wagtail's site cache and makes the photo renditions
    baseline = queries()
    for weekday in range(3, 7):
        OpeningHours.objects.create(
            page=fiche, weekday=weekday, opens=datetime.time(8), closes=datetime.time(9)
        )
    ClosingPeriod.objects.create(
        page=fiche, start_date=datetime.date(2027, 7, 20), end_date=datetime.date(2027, 8, 5)
    )
    fiche.priority_rules.add(*PriorityRule.objects.all())
    fiche.save()
    for number in range(3):
        image = Image.objects.create(title=f"Foto {number}", file=get_test_image_file())
        LocationPhoto.objects.create(page=fiche, image=image, alt_text=f"Foto {number}")
    queries()  # makes the renditions of the new photos
    assert queries() == baseline


def test_location_index_lists_live_fiches_with_constant_queries(
    client, make_location, location_index
):
    for _ in range(3):
        make_location()
    client.get(location_index.url)  # warms Wagtail's cache of site root paths
    with CaptureQueriesContext(connection) as few:
        response = client.get(location_index.url)
    assert response.status_code == 200
    assert "3 opvanglocaties" in response.content.decode()
    for _ in range(10):
        make_location()
    with CaptureQueriesContext(connection) as many:
        client.get(location_index.url)
    assert len(many) == len(few)


def test_organiser_folder_lists_that_organisers_fiches(client, make_location, organiser):
    mine = make_location(organiser=organiser, title="Crèche Van Ons")
    make_location(title="Crèche Van Anderen")
    response = client.get(mine.get_parent().url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Crèche Van Ons" in html
    assert "Crèche Van Anderen" not in html
    assert "1 opvanglocatie" in html
    assert mine.url.startswith(mine.get_parent().url)
