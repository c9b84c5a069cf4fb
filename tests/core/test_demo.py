"""The demo (`seed_demo`): two regions built by setup_region's steps, realistic fiches, the
regions' content and one account per role; DEBUG only; its sites follow the demo's port."""

import random

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.http import HttpRequest
from django.utils import timezone
from shapely.geometry import Point
from wagtail.models import Page, Site

from home import demo as home_demo
from home.models import PrivacyPage
from opvanglocaties.models import IncomeTariff, LocationPage, Organiser, Region
from opvanglocaties.models.organisers import kbo_number_from, validate_kbo_number
from portal.settings import dev as dev_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    # As `make demo` runs it: development settings, where the demo accounts skip the second
    # factor (only because DEBUG is on: tests/core/test_login_protection.py).
    settings.DEBUG = True
    settings.OPVANGPUNT_TWO_FACTOR_EXEMPT = dev_settings.OPVANGPUNT_TWO_FACTOR_EXEMPT
    call_command("seed_demo", verbosity=0)


def test_demo_refuses_to_run_without_debug_and_points_to_setup_region(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="setup_region") as refused:
        call_command("seed_demo")
    assert "demo" in str(refused.value)
    assert not LocationPage.objects.exists()
    assert not Region.objects.exists()


@pytest.mark.usefixtures("demo")
def test_demo_fills_both_regions_with_fiches_and_accounts(client, settings):
    # Seeding is slow (hundreds of published pages): one test checks all of it.
    gent = Region.objects.get(slug="gent")
    zoeker = Region.objects.get(slug="kinderopvangzoeker")
    # `make demo` as before: Gent on 127.0.0.1:8000 (the default site, instead of Wagtail's
    # welcome site), the second region on localhost:8000.
    assert Site.objects.get(is_default_site=True) == gent.site
    assert (gent.site.hostname, gent.site.port) == ("127.0.0.1", 8000)
    assert (zoeker.site.hostname, zoeker.site.port) == ("localhost", 8000)
    assert Site.objects.count() == 2

    pages = LocationPage.objects.live().select_related("neighbourhood", "municipality")
    assert pages.count() >= 250
    assert pages.filter(municipality__nis_code="44021").count() >= 100
    for page in pages[:40]:
        page.full_clean()  # every demo fiche passes the same rules as an edited one
        assert page.neighbourhood.shape.intersects(Point(page.longitude, page.latitude))
        assert page.neighbourhood.municipality_id == page.municipality_id

    # Contract forms and days a week (issue 14.5), varied; the IKT estimate's placeholder
    # tariff for this year (issue 14.6).
    assert all(page.contract_forms for page in pages)
    assert pages.filter(contract_forms__icontains='"part_time"').exists()
    assert pages.exclude(contract_forms__icontains='"part_time"').exists()
    assert pages.filter(min_days_per_week__isnull=False).exists()
    assert IncomeTariff.objects.for_year(timezone.localdate().year) is not None

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
    assert workflow.name == "Redactie en loket: gent"
    communicatie, redactie = (User.objects.get(username=n) for n in ("communicatie", "redactie"))
    for user in (communicatie, redactie):
        assert privacy.permissions_for_user(user).can_edit()
        assert not privacy.permissions_for_user(user).can_publish()
    last_step = workflow.tasks.last().specific
    assert redactie.groups.filter(pk__in=last_step.groups.all()).exists()

    # `make demo` runs the command every time: a second run changes nothing.
    count = LocationPage.objects.count()
    pages = Page.objects.count()
    call_command("seed_demo", verbosity=0)
    assert LocationPage.objects.count() == count
    assert Page.objects.count() == pages

    # Served on another port (issue 14): the sites, and so every link the admin and the open
    # data make, follow it; from the option or from DEMO_PORT / DEMO_HOSTNAMES (settings).
    call_command("seed_demo", "--port", "8080", verbosity=0)
    assert sorted(Site.objects.values_list("hostname", "port")) == [
        ("127.0.0.1", 8080),
        ("localhost", 8080),
    ]
    settings.OPVANGPUNT_DEMO_PORT = 8123
    settings.OPVANGPUNT_DEMO_HOSTNAMES = ["gent.localhost", "zoeker.localhost"]
    call_command("seed_demo", verbosity=0)
    assert sorted(Site.objects.values_list("hostname", "port")) == [
        ("gent.localhost", 8123),
        ("zoeker.localhost", 8123),
    ]
    assert client.get("/", HTTP_HOST="gent.localhost:8123").status_code == 200
    assert LocationPage.objects.count() == count and Page.objects.count() == pages


def test_benchmark_data_spreads_over_flanders(settings, client):
    # As bench/run.py seeds its database: bench settings have DEBUG off, hence --force.
    settings.DEBUG = False
    call_command("seed_demo", "--locations", "40", "--force", verbosity=0)
    site = Region.objects.get(slug="vlaanderen").site
    assert client.get("/zoeken/", HTTP_HOST=f"{site.hostname}:{site.port}").status_code == 200
    pages = LocationPage.objects.all()
    assert pages.count() == 40
    assert pages.values("municipality").distinct().count() == 40
    assert all(page.municipality.is_flemish for page in pages)
    assert all(49.4 < page.latitude < 51.6 for page in pages)


def test_generated_kbo_numbers_are_valid():
    rng = random.Random(1)
    for _ in range(50):
        validate_kbo_number(kbo_number_from(rng.randrange(2_000_000, 9_999_999)))
    assert kbo_number_from(1_234_567) == "0123.456.749"
