"""Who may do what to which fiche, tested against Wagtail's real admin views."""

import pytest
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, WorkflowState

from core.roles import LOCATION
from opvanglocaties.models import LocationPage
from opvanglocaties.permissions import location_staff_group, organiser_folder

from ..admin_forms import form_data
from ..conftest import role
from ..factories import OrganiserFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(make_location, organiser):
    return make_location(organiser=organiser, title="Eigen opvang")


@pytest.fixture
def other(make_location, other_organiser):
    return make_location(organiser=other_organiser, title="Andere opvang")


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def refused(response):
    """Wagtail answers a refused admin action with 403, or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def post_edit(client, page, changes, publish=False):
    data = form_data(client.get(edit_url(page)))
    data.update(changes)
    if publish:
        data["action-publish"] = "action-publish"
    return client.post(edit_url(page), data)


def test_provider_edits_and_publishes_own_fiche(client, provider, own):
    client.force_login(provider)
    assert client.get(edit_url(own)).status_code == 200

    response = post_edit(client, own, {"title": "Eigen opvang (vernieuwd)"}, publish=True)

    assert response.status_code == 302, response.content[:2000]
    own.refresh_from_db()
    assert own.title == "Eigen opvang (vernieuwd)"
    assert own.live and not own.has_unpublished_changes


def test_provider_saves_a_draft_of_own_fiche(client, provider, own):
    client.force_login(provider)
    response = post_edit(client, own, {"summary": "Nieuwe tekst"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.has_unpublished_changes
    assert own.get_latest_revision_as_object().summary == "Nieuwe tekst"


def test_provider_cannot_open_anothers_fiche(client, provider, other):
    client.force_login(provider)
    assert refused(client.get(edit_url(other)))


def test_provider_cannot_edit_or_publish_anothers_fiche(client, provider, own, other):
    client.force_login(provider)
    # The provider's own form, posted to the other fiche's URL.
    data = form_data(client.get(edit_url(own)))
    data.update({"title": "Overgenomen", "action-publish": "action-publish"})
    assert refused(client.post(edit_url(other), data))
    other.refresh_from_db()
    assert other.title == "Andere opvang"
    assert not other.has_unpublished_changes


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailadmin_pages:unpublish",
        "wagtailadmin_pages:delete",
        "wagtailadmin_pages:move",
        "wagtailadmin_pages:copy",
        "wagtailadmin_pages:lock",
        "wagtailadmin_pages:history",
    ],
)
def test_provider_cannot_act_on_anothers_fiche(client, provider, other, url_name):
    client.force_login(provider)
    url = reverse(url_name, args=[other.pk])
    assert refused(client.get(url)) or client.get(url).status_code == 405  # POST-only views
    assert refused(client.post(url, {}))
    other.refresh_from_db()
    assert other.live
    assert not other.locked


def test_provider_cannot_move_anothers_fiche_into_its_own_folder(client, provider, own, other):
    client.force_login(provider)
    own_folder = own.get_parent()
    url = reverse("wagtailadmin_pages:move_confirm", args=[other.pk, own_folder.pk])
    assert refused(client.post(url))
    other.refresh_from_db()
    assert other.get_parent().pk != own_folder.pk
    assert other.organiser.legal_name == "Vzw Het Nestje"


def test_one_pair_of_permission_rows_per_organiser_however_many_fiches(organiser, make_location):
    for _ in range(5):
        make_location(organiser=organiser)
    rows = GroupPagePermission.objects.filter(group=organiser.group)
    assert rows.count() == 2
    assert {row.page.specific_class.__name__ for row in rows} == {"OrganiserPage"}


def test_provider_explorer_lists_only_its_own_folder(client, provider, own, other, location_index):
    client.force_login(provider)
    # Wagtail takes a provider straight to the part of the tree it may work in: its folder.
    response = client.get(reverse("wagtailadmin_explore", args=[location_index.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "wagtailadmin_explore", args=[own.get_parent().pk]
    )
    html = response.content.decode()
    assert own.title in html
    assert other.title not in html


def test_provider_cannot_delete_own_fiche_or_folder_or_add_fiches(client, provider, own):
    client.force_login(provider)
    folder = own.get_parent()
    assert refused(client.post(reverse("wagtailadmin_pages:delete", args=[own.pk])))
    assert refused(client.post(reverse("wagtailadmin_pages:delete", args=[folder.pk])))
    assert Page.objects.filter(pk__in=[own.pk, folder.pk]).count() == 2
    add_url = reverse("wagtailadmin_pages:add", args=["opvanglocaties", "locationpage", folder.pk])
    assert refused(client.get(add_url))


def test_provider_sees_licence_fields_read_only_and_cannot_change_them(client, provider, own):
    client.force_login(provider)
    page = client.get(edit_url(own)).content.decode()
    assert 'name="licensed_capacity"' not in page
    assert "KO-" in page  # the licence number is shown, as text
    response = post_edit(
        client,
        own,
        {
            "licensed_capacity": "99",
            "licence_number": "VERVALST",
            "subsidy_framework": "none",
            "organiser": "1",
        },
        publish=True,
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.licensed_capacity == 28
    assert own.licence_number.startswith("KO-")
    assert own.subsidy_framework == "income_related"
    assert own.organiser.legal_name == "Vzw De Speelvogel"


def test_loket_changes_licence_fields_of_any_fiche(client, loket_user, other):
    client.force_login(loket_user)
    page = client.get(edit_url(other)).content.decode()
    assert 'name="licensed_capacity"' in page
    response = post_edit(client, other, {"licensed_capacity": "35"}, publish=True)
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.licensed_capacity == 35


def test_loket_creates_a_fiche_that_its_organiser_then_owns(
    client, loket_user, provider, organiser, own
):
    client.force_login(loket_user)
    folder = own.get_parent()
    add_url = reverse("wagtailadmin_pages:add", args=["opvanglocaties", "locationpage", folder.pk])
    data = form_data(client.get(add_url))
    data.update(
        {
            "title": "Nieuwe opvang",
            "slug": "nieuwe-opvang",
            "care_type": "group",
            "licence_number": "KO-424242",
            "licensed_capacity": "14",
            "subsidy_framework": "basic",
            "street": "Kortrijksesteenweg",
            "house_number": "1",
            "postcode": "9000",
            "tariff_type": "free_price",
            "day_price": "32.50",
            "admission_policy": form_data(client.get(edit_url(own)))["admission_policy"],
            "response_deadline_days": "21",
            "action-publish": "action-publish",
        }
    )
    response = client.post(add_url, data)
    assert response.status_code == 302, response.content[:3000]
    created = LocationPage.objects.get(slug="nieuwe-opvang")
    assert created.live
    assert created.municipality.nis_code == "44021"  # derived from the postcode
    assert created.organiser == organiser  # from the folder

    client.force_login(provider)
    assert client.get(edit_url(created)).status_code == 200


def test_communication_cannot_edit_fiches(client, communication_user, own):
    client.force_login(communication_user)
    assert refused(client.get(edit_url(own)))


def test_location_staff_edit_only_their_location(client, organiser, own, make_location):
    sibling = make_location(organiser=organiser, title="Tweede locatie")
    staff = UserFactory(groups=[role(LOCATION), location_staff_group(own)])
    client.force_login(staff)
    assert client.get(edit_url(own)).status_code == 200
    assert refused(client.get(edit_url(sibling)))


def test_moving_a_fiche_to_another_folder_hands_it_over(
    client, loket_user, provider, own, make_location, other_organiser
):
    newcomer = UserFactory(groups=[role(LOCATION), other_organiser.group])
    target = make_location(organiser=other_organiser).get_parent()
    client.force_login(loket_user)
    url = reverse("wagtailadmin_pages:move_confirm", args=[own.pk, target.pk])
    assert client.post(url).status_code == 302
    own.refresh_from_db()
    assert own.get_parent().pk == target.pk
    assert own.organiser == other_organiser
    client.force_login(provider)
    assert refused(client.get(edit_url(own)))
    client.force_login(newcomer)
    assert client.get(edit_url(own)).status_code == 200


def test_moderated_region_makes_providers_submit_instead_of_publish(client, provider, own, region):
    region.requires_moderation = True
    region.save()

    client.force_login(provider)
    page = client.get(edit_url(own)).content.decode()
    assert 'name="action-publish"' not in page
    data = form_data(client.get(edit_url(own)))
    data.update({"title": "Ter goedkeuring", "action-submit": "action-submit"})
    response = client.post(edit_url(own), data)
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.title == "Eigen opvang"  # not published
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(own.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    region.requires_moderation = False
    region.save()
    assert LocationPage.objects.get(pk=own.pk).permissions_for_user(provider).can_publish()


def test_saving_a_region_without_switching_moderation_leaves_grants_alone(
    region, own, django_assert_max_num_queries
):
    region.default_response_deadline_days = 14  # (a new name also renames its loket group)
    with django_assert_max_num_queries(2):
        region.save()


def test_a_new_fiche_starts_with_the_regions_default_deadline(client, loket_user, region, own):
    region.default_response_deadline_days = 14
    region.save()
    client.force_login(loket_user)
    folder = own.get_parent()
    add_url = reverse("wagtailadmin_pages:add", args=["opvanglocaties", "locationpage", folder.pk])
    assert form_data(client.get(add_url))["response_deadline_days"] == "14"


def test_giving_a_folder_to_another_organiser_hands_over_its_fiches(
    client, loket_user, provider, own, other_organiser
):
    folder = own.get_parent()
    client.force_login(loket_user)
    url = reverse("wagtailadmin_pages:edit", args=[folder.pk])
    data = form_data(client.get(url))
    data.update({"organiser": str(other_organiser.pk), "action-publish": "action-publish"})
    assert client.post(url, data).status_code == 302
    own.refresh_from_db()
    assert own.organiser == other_organiser
    client.force_login(provider)
    assert refused(client.get(edit_url(own)))


def test_organisers_with_the_same_name_get_their_own_folder(location_index):
    first = organiser_folder(location_index, OrganiserFactory(legal_name="Vzw Zelfde"))
    second = organiser_folder(location_index, OrganiserFactory(legal_name="Vzw Zelfde"))
    assert first.pk != second.pk
    assert first.slug != second.slug
