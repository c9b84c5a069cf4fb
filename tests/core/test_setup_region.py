"""`setup_region`: a region's whole site from an empty database, idempotent, with a dry run."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupPagePermission,
    Page,
    Site,
)

from core.provisioning import region_steps
from core.roles import COMMUNICATION, LOCATION, LOCATION_GROUP, LOKET
from home.models import HomePage, PrivacyPage
from home.permissions import PROVIDER_COLLECTION, REVIEW_WORKFLOW
from opvanglocaties.models import LocationIndexPage, Organiser, OrganiserPage, Region
from search.models import SearchPage

pytestmark = pytest.mark.django_db

GENT = ["--name", "Gent", "--hostname", "opvang.gent.be", "--municipalities", "44021"]
HTTPS_GENT = {"HTTP_HOST": "opvang.gent.be", "secure": True}  # port 443


def setup_region(*args):
    """Run the command; returns what it printed."""
    out = StringIO()
    call_command("setup_region", *args, stdout=out)
    return out.getvalue()


def row_counts():
    """The number of rows in every table of the project."""
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def test_an_empty_database_gets_a_working_region_site(client, settings):
    assert not settings.DEBUG  # as on a real installation
    welcome = Site.objects.get(is_default_site=True)
    assert welcome.root_page.specific_class is Page  # Wagtail's "Welcome to ..." page

    output = setup_region(*GENT, "--municipalities", "44084")

    home = HomePage.objects.get()
    site = Site.objects.get()
    assert (site.hostname, site.port, site.root_page_id) == ("opvang.gent.be", 443, home.pk)
    assert site.is_default_site
    assert not Page.objects.filter(pk=welcome.root_page_id).exists()
    region = Region.objects.get()
    assert (region.name, region.slug, region.site) == ("Gent", "gent", site)
    assert sorted(region.municipalities.values_list("nis_code", flat=True)) == ["44021", "44084"]
    index = LocationIndexPage.objects.child_of(home).get()
    # The loket of this region (its own group, "Loket Gent"), not every loket.
    loket_rows = GroupPagePermission.objects.filter(page=index, group=region.loket_group)
    assert {row.permission.codename for row in loket_rows} >= {"add_page", "publish_page"}
    assert SearchPage.objects.child_of(home).live().exists()

    # The privacy notice is the city's to write: a draft under the two-step workflow.
    privacy = PrivacyPage.objects.child_of(home).get()
    assert not privacy.live
    # Its region's copy of the workflow: only this region's loket checks the facts.
    assert privacy.get_workflow().name == f"{REVIEW_WORKFLOW}: gent"
    assert list(privacy.get_workflow().tasks.first().specific.groups.all()) == [region.loket_group]
    assert GroupPagePermission.objects.filter(page=privacy, group__name=COMMUNICATION).exists()
    collection = Collection.objects.get(name=PROVIDER_COLLECTION)
    restriction = CollectionViewRestriction.objects.get(collection=collection)
    assert set(restriction.groups.values_list("name", flat=True)) == {
        LOCATION_GROUP,
        LOCATION,
        LOKET,
        COMMUNICATION,
    }

    # Real requests on the region's host name.
    response = client.get("/", **HTTPS_GENT)
    assert response.status_code == 200
    assert 'action="/zoeken/"' in response.content.decode()
    assert client.get("/kinderopvang/", **HTTPS_GENT).status_code == 200
    assert client.get("/zoeken/", {"q": "speelvogel"}, **HTTPS_GENT).status_code == 200
    assert client.get("/privacy/", **HTTPS_GENT).status_code == 404  # a draft
    assert "Gent" in output and "opvang.gent.be:443" in output


def test_a_second_run_changes_nothing_and_says_so():
    setup_region(*GENT, "--organiser", "Vzw De Speelvogel", "--kbo", "0123.456.749")
    before = row_counts()

    setup_region(*GENT, "--organiser", "Vzw De Speelvogel", "--kbo", "0123456749")

    assert row_counts() == before
    with translation.override("en"):
        output = setup_region(*GENT)
    assert "Nothing to do" in output
    assert "created" not in output and "updated" not in output


def test_a_dry_run_writes_nothing_and_says_what_it_would_make():
    before = row_counts()

    with translation.override("en"):
        output = setup_region(*GENT, "--dry-run")

    assert row_counts() == before
    assert "would create: home page “Gent”" in output
    assert "would create: website opvang.gent.be:443 (the default site)" in output
    assert "would remove: Wagtail's welcome page" in output
    assert "would create: location index" in output
    assert "would create: search page" in output
    assert "nothing was written" in output

    # On a complete site a dry run has nothing to report.
    setup_region(*GENT)
    with translation.override("en"):
        assert "Nothing to do" in setup_region(*GENT, "--dry-run")


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nl", "Onbekende NIS-code: 99999"),
        ("en", "Unknown NIS code: 99999"),
    ],
)
def test_an_unknown_nis_code_is_named_and_nothing_is_built(language, message):
    before = row_counts()
    with translation.override(language), pytest.raises(CommandError, match=message):
        setup_region("--name", "Gent", "--hostname", "opvang.gent.be", "--municipalities", "99999")
    assert row_counts() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--hostname", "https://opvang.gent.be/"], "is not a host name"),
        (["--port", "0"], "port must be a number from 1 to 65535"),
        (["--organiser", "Vzw X", "--kbo", "0123.456.789"], "is not a valid KBO number"),
        (["--organiser", "Vzw X"], "needs its KBO number"),
        (["--organiser", "Vzw X", "--kbo", "0123.456.749", "--legal-form", "llc"], "legal form"),
    ],
)
def test_bad_options_get_a_clear_message(args, message):
    before = row_counts()
    with translation.override("en"), pytest.raises(CommandError, match=message):
        setup_region(*GENT, *args)
    assert row_counts() == before


def test_an_organiser_gets_its_group_and_folder():
    setup_region(*GENT, "--organiser", "Vzw De Speelvogel", "--kbo", "0123 456 749")

    organiser = Organiser.objects.get()
    assert (organiser.legal_name, organiser.kbo_number) == ("Vzw De Speelvogel", "0123.456.749")
    folder = OrganiserPage.objects.get(organiser=organiser)
    assert folder.get_parent().specific_class is LocationIndexPage
    assert GroupPagePermission.objects.filter(page=folder, group=organiser.group).exists()


def test_the_port_reaches_the_site_and_a_new_port_moves_it(client):
    setup_region(*GENT, "--port", "8443")
    assert Site.objects.get().port == 8443

    setup_region(*GENT, "--port", "9443", "--municipalities", "44084")

    site = Site.objects.get()
    assert (site.hostname, site.port) == ("opvang.gent.be", 9443)
    assert HomePage.objects.count() == 1
    assert Region.objects.get().municipalities.count() == 2
    assert client.get("/", HTTP_HOST="opvang.gent.be:9443").status_code == 200


def test_a_second_region_gets_its_own_site_but_not_the_default():
    setup_region(*GENT)
    setup_region(
        "--name", "Antwerpen", "--hostname", "opvang.antwerpen.be", "--municipalities", "11002"
    )

    gent, antwerpen = Region.objects.order_by("name").reverse()
    assert gent.site.is_default_site and not antwerpen.site.is_default_site
    assert gent.site.root_page_id != antwerpen.site.root_page_id
    assert LocationIndexPage.objects.count() == 2
    # One collection for the providers of every region.
    assert Collection.objects.filter(name=PROVIDER_COLLECTION).count() == 1


def test_an_address_that_serves_another_region_is_refused():
    setup_region(*GENT)
    before = row_counts()
    with translation.override("en"), pytest.raises(CommandError, match="already serves"):
        setup_region(
            "--name", "Antwerpen", "--hostname", "opvang.gent.be", "--municipalities", "11002"
        )
    assert row_counts() == before


def test_an_edited_welcome_site_is_kept_but_no_longer_the_default():
    welcome = Site.objects.get(is_default_site=True)
    welcome.root_page.save_revision()  # somebody worked on it

    setup_region(*GENT)

    welcome.refresh_from_db()
    assert not welcome.is_default_site
    assert Site.objects.get(is_default_site=True).hostname == "opvang.gent.be"


def test_the_steps_run_in_the_documented_order():
    assert [step.run_path for step in region_steps()] == [
        "home.provisioning.build_home_page",
        "core.sites.build_site",
        "opvanglocaties.provisioning.build_region_row",
        "opvanglocaties.provisioning.build_location_index",
        "search.provisioning.build_search_page",
        "home.provisioning.build_privacy_page",
        "home.provisioning.build_provider_documents",
        "opvanglocaties.provisioning.build_organiser",
    ]
