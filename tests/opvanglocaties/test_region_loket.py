"""One loket per region (issue 10 item 4): a loket user of one region gets 403 or 404 on every
admin URL of another region's fiches, organisers and settings. Real admin URLs, real POSTs."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    PageViewRestriction,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from core.roles import LOCATION_GROUP, LOKET
from opvanglocaties.demo.builder import create_demo_users
from opvanglocaties.models import Organiser, Region
from opvanglocaties.permissions import (
    grant_index_permissions,
    loket_regions,
    organiser_folder,
    organisers_served_by,
)

from ..admin_forms import form_data
from ..conftest import role
from ..factories import (
    HomePageFactory,
    LocationIndexPageFactory,
    LocationPageFactory,
    OrganiserFactory,
    RegionFactory,
    UserFactory,
    municipality,
)
from ..migrations import migration_module

pytestmark = pytest.mark.django_db


def refused(response):
    """Refused: 403, 404, or Wagtail's redirect to the dashboard."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


@pytest.fixture
def other_region(home_page):
    """Antwerpen: its own site, index, organiser folder and fiche."""
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="antwerpen", title="Antwerpen")
    site = Site.objects.create(hostname="antwerpen.test", port=80, root_page=home)
    region = RegionFactory(
        name="Antwerpen", slug="antwerpen", municipalities=[municipality("11002")]
    )
    region.site = site
    region.save()
    index = LocationIndexPageFactory(parent=home)
    grant_index_permissions(index)
    organiser = OrganiserFactory(legal_name="Vzw Schelde")
    folder = organiser_folder(index, organiser)
    fiche = LocationPageFactory(
        parent=folder,
        organiser=organiser,
        title="Opvang Schelde",
        postcode="2000",
        municipality=municipality("11002"),
        latitude=51.2194,
        longitude=4.4025,
    )
    return {
        "region": region,
        "index": index,
        "organiser": organiser,
        "folder": folder,
        "fiche": fiche,
    }


@pytest.fixture
def own_fiche(make_location, organiser):
    return make_location(organiser=organiser, title="Opvang Leie")


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_each_region_has_its_own_loket_group(region, other_region):
    assert region.loket_group.name == "Loket Gent"
    assert other_region["region"].loket_group.name == "Loket Antwerpen"
    rows = GroupPagePermission.objects.filter(page=other_region["index"])
    assert set(rows.values_list("group__name", flat=True)) == {"Loket Antwerpen"}


def test_loket_regions_is_the_one_answer(loket_user, region, other_region, admin_user):
    assert list(loket_regions(loket_user)) == [region]
    assert set(loket_regions(admin_user)) == {region, other_region["region"]}
    assert not loket_regions(UserFactory(username="niemand")).exists()


def test_a_renamed_region_renames_its_loket(region):
    region.name = "Gent en Merelbeke"
    region.save()
    assert Group.objects.get(pk=region.loket_group_id).name == "Loket Gent en Merelbeke"


def test_the_loket_keeps_its_own_fiches(client, loket_user, own_fiche):
    client.force_login(loket_user)
    data = form_data(client.get(edit_url(own_fiche)))
    data.update({"summary": "Door het loket", "action-publish": "action-publish"})
    assert client.post(edit_url(own_fiche), data).status_code == 302
    own_fiche.refresh_from_db()
    assert own_fiche.summary == "Door het loket"


def test_another_regions_fiche_is_out_of_reach(client, loket_user, own_fiche, other_region):
    fiche, folder = other_region["fiche"], other_region["folder"]
    client.force_login(loket_user)
    assert refused(client.get(edit_url(fiche)))
    # Its own (valid) form, posted to the other region's fiche, with publish.
    data = form_data(client.get(edit_url(own_fiche)))
    data.update({"title": "Overgenomen", "action-publish": "action-publish"})
    assert refused(client.post(edit_url(fiche), data))
    for name in ("unpublish", "delete", "move", "copy", "lock", "history"):
        assert refused(client.post(reverse(f"wagtailadmin_pages:{name}", args=[fiche.pk]), {}))
    assert refused(
        client.post(
            reverse("wagtailadmin_pages:set_privacy", args=[folder.pk]),
            {"restriction_type": "login"},
        )
    )
    add = reverse("wagtailadmin_pages:add", args=["opvanglocaties", "locationpage", folder.pk])
    assert refused(client.get(add))
    fiche.refresh_from_db()
    assert fiche.title == "Opvang Schelde" and fiche.live and not fiche.locked
    assert not fiche.has_unpublished_changes
    assert not PageViewRestriction.objects.exists()


def test_another_regions_organiser_is_out_of_reach(client, loket_user, organiser, other_region):
    theirs = other_region["organiser"]
    client.force_login(loket_user)
    listing = client.get(reverse("wagtailsnippets_opvanglocaties_organiser:list"))
    assert listing.status_code == 200
    assert "Vzw Schelde" not in listing.content.decode()

    edit = reverse("wagtailsnippets_opvanglocaties_organiser:edit", args=[theirs.pk])
    assert refused(client.get(edit))
    own_edit = reverse("wagtailsnippets_opvanglocaties_organiser:edit", args=[organiser.pk])
    data = form_data(client.get(own_edit), form_id=None)
    data["legal_name"] = "Overgenomen"
    assert refused(client.post(edit, data))
    delete = reverse("wagtailsnippets_opvanglocaties_organiser:delete", args=[theirs.pk])
    assert refused(client.get(delete))
    assert refused(client.post(delete))
    for name in ("history", "usage", "copy"):
        url = reverse(f"wagtailsnippets_opvanglocaties_organiser:{name}", args=[theirs.pk])
        assert refused(client.get(url)), name
    theirs.refresh_from_db()
    assert theirs.legal_name == "Vzw Schelde"

    # Its own organiser it keeps.
    assert client.post(own_edit, data).status_code == 302
    organiser.refresh_from_db()
    assert organiser.legal_name == "Overgenomen"


def test_a_new_organiser_in_no_region_yet_is_every_lokets(loket_user, other_region):
    newcomer = OrganiserFactory(legal_name="Vzw Nieuw")
    assert newcomer in organisers_served_by(loket_user)
    assert other_region["organiser"] not in organisers_served_by(loket_user)


def test_another_regions_settings_are_out_of_reach(client, loket_user, region, other_region):
    theirs = other_region["region"]
    client.force_login(loket_user)
    listing = client.get(reverse("regions:index"))
    assert listing.status_code == 200
    assert "Antwerpen" not in listing.content.decode()

    own_edit = reverse("regions:edit", args=[region.pk])
    data = form_data(client.get(own_edit), form_id=None)
    data["requires_moderation"] = "on"
    edit = reverse("regions:edit", args=[theirs.pk])
    assert refused(client.get(edit))
    assert refused(client.post(edit, data))
    assert refused(client.post(reverse("regions:delete", args=[theirs.pk])))
    theirs.refresh_from_db()
    assert not theirs.requires_moderation

    assert client.post(own_edit, data).status_code == 302
    assert Region.objects.get(pk=region.pk).requires_moderation


def test_the_loket_cannot_change_what_its_region_is(client, loket_user, region):
    client.force_login(loket_user)
    url = reverse("regions:edit", args=[region.pk])
    form = client.get(url).content.decode()
    assert 'name="site"' not in form and 'name="municipalities"' not in form
    data = form_data(client.get(url), form_id=None)
    data.update({"site": "", "name": "Overgenomen"})
    assert client.post(url, data).status_code == 302
    region.refresh_from_db()
    assert region.site is not None and region.name == "Gent"


def test_another_regions_moderation_is_out_of_reach(client, loket_user, other_region):
    theirs = other_region["region"]
    theirs.requires_moderation = True
    theirs.save()
    fiche = other_region["fiche"]
    provider = UserFactory(
        username="schelde", groups=[role(LOCATION_GROUP), other_region["organiser"].group]
    )
    client.force_login(provider)
    data = form_data(client.get(edit_url(fiche)))
    data.update({"summary": "Ter goedkeuring", "action-submit": "action-submit"})
    assert client.post(edit_url(fiche), data).status_code == 302
    fiche = type(fiche).objects.get(pk=fiche.pk)
    task_state = fiche.current_workflow_state.current_task_state

    client.force_login(loket_user)
    assert refused(client.get(edit_url(fiche)))
    url = reverse("wagtailadmin_pages:workflow_action", args=[fiche.pk, "approve", task_state.pk])
    assert refused(client.post(url, {"comment": ""}))
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"

    # Antwerpen's loket approves.
    antwerp = UserFactory(username="loket-antwerpen", groups=[role(LOKET), theirs.loket_group])
    client.force_login(antwerp)
    assert client.post(url, {"comment": ""}).status_code == 302
    fiche.refresh_from_db()
    assert fiche.summary == "Ter goedkeuring"


def test_the_demo_loket_serves_every_region(region, other_region):
    create_demo_users(Organiser.objects.get(legal_name="Vzw Schelde"))

    loket = get_user_model().objects.get(username="loket")
    assert set(loket_regions(loket)) == {region, other_region["region"]}


def test_the_migration_keeps_every_loket_member_serving(region, location_index):
    # The state before 0008: one "Loket" group with the page rights on every index and the
    # shared moderation workflow; regions without a group of their own.
    migration = migration_module("opvanglocaties", "_region_loket_groups")
    role_group = role(LOKET)
    member = UserFactory(username="oud-loket", groups=[role_group])
    old_group = region.loket_group
    Region.objects.filter(pk=region.pk).update(loket_group=None)
    old_group.delete()
    GroupPagePermission.objects.filter(page=location_index).delete()

    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=role_group,
            page=location_index,
            permission=Permission.objects.get(
                codename=codename, content_type__app_label="wagtailcore"
            ),
        )
    shared = Workflow.objects.create(name="Goedkeuring door het loket")
    task = GroupApprovalTask.objects.create(name="Goedkeuring door het loket")
    task.groups.set([role_group])
    WorkflowTask.objects.create(workflow=shared, task=task, sort_order=0)
    WorkflowPage.objects.create(page=location_index, workflow=shared)

    migration.give_each_region_its_loket(apps, None)
    migration.give_each_region_its_moderation(apps, None)

    region.refresh_from_db()
    assert region.loket_group.name == "Loket Gent"
    assert member in region.loket_group.user_set.all()
    rows = GroupPagePermission.objects.filter(page=location_index)
    assert set(rows.values_list("group__name", flat=True)) == {"Loket Gent"}
    workflow = WorkflowPage.objects.get(page=location_index).workflow
    assert workflow.name == "Goedkeuring door het loket: gent"
    assert list(workflow.tasks.first().specific.groups.all()) == [region.loket_group]
    shared.refresh_from_db()
    assert not shared.active


def test_a_folder_takes_only_an_organiser_of_the_own_region(
    client, loket_user, location_index, other_region
):
    theirs = other_region["organiser"]
    newcomer = OrganiserFactory(legal_name="Vzw Nieuw")
    client.force_login(loket_user)
    chooser = client.get(reverse("wagtailsnippetchoosers_opvanglocaties_organiser:choose"))
    assert chooser.status_code == 200
    listed = (
        chooser.content.decode()
        if not chooser.get("Content-Type", "").startswith("application/json")
        else chooser.json()["html"]
    )
    assert "Vzw Nieuw" in listed and "Vzw Schelde" not in listed

    add = reverse(
        "wagtailadmin_pages:add", args=["opvanglocaties", "organiserpage", location_index.pk]
    )
    data = form_data(client.get(add))
    data.update({"title": "Schelde in Gent", "slug": "schelde", "organiser": theirs.pk})
    response = client.post(add, data)
    assert response.status_code == 200
    assert response.context["form"].errors["organiser"]

    data.update({"title": "Nieuw", "slug": "nieuw", "organiser": newcomer.pk})
    assert client.post(add, data).status_code == 302
