"""The loket's admin views for organisers, geography and regions (Wagtail viewsets)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import WorkflowPage

from opvanglocaties.models import Organiser, Region

from ..admin_forms import form_data

pytestmark = pytest.mark.django_db


def add_organiser(client, user, **fields):
    """Post the organiser snippet's real add form as `user`, with these fields changed."""
    client.force_login(user)
    url = reverse("wagtailsnippets_opvanglocaties_organiser:add")
    data = form_data(client.get(url), form_id=None)
    data.update({"legal_form": "vzw", **fields})
    return client.post(url, data)


def test_loket_creates_an_organiser_with_its_group(client, loket_user):
    response = add_organiser(client, loket_user, legal_name="Vzw Nieuw", kbo_number="0403170701")
    assert response.status_code == 302
    organiser = Organiser.objects.get(legal_name="Vzw Nieuw")
    assert organiser.kbo_number == "0403.170.701"
    assert organiser.group.name == "Organisator: Vzw Nieuw"


def test_invalid_kbo_number_is_reported_at_the_field(client, loket_user):
    response = add_organiser(client, loket_user, legal_name="Vzw Fout", kbo_number="0123456789")
    assert response.status_code == 200
    assert "geen geldig KBO-nummer" in response.content.decode()
    assert not Organiser.objects.filter(legal_name="Vzw Fout").exists()


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailsnippets_opvanglocaties_organiser:list",
        "regions:index",
        "neighbourhoods:index",
        "priority_rules:index",
    ],
)
def test_providers_cannot_open_the_lokets_views(client, provider, url_name):
    client.force_login(provider)
    response = client.get(reverse(url_name))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")


def test_municipality_list_is_paginated_with_constant_queries(client, loket_user):
    client.force_login(loket_user)
    url = reverse("municipalities:index")
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as later:
        assert client.get(url + "?p=5").status_code == 200
    assert len(first) == len(later)
    assert reverse("municipalities:add") not in client.get(url).content.decode()


def test_turning_on_moderation_in_the_region_admin(client, loket_user, region, location_index):
    client.force_login(loket_user)
    url = reverse("regions:edit", args=[region.pk])
    data = form_data(client.get(url), form_id=None)
    data["requires_moderation"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302
    assert Region.objects.get(pk=region.pk).requires_moderation
    # The region's own moderation workflow: its own loket approves.
    workflow = WorkflowPage.objects.get(page=location_index).workflow
    assert workflow.name == "Goedkeuring door het loket: gent"
    assert list(workflow.tasks.first().specific.groups.all()) == [region.loket_group]


def test_region_bounds_must_be_ordered(client, loket_user, region):
    client.force_login(loket_user)
    url = reverse("regions:edit", args=[region.pk])
    data = form_data(client.get(url), form_id=None)
    data.update({"min_response_deadline_days": "40", "max_response_deadline_days": "20"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["max_response_deadline_days"] == [
        "De langste termijn mag niet korter zijn dan de kortste."
    ]
    region.refresh_from_db()
    assert region.max_response_deadline_days == 60
