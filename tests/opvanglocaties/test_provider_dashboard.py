"""Issue 14.13: the provider's admin (dashboard panel, confirm, menus) and the loket's list."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from opvanglocaties.confirmation import LOG_ACTION
from opvanglocaties.models import AvailabilityReminder

from ..admin_forms import form_data
from ..factories import UserFactory
from .test_permissions import edit_url, refused

pytestmark = pytest.mark.django_db

HOME = reverse("wagtailadmin_home")


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def own(make_location, organiser):
    return make_location(
        organiser=organiser, title="Eigen opvang", availability_confirmed_on=days_ago(45)
    )


@pytest.fixture
def other(make_location, other_organiser):
    return make_location(organiser=other_organiser, title="Andere opvang")


def text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_the_providers_dashboard_lists_its_fiches_with_their_confirmation(
    client, provider, own, other
):
    client.force_login(provider)
    page = text(client.get(HOME))
    assert "Jouw fiches" in page
    assert "Eigen opvang" in page
    assert f"niet bevestigd sinds {days_ago(45).day}" in page
    assert "Andere opvang" not in page
    # Wagtail's "1 Pagina" linked to an empty list of subpages: a count of fiches instead.
    soup = BeautifulSoup(client.get(HOME).content, "html.parser")
    summary = soup.select_one(".w-summary, ul.stats") or soup
    links = [a for a in summary.find_all("a") if a.get("href") == reverse("opvangpunt_my_fiches")]
    assert any("1 fiche" in a.get_text() for a in links)
    assert "1 Pagina" not in page


def test_the_dashboard_panel_costs_the_same_queries_for_many_fiches(
    client, provider, organiser, make_location
):
    client.force_login(provider)
    make_location(organiser=organiser)
    client.get(HOME)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(HOME).status_code == 200
        return len(captured)

    few = count()
    for _ in range(12):
        make_location(organiser=organiser)
    assert count() == few


def test_one_click_confirms_the_availability_and_keeps_it_in_the_history(client, provider, own):
    client.force_login(provider)
    url = reverse("opvangpunt_confirm_availability", args=[own.pk])
    assert client.get(url).status_code == 405  # a POST only
    response = client.post(url, {"next": HOME})
    assert response.status_code == 302 and response["Location"] == HOME
    own.refresh_from_db()
    assert own.availability_confirmed_on == timezone.localdate()
    entry = PageLogEntry.objects.get(page=own, action=LOG_ACTION)
    assert entry.user == provider
    assert "Beschikbaarheid bevestigd" in text(
        client.get(reverse("wagtailadmin_pages:history", args=[own.pk]))
    )


def test_confirming_anothers_fiche_is_refused(client, provider, other):
    client.force_login(provider)
    before = other.availability_confirmed_on
    assert refused(client.post(reverse("opvangpunt_confirm_availability", args=[other.pk])))
    other.refresh_from_db()
    assert other.availability_confirmed_on == before


def test_confirm_many_confirms_only_the_users_own_fiches(
    client, provider, organiser, own, other, make_location
):
    second = make_location(organiser=organiser, availability_confirmed_on=days_ago(50))
    other.availability_confirmed_on = days_ago(50)
    other.save()
    client.force_login(provider)
    response = client.post(
        reverse("opvangpunt_confirm_availability_many"), {"page": [own.pk, second.pk, other.pk]}
    )
    assert response.status_code == 302
    for page in (own, second, other):
        page.refresh_from_db()
    assert own.availability_confirmed_on == second.availability_confirmed_on == timezone.localdate()
    assert other.availability_confirmed_on == days_ago(50)


def test_my_fiches_page_lists_oldest_confirmation_first(
    client, provider, organiser, own, make_location
):
    make_location(organiser=organiser, title="Nooit bevestigd", availability_confirmed_on=None)
    make_location(organiser=organiser, title="Vandaag bevestigd")
    client.force_login(provider)
    response = client.get(reverse("opvangpunt_my_fiches"))
    assert [row.page.title for row in response.context["rows"]] == [
        "Nooit bevestigd",
        "Eigen opvang",
        "Vandaag bevestigd",
    ]


def test_providers_are_not_offered_move_copy_delete_nor_slug_and_seo(client, provider, own):
    client.force_login(provider)
    page = client.get(edit_url(own)).content.decode()
    for name in ("move", "copy", "delete"):
        assert reverse(f"wagtailadmin_pages:{name}", args=[own.pk]) not in page
    assert 'name="slug"' not in page
    assert 'name="seo_title"' not in page
    listing = client.get(reverse("wagtailadmin_explore", args=[own.get_parent().pk])).content
    assert reverse("wagtailadmin_pages:delete", args=[own.pk]).encode() not in listing
    # Refused as before when asked directly.
    assert client.post(reverse("wagtailadmin_pages:delete", args=[own.pk])).status_code in (
        302,
        403,
    )
    own.refresh_from_db()


def test_the_loket_keeps_slug_and_seo(client, loket_user, own):
    client.force_login(loket_user)
    page = client.get(edit_url(own)).content.decode()
    assert 'name="slug"' in page
    assert reverse("wagtailadmin_pages:move", args=[own.pk]) in page


def test_the_lokets_list_orders_by_confirmation_and_reminds_the_staff(
    client, loket_user, organiser, own, other, django_capture_on_commit_callbacks
):
    staff = UserFactory(username="staf", email="staf@speelvogel.be", groups=[organiser.group])
    client.force_login(loket_user)
    response = client.get(reverse("opvangpunt_loket_fiches"))
    assert [row.page.title for row in response.context["rows"]] == ["Eigen opvang", "Andere opvang"]
    assert "1 fiche van je regio" in text(client.get(HOME))

    url = reverse("opvangpunt_remind_availability", args=[own.pk])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[staff.email]]
    assert "Eigen opvang" in mail.outbox[0].subject
    reminder = AvailabilityReminder.objects.get(page=own)
    assert reminder.sent_by == loket_user and reminder.period == 1
    # The same period twice: refused, no second mail.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert len(mail.outbox) == 1
    assert AvailabilityReminder.objects.filter(page=own).count() == 1


def test_providers_cannot_open_the_lokets_list_nor_remind(client, provider, own):
    client.force_login(provider)
    assert refused(client.get(reverse("opvangpunt_loket_fiches")))
    assert refused(client.post(reverse("opvangpunt_remind_availability", args=[own.pk])))
    assert not AvailabilityReminder.objects.exists()


# The availability of many fiches in one form.


def bulk_data(response):
    return form_data(response, form_id=None)


def test_an_organiser_changes_the_availability_of_several_fiches_at_once(
    client, provider, organiser, own, make_location
):
    second = make_location(organiser=organiser, title="Tweede", licensed_capacity=10)
    client.force_login(provider)
    url = reverse("opvangpunt_availability_many")
    data = bulk_data(client.get(url))
    data[f"fiche-{own.pk}-baby_status"] = "free_now"
    data[f"fiche-{own.pk}-baby_free_places"] = "2"
    data[f"fiche-{second.pk}-toddler_status"] = "full"
    response = client.post(url, data)
    assert response.status_code == 302
    for page in (own, second):
        page.refresh_from_db()
        assert page.availability_confirmed_on == timezone.localdate()
        assert not page.has_unpublished_changes
    assert [(r.age_group, r.status, r.free_places) for r in own.availability.all()] == [
        ("baby", "free_now", 2)
    ]
    assert [(r.age_group, r.status) for r in second.availability.all()] == [("toddler", "full")]
    assert own.revisions.exists()  # a new version, in the history


def test_the_bulk_form_refuses_untrue_rows_and_keeps_the_others(
    client, provider, organiser, own, make_location
):
    second = make_location(organiser=organiser, title="Tweede", licensed_capacity=10)
    client.force_login(provider)
    url = reverse("opvangpunt_availability_many")
    data = bulk_data(client.get(url))
    data[f"fiche-{own.pk}-baby_status"] = "free_now"
    data[f"fiche-{second.pk}-baby_status"] = "free_now"
    data[f"fiche-{second.pk}-baby_free_places"] = "50"
    response = client.post(url, data)
    assert response.status_code == 200
    refused_form = next(f for f in response.context["forms"] if f.page.pk == second.pk)
    assert refused_form.errors["baby_free_places"] == [
        "De vergunning laat 10 plaatsen toe: er kunnen er geen 50 vrij zijn."
    ]
    assert own.availability.count() == 1
    assert not second.availability.exists()


def test_the_bulk_form_lists_only_the_users_fiches(client, provider, own, other):
    client.force_login(provider)
    response = client.get(reverse("opvangpunt_availability_many"))
    assert [form.page.title for form in response.context["forms"]] == ["Eigen opvang"]
