"""Providers edit and publish their fiches, never take them offline (issue 10 item 5).

Unpublishing, an expiry date and a view restriction are the loket's decision; tested against
Wagtail's real admin URLs with the forms they render, posted back.
"""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, PageViewRestriction

from core.roles import LOCATION
from opvanglocaties.permissions import location_staff_group

from ..admin_forms import form_data
from ..conftest import role
from ..factories import UserFactory
from .test_permissions import edit_url, refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(make_location, organiser):
    return make_location(organiser=organiser, title="Eigen opvang")


@pytest.fixture
def location_staff(own):
    return UserFactory(username="locatie", groups=[role(LOCATION), location_staff_group(own)])


def in_a_minute():
    soon = timezone.localtime() + datetime.timedelta(minutes=1)
    return soon.strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize("who", ["provider", "location_staff"])
def test_providers_cannot_unpublish_their_fiche(request, client, own, who):
    client.force_login(request.getfixturevalue(who))
    url = reverse("wagtailadmin_pages:unpublish", args=[own.pk])
    assert refused(client.get(url))
    assert refused(client.post(url, {"include_descendants": "on"}))
    own.refresh_from_db()
    assert own.live


def test_the_organiser_cannot_unpublish_its_folder(client, provider, own):
    folder = own.get_parent()
    client.force_login(provider)
    assert refused(client.post(reverse("wagtailadmin_pages:unpublish", args=[folder.pk]), {}))
    folder.refresh_from_db()
    own.refresh_from_db()
    assert folder.live and own.live


def test_providers_cannot_unpublish_in_bulk(client, provider, own):
    client.force_login(provider)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"])
    client.post(f"{url}?id={own.pk}", {})
    own.refresh_from_db()
    assert own.live


@pytest.mark.parametrize(
    "restriction",
    [{"restriction_type": "password", "password": "verborgen1"}, {"restriction_type": "login"}],
    ids=["password", "login"],
)
def test_the_organiser_cannot_hide_its_folder_or_fiche(client, provider, own, restriction):
    client.force_login(provider)
    for page in (own.get_parent(), own):
        url = reverse("wagtailadmin_pages:set_privacy", args=[page.pk])
        assert refused(client.get(url))
        assert refused(client.post(url, restriction))
    assert not PageViewRestriction.objects.exists()


@pytest.mark.parametrize("who", ["provider", "location_staff"])
def test_providers_cannot_schedule_their_fiche_to_expire(request, client, own, who):
    client.force_login(request.getfixturevalue(who))
    data = form_data(client.get(edit_url(own)))
    data.update(
        {"expire_at": in_a_minute(), "summary": "Bijgewerkt", "action-publish": "action-publish"}
    )
    response = client.post(edit_url(own), data)
    assert response.status_code == 302, response.content[:2000]
    own.refresh_from_db()
    assert own.summary == "Bijgewerkt" and own.live
    assert own.expire_at is None


def test_the_loket_takes_a_fiche_offline(client, loket_user, own):
    client.force_login(loket_user)
    folder = own.get_parent()
    response = client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[folder.pk]), {"restriction_type": "login"}
    )
    assert response.status_code == 200  # the privacy dialog's JSON answer
    assert folder.view_restrictions.exists()

    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[own.pk]), {})
    assert response.status_code == 302
    own.refresh_from_db()
    assert not own.live


def ask_url(page):
    return reverse("opvangpunt_ask_removal", args=[page.pk])


def test_providers_ask_the_loket_to_remove_a_fiche(
    client, provider, loket_user, own, django_capture_on_commit_callbacks
):
    client.force_login(provider)
    edit = client.get(edit_url(own)).content.decode()
    assert ask_url(own) in edit
    assert reverse("wagtailadmin_pages:unpublish", args=[own.pk]) not in edit
    assert client.get(ask_url(own)).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ask_url(own), {"reason": "We sluiten op 30 juni."})

    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[loket_user.email]]
    assert "We sluiten op 30 juni." in mail.outbox[0].body
    assert own.title in mail.outbox[0].subject
    own.refresh_from_db()
    assert own.live
    assert PageLogEntry.objects.filter(page=own, action="opvangpunt.removal_requested").exists()


def test_a_removal_request_needs_a_reason(client, provider, own):
    client.force_login(provider)
    response = client.post(ask_url(own), {"reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]


def test_nobody_asks_for_anothers_fiche(client, provider, make_location, other_organiser):
    theirs = make_location(organiser=other_organiser)
    client.force_login(provider)
    assert refused(client.get(ask_url(theirs)))
    assert refused(client.post(ask_url(theirs), {"reason": "Weg ermee"}))
    assert not mail.outbox
