"""Issue 14.1: availability that is not true cannot be published (through the real admin)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ..admin_forms import form_data
from .test_validation import inline_rows, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def editing(client, provider, organiser, make_location):
    """A provider edits its own fiche (licensed for 19 places) in Wagtail's edit view."""
    page = make_location(
        organiser=organiser,
        title="Eerlijk",
        licensed_capacity=19,
        availability_confirmed_on=timezone.localdate() - datetime.timedelta(days=5),
    )
    client.force_login(provider)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return client, url, page, form_data(client.get(url))


def row(status, free_from="", free_places=""):
    return {
        "age_group": "baby",
        "status": status,
        "free_from": free_from,
        "free_places": free_places,
    }


def availability_errors(response):
    return [form.errors for form in response.context["form"].formsets["availability"].forms]


def test_a_confirmation_date_in_the_future_is_refused(editing):
    client, url, page, data = editing
    future = timezone.localdate() + datetime.timedelta(days=1)
    response = post(client, url, data, availability_confirmed_on=future.isoformat())
    assert response.status_code == 200
    assert response.context["form"].errors["availability_confirmed_on"] == [
        "Deze datum ligt in de toekomst: vul de dag in waarop je de vrije plaatsen het laatst "
        "nakeek."
    ]
    page.refresh_from_db()
    assert page.availability_confirmed_on < future


def test_more_free_places_than_the_licence_allows_is_refused(editing):
    client, url, page, data = editing
    response = post(client, url, inline_rows(data, "availability", [row("free_now", "", "50")]))
    assert response.status_code == 200
    assert availability_errors(response)[0]["free_places"] == [
        "De vergunning laat 19 plaatsen toe: er kunnen er geen 50 vrij zijn."
    ]
    assert not page.availability.exists()


def test_full_with_free_places_is_refused(editing):
    client, url, _page, data = editing
    response = post(client, url, inline_rows(data, "availability", [row("full", "", "3")]))
    assert response.status_code == 200
    assert availability_errors(response)[0]["free_places"] == [
        "Een volzette locatie heeft geen vrije plaatsen: laat dit leeg of kies een andere "
        "beschikbaarheid."
    ]


def test_free_from_a_date_gone_by_is_refused(editing):
    client, url, _page, data = editing
    past = timezone.localdate() - datetime.timedelta(days=1)
    response = post(
        client, url, inline_rows(data, "availability", [row("free_from", past.isoformat())])
    )
    assert response.status_code == 200
    assert availability_errors(response)[0]["free_from"] == [
        "Deze datum is voorbij: kies 'nu vrije plaatsen', of een datum vanaf vandaag."
    ]


def test_true_availability_is_saved_and_confirms_it_today(editing):
    client, url, page, data = editing
    later = timezone.localdate() + datetime.timedelta(days=40)
    rows = [row("free_from", later.isoformat(), "2"), {**row("full"), "age_group": "toddler"}]
    response = post(client, url, inline_rows(data, "availability", rows))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.availability.count() == 2
    assert page.availability_confirmed_on == timezone.localdate()


def test_saving_other_tabs_does_not_confirm_the_availability(editing):
    client, url, page, data = editing
    before = page.availability_confirmed_on
    response = post(client, url, data, summary="Een nieuwe beschrijving.")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.summary == "Een nieuwe beschrijving."
    assert page.availability_confirmed_on == before
