"""Provider staff accounts (issue 12 item 6): who manages whom, the activation mail and the
first login's second factor, and a leaver's access ending at once (seed 000 art. 2 §7).
Through the real admin URLs, sessions in the database and the queued mail."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection
from django.http import HttpRequest
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import UserSession
from core.roles import COMMUNICATION, LOCATION, LOCATION_GROUP, LOKET
from opvanglocaties.permissions import location_staff_group

from ..conftest import logged_in, role
from ..factories import OrganiserFactory, UserFactory
from .test_region_loket import other_region, refused  # noqa: F401  (other_region: a fixture)

pytestmark = pytest.mark.django_db

INDEX = reverse("opvangpunt_staff_index")
CREATE = reverse("opvangpunt_staff_create")


def deactivate_url(user):
    return reverse("opvangpunt_staff_deactivate", args=[user.pk])


@pytest.fixture
def fiche(make_location, organiser):
    return make_location(organiser=organiser, title="Opvang Leie")


@pytest.fixture
def location_user(fiche):
    return UserFactory(
        username="leie",
        first_name="Lien",
        last_name="Leiestaf",
        groups=[role(LOCATION), location_staff_group(fiche)],
    )


@pytest.fixture
def colleague(organiser, fiche):
    """Another location-group account of the same organiser."""
    return UserFactory(
        username="collega",
        first_name="Carla",
        last_name="Collegaert",
        groups=[role(LOCATION_GROUP), organiser.group],
    )


def new_account(client, workplace, email="an.janssens@speelvogel.be"):
    return client.post(
        CREATE,
        {
            "first_name": "An",
            "last_name": "Janssens",
            "email": email,
            "workplace": workplace,
        },
    )


def test_the_loket_makes_an_organiser_account_that_activates_and_enrols(
    loket_user, organiser, fiche, django_capture_on_commit_callbacks
):
    loket = logged_in(loket_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = new_account(loket, f"organiser:{organiser.pk}")
    assert response.status_code == 302, response.context["form"].errors

    account = get_user_model().objects.get(email="an.janssens@speelvogel.be")
    assert not account.has_usable_password()
    assert set(account.groups.all()) == {role(LOCATION_GROUP), organiser.group}

    # The activation mail went through the queue; its link sets the password.
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["an.janssens@speelvogel.be"]
    link = re.search(r"https?://testserver(/admin/password_reset/\S+)", mail.outbox[0].body)[1]
    person = Client()
    form_page = person.get(link, follow=True)
    assert form_page.status_code == 200
    set_password = person.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Een-goed-wachtwoord-42", "new_password2": "Een-goed-wachtwoord-42"},
    )
    assert set_password.status_code == 302

    # First login: the admin sends them to enrol a second factor before anything else.
    assert person.login(
        request=HttpRequest(), username=account.username, password="Een-goed-wachtwoord-42"
    )
    first = person.get("/admin/")
    assert first.status_code == 302
    assert first["Location"].startswith(reverse("opvangpunt_2fa_setup"))

    # The new account serves the organiser's fiche and shows in the loket's list.
    listing = loket.get(INDEX)
    assert "An Janssens" in listing.content.decode()


def test_a_location_account_gets_the_location_role_and_its_group(loket_user, fiche):
    loket = logged_in(loket_user)
    assert new_account(loket, f"location:{fiche.pk}").status_code == 302
    account = get_user_model().objects.get(email="an.janssens@speelvogel.be")
    fiche.refresh_from_db()
    assert set(account.groups.all()) == {role(LOCATION), fiche.staff_group}


def test_bad_input_gets_dutch_messages_at_the_fields(loket_user, fiche, provider):
    loket = logged_in(loket_user)
    response = loket.post(
        CREATE,
        {"first_name": "", "last_name": "X", "email": provider.email, "workplace": "organiser:0"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "first_name" in errors
    assert "Er bestaat al een account met dit e-mailadres" in errors["email"][0]
    assert "geen beschikbare keuze" in errors["workplace"][0]


def test_another_regions_loket_sees_no_staff_of_ours(
    loket_user,
    other_region,  # noqa: F811
    fiche,
    provider,
):
    theirs = UserFactory(
        username="antwerpen", groups=[role(LOKET), other_region["region"].loket_group]
    )
    client = logged_in(theirs)
    listing = client.get(INDEX)
    assert listing.status_code == 200
    assert provider.get_username() not in listing.content.decode()
    assert client.get(deactivate_url(provider)).status_code == 404
    assert client.post(deactivate_url(provider)).status_code == 404
    # Nor may it make an account for our organiser or fiche.
    response = new_account(client, f"location:{fiche.pk}")
    assert response.status_code == 200 and "workplace" in response.context["form"].errors
    assert not get_user_model().objects.filter(email="an.janssens@speelvogel.be").exists()


def test_a_location_group_manages_its_own_staff_only(
    provider, colleague, organiser, fiche, location_user, make_location
):
    stranger_org = OrganiserFactory(legal_name="Vzw Elders")
    make_location(organiser=stranger_org, title="Opvang Elders")
    # Fixed names: Faker's random ones can coincide, and the listing is checked by name.
    stranger = UserFactory(
        username="elders",
        first_name="Stijn",
        last_name="Eldersma",
        groups=[role(LOCATION_GROUP), stranger_org.group],
    )

    client = logged_in(provider)
    listing = client.get(INDEX).content.decode()
    assert colleague.get_full_name() in listing and location_user.get_full_name() in listing
    assert stranger.get_full_name() not in listing
    assert client.get(deactivate_url(stranger)).status_code == 404

    # It makes accounts for its own fiche, not for another organiser's.
    assert new_account(client, f"location:{fiche.pk}").status_code == 302
    refused = new_account(client, f"organiser:{stranger_org.pk}", email="x@elders.be")
    assert "workplace" in refused.context["form"].errors

    # The other organiser's group sees nothing of ours.
    theirs = logged_in(stranger)
    assert theirs.get(deactivate_url(colleague)).status_code == 404
    assert colleague.get_full_name() not in theirs.get(INDEX).content.decode()


def test_location_staff_and_other_roles_manage_nobody(location_user, communication_user):
    for user in (location_user, communication_user):
        client = logged_in(user)
        assert refused(client.get(INDEX))
        assert refused(client.get(CREATE))
        assert refused(new_account(client, "organiser:1"))
    assert not get_user_model().objects.filter(email="an.janssens@speelvogel.be").exists()


def test_colleagues_in_other_roles_are_not_managed_here(loket_user, organiser, fiche):
    # A loket colleague who is also in an organiser's group stays the administrators' to manage.
    other_loket = UserFactory(username="loket2", groups=[role(LOKET), organiser.group])
    both = UserFactory(username="comm", groups=[role(COMMUNICATION), organiser.group])
    client = logged_in(loket_user)
    assert client.get(deactivate_url(other_loket)).status_code == 404
    assert client.get(deactivate_url(both)).status_code == 404


def test_deactivating_a_leaver_ends_their_open_session_at_once(loket_user, provider, fiche):
    leaver_browser = logged_in(provider)
    assert leaver_browser.get("/admin/").status_code == 200
    session_key = leaver_browser.session.session_key
    assert UserSession.objects.filter(user=provider, session_id=session_key).exists()

    loket = logged_in(loket_user)
    confirm = loket.get(deactivate_url(provider))
    assert confirm.status_code == 200
    assert loket.post(deactivate_url(provider)).status_code == 302

    provider.refresh_from_db()
    assert not provider.is_active
    assert not Session.objects.filter(session_key=session_key).exists()
    assert not TOTPDevice.objects.filter(user=provider).exists()
    # The open browser's next request is anonymous: the login page.
    response = leaver_browser.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    # The loket's own session is untouched.
    assert loket.get(INDEX).status_code == 200


def test_the_loket_resets_the_second_factor_of_its_own_staff_only(
    loket_user,
    other_region,  # noqa: F811
    provider,
    fiche,
):
    TOTPDevice.objects.create(user=provider, name="app", confirmed=True)
    url = reverse("opvangpunt_staff_reset_two_factor", args=[provider.pk])
    theirs = UserFactory(
        username="antwerpen", groups=[role(LOKET), other_region["region"].loket_group]
    )
    assert logged_in(theirs).post(url).status_code == 404
    assert TOTPDevice.objects.filter(user=provider).exists()

    response = logged_in(loket_user).post(url)
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=provider).exists()


def test_a_manager_cannot_deactivate_themselves(provider, fiche):
    client = logged_in(provider)
    response = client.post(deactivate_url(provider))
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.is_active


def test_a_login_through_the_form_is_indexed(provider, fiche):
    client = Client()
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "provider", "password": "secret-pass-123"}
    )
    assert response.status_code == 302
    key = client.session.session_key
    assert UserSession.objects.filter(user=provider, session_id=key).exists()
    # Logging out deletes the session and its index row with it.
    client.post(reverse("wagtailadmin_logout"))
    assert not UserSession.objects.filter(session_id=key).exists()


def account_form_data(client):
    """What Wagtail's account page posts as it stands (every panel's current values)."""
    page = client.get(reverse("wagtailadmin_account"))
    data = {}
    for panels in page.context["panels_by_tab"].values():
        for panel in panels:
            for field in panel.get_form():
                value = field.value()
                if value not in (None, False, ""):
                    data[field.html_name] = value
    return data


def test_a_password_change_cycles_the_key_and_the_index_follows(provider, fiche):
    client = logged_in(provider)
    before = client.session.session_key
    data = account_form_data(client)
    data.update(
        {
            "password-old_password": "secret-pass-123",
            "password-new_password1": "Een-ander-wachtwoord-42",
            "password-new_password2": "Een-ander-wachtwoord-42",
        }
    )
    response = client.post(reverse("wagtailadmin_account"), data)
    assert response.status_code == 302
    after = client.session.session_key
    assert after != before
    assert UserSession.objects.filter(user=provider, session_id=after).exists()


def test_the_list_query_count_does_not_grow_with_accounts(loket_user, organiser, fiche):
    client = logged_in(loket_user)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(INDEX).status_code == 200
        return len(queries)

    for number in range(2):
        UserFactory(username=f"a{number}", groups=[role(LOCATION_GROUP), organiser.group])
    count()  # the first admin page of a session reads a few things once
    few = count()
    for number in range(2, 12):
        UserFactory(username=f"a{number}", groups=[role(LOCATION_GROUP), organiser.group])
    assert count() == few


def test_the_resend_sends_a_fresh_activation_mail(
    loket_user, provider, fiche, django_capture_on_commit_callbacks
):
    client = logged_in(loket_user)
    url = reverse("opvangpunt_staff_send_activation", args=[provider.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert mail.outbox[-1].to == [provider.email]


def test_a_returning_colleague_is_reactivated_with_a_new_password_and_second_factor(
    loket_user, provider, fiche, django_capture_on_commit_callbacks
):
    provider.set_password("Het-oude-wachtwoord-1")
    provider.save()
    loket = logged_in(loket_user)
    loket.post(deactivate_url(provider))
    url = reverse("opvangpunt_staff_reactivate", args=[provider.pk])
    assert f'action="{url}"' in loket.get(INDEX).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        assert loket.post(url).status_code == 302

    provider.refresh_from_db()
    assert provider.is_active
    # Nothing of the old access comes back: no password, no second factor, a fresh mail.
    assert not provider.has_usable_password()
    assert not TOTPDevice.objects.filter(user=provider).exists()
    assert mail.outbox[-1].to == [provider.email]
    assert re.search(r"/admin/password_reset/\S+", mail.outbox[-1].body)
    assert not Client().login(
        request=HttpRequest(), username=provider.username, password="Het-oude-wachtwoord-1"
    )
    # Only a deactivated account of one's own scope is reactivated.
    assert loket.post(url).status_code == 404


def test_another_regions_loket_cannot_reactivate_our_staff(
    loket_user,
    other_region,  # noqa: F811
    fiche,
    provider,
):
    logged_in(loket_user).post(deactivate_url(provider))
    theirs = UserFactory(
        username="antwerpen", groups=[role(LOKET), other_region["region"].loket_group]
    )
    url = reverse("opvangpunt_staff_reactivate", args=[provider.pk])

    assert logged_in(theirs).post(url).status_code == 404
    provider.refresh_from_db()
    assert not provider.is_active
