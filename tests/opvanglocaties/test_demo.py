"""The demo data: two regions, realistic fiches, one account per role."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.http import HttpRequest
from shapely.geometry import Point
from wagtail.models import Site

from home import demo as home_demo
from home.models import PrivacyPage
from opvanglocaties.demo.builder import make_kbo_number
from opvanglocaties.models import LocationPage, Organiser, Region
from opvanglocaties.models.organisers import validate_kbo_number
from portal.settings import dev as dev_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    # As `make demo` runs it: development settings, where the demo accounts skip the second
    # factor (only because DEBUG is on: tests/core/test_login_protection.py).
    settings.DEBUG = True
    settings.OPVANGPUNT_TWO_FACTOR_EXEMPT = dev_settings.OPVANGPUNT_TWO_FACTOR_EXEMPT
    call_command("seed_demo", verbosity=0)


def test_demo_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refusing"):
        call_command("seed_demo")


@pytest.mark.usefixtures("demo")
def test_demo_fills_both_regions_with_fiches_and_accounts(client):
    # Seeding is slow (hundreds of published pages): one test checks all of it.
    gent = Region.objects.get(slug="gent")
    zoeker = Region.objects.get(slug="kinderopvangzoeker")
    assert Site.objects.get(is_default_site=True) == gent.site
    assert zoeker.site.hostname == "localhost"

    pages = LocationPage.objects.live().select_related("neighbourhood", "municipality")
    assert pages.count() >= 250
    assert pages.filter(municipality__nis_code="44021").count() >= 100
    for page in pages[:40]:
        page.full_clean()  # every demo fiche passes the same rules as an edited one
        assert page.neighbourhood.shape.intersects(Point(page.longitude, page.latitude))
        assert page.neighbourhood.municipality_id == page.municipality_id

    # Several organisers run several locations.
    assert Organiser.objects.filter(locations__isnull=False).distinct().count() >= 5
    largest = max(Organiser.objects.all(), key=lambda o: o.locations.count())
    assert largest.locations.count() >= 10

    home = client.get("/")
    assert home.status_code == 200
    # The home content is seeded too: "how it works" and the latest news.
    html = home.content.decode()
    for title, text in home_demo.HOW_IT_WORKS:
        assert f"<h3>{title}</h3>" in html and text in html
    assert home_demo.NEWS[0][1] in html
    index = client.get("/kinderopvang/")
    assert index.status_code == 200
    fiche = pages.filter(municipality__nis_code="44021").first()
    assert client.get(fiche.url).status_code == 200
    assert client.get("/", HTTP_HOST="localhost").content != home.content

    # ... and one account per role that can log in and do its job.
    User = get_user_model()
    for username in ("admin", "loket", "communicatie", "redactie", "organisator", "locatie"):
        # django-axes needs the request that a login form would pass to authenticate().
        assert client.login(request=HttpRequest(), username=username, password="demo"), username
        assert client.get("/admin/").status_code == 200
        client.logout()

    organisator = User.objects.get(username="organisator")
    locatie = User.objects.get(username="locatie")

    def editable_by(user):
        return [p for p in LocationPage.objects.all() if p.permissions_for_user(user).can_edit()]

    assert len(editable_by(organisator)) >= 10
    assert len(editable_by(locatie)) == 1

    # The privacy page shows the two-step workflow: communication submits, the loket and then
    # the final editor approve; nobody publishes it directly.
    privacy = PrivacyPage.objects.filter(path__startswith=gent.site.root_page.path).get()
    workflow = privacy.get_workflow()
    assert workflow.name == "Redactie en loket"
    communicatie, redactie = (User.objects.get(username=n) for n in ("communicatie", "redactie"))
    for user in (communicatie, redactie):
        assert privacy.permissions_for_user(user).can_edit()
        assert not privacy.permissions_for_user(user).can_publish()
    last_step = workflow.tasks.last().specific
    assert redactie.groups.filter(pk__in=last_step.groups.all()).exists()

    # `make demo` runs the command every time: a second run changes nothing.
    count = LocationPage.objects.count()
    call_command("seed_demo", verbosity=0)
    assert LocationPage.objects.count() == count


def test_benchmark_data_spreads_over_flanders(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--locations", "40", verbosity=0)
    pages = LocationPage.objects.all()
    assert pages.count() == 40
    assert pages.values("municipality").distinct().count() == 40
    assert all(page.municipality.is_flemish for page in pages)
    assert all(49.4 < page.latitude < 51.6 for page in pages)


def test_generated_kbo_numbers_are_valid():
    import random

    rng = random.Random(1)
    for _ in range(50):
        validate_kbo_number(make_kbo_number(rng))
