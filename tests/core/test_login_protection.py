"""Lockout, password-reset limits, short staff sessions and the admin's second factor
(issue 10 item 3), through the real login, reset and admin URLs."""

import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.accounts import STAFF_SESSION_KEY
from core.roles import COMMUNICATION
from core.twofactor import new_recovery_codes

from ..conftest import role, verified_device
from ..factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "secret-pass-123"  # tests.factories.UserFactory
LOGIN = "/admin/login/"


@pytest.fixture
def staff(db):
    return UserFactory(username="communicatie", groups=[role(COMMUNICATION)])


def client_at(address):
    return Client(REMOTE_ADDR=address)


def log_in(client, username, password, url=LOGIN, **extra):
    return client.post(url, {"username": username, "password": password, **extra})


def test_five_wrong_passwords_lock_the_login(staff):
    client = client_at("203.0.113.7")
    for _ in range(4):
        assert log_in(client, "communicatie", "fout").status_code == 200
    locked = log_in(client, "communicatie", "fout")
    assert locked.status_code == 429
    assert "Te veel mislukte aanmeldpogingen" in locked.content.decode()

    # The right password does not help now.
    response = log_in(client, "communicatie", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_keyed_by_user_and_client(staff):
    attacker = client_at("203.0.113.7")
    for _ in range(5):
        log_in(attacker, "communicatie", "fout")
    # The same user from elsewhere, and another user from there, still log in.
    assert log_in(client_at("198.51.100.20"), "communicatie", PASSWORD).status_code == 302
    UserFactory(username="collega", groups=staff.groups.all())
    assert log_in(attacker, "collega", PASSWORD).status_code == 302


def test_the_public_login_is_locked_too(staff):
    client = client_at("203.0.113.7")
    url = reverse("wagtailcore_login")
    for _ in range(5):
        log_in(client, "communicatie", "fout", url=url)
    assert log_in(client, "communicatie", PASSWORD, url=url).status_code == 429


def test_the_public_login_goes_to_a_page_that_exists(client, staff, home_page):
    response = log_in(client, "communicatie", PASSWORD, url=reverse("wagtailcore_login"))
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get(response["Location"]).status_code == 200


def test_the_loket_unlocks_a_login(client, loket_user, staff):
    attacker = client_at("203.0.113.7")
    for _ in range(5):
        log_in(attacker, "communicatie", "fout")
    client.force_login(loket_user)
    page = client.get(reverse("opvangpunt_login_security"))
    assert page.status_code == 200 and "203.0.113.7" in page.content.decode()
    attempt = page.context["attempts"][0]
    response = client.post(
        reverse("opvangpunt_login_security"), {"action": "unlock", "attempt": attempt.pk}
    )
    assert response.status_code == 302
    assert log_in(attacker, "communicatie", PASSWORD).status_code == 302


def test_providers_cannot_open_login_security(client, provider):
    client.force_login(provider)
    assert client.get(reverse("opvangpunt_login_security")).status_code in (302, 403)


def request_reset(client, email):
    return client.post(reverse("wagtailadmin_password_reset"), {"email": email})


def test_password_reset_requests_are_limited_per_client(staff):
    client = client_at("203.0.113.7")
    for _ in range(5):
        assert request_reset(client, "iemand@example.org").status_code == 302
    refused = request_reset(client, "iemand@example.org")
    assert refused.status_code == 200
    assert "Te veel aanvragen" in refused.content.decode()
    # Another client may still ask.
    assert request_reset(client_at("198.51.100.20"), "iemand@example.org").status_code == 302


def test_one_address_gets_at_most_three_reset_mails_a_day(
    staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(6):
            response = request_reset(client_at(f"198.51.100.{number}"), staff.email)
            assert response.status_code == 302  # the same answer every time
    assert [message.to for message in mail.outbox] == [[staff.email]] * 3


def test_staff_sessions_end_with_the_browser_even_when_remembered(staff):
    client = client_at("198.51.100.20")
    response = log_in(client, "communicatie", PASSWORD, remember="on")
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert not cookie["max-age"] and not cookie["expires"]


def test_staff_sessions_end_after_a_working_day(client, staff):
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[STAFF_SESSION_KEY] = time.time() - 1
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


# The second factor


@pytest.fixture(autouse=True)
def _no_code_delay(settings):
    # django-otp waits 2^n seconds after n wrong codes; these tests try a wrong one first.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def code_for(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return totp.token()


@pytest.mark.real_otp
def test_first_login_enrols_an_authenticator_app(client, staff):
    client.force_login(staff)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("opvangpunt_2fa_setup"))

    page = client.get(response["Location"])
    html = page.content.decode()
    assert "<svg" in html and page.context["secret"]
    device = TOTPDevice.objects.get(user=staff, confirmed=False)

    wrong = client.post(reverse("opvangpunt_2fa_setup"), {"token": "000000", "next": "/admin/"})
    assert wrong.context["form"].errors["token"]

    done = client.post(
        reverse("opvangpunt_2fa_setup"), {"token": code_for(device), "next": "/admin/pages/"}
    )
    assert done.status_code == 200
    assert len(done.context["codes"]) == 10
    assert done.context["next"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.real_otp
def test_later_logins_ask_for_a_code_and_accept_a_recovery_code_once(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    codes = new_recovery_codes(staff)
    client.force_login(staff)
    response = client.get("/admin/")
    assert response["Location"].startswith(reverse("opvangpunt_2fa_verify"))
    assert client.get(reverse("opvangpunt_2fa_setup"))["Location"].startswith(
        reverse("opvangpunt_2fa_verify")
    )  # no second app without the first

    assert client.post(reverse("opvangpunt_2fa_verify"), {"token": "123456"}).status_code == 200
    ok = client.post(reverse("opvangpunt_2fa_verify"), {"token": codes[0], "next": "/admin/"})
    assert ok.status_code == 302 and ok["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200

    other = Client()
    other.force_login(staff)
    again = other.post(reverse("opvangpunt_2fa_verify"), {"token": codes[0]})
    assert again.status_code == 200  # a recovery code works once
    assert (
        other.post(reverse("opvangpunt_2fa_verify"), {"token": code_for(device)}).status_code == 302
    )


@pytest.mark.real_otp
def test_the_code_page_does_not_redirect_elsewhere(client, staff):
    TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    codes = new_recovery_codes(staff)
    client.force_login(staff)
    response = client.post(
        reverse("opvangpunt_2fa_verify"), {"token": codes[1], "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.real_otp
def test_only_administrators_reset_a_second_factor_on_the_login_security_page(
    client, loket_user, staff, admin_user
):
    # This page knows no regions: a loket resetting any account here could take over another
    # region's accounts. The loket resets its own staff's on the Staff page (scoped).
    TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    url = reverse("opvangpunt_login_security")
    for user, may in ((loket_user, False), (admin_user, True)):
        client.force_login(user)
        session = client.session  # each passes its own second factor
        session[DEVICE_ID_SESSION_KEY] = verified_device(user).persistent_id
        session.save()
        page = client.get(url)
        assert page.status_code == 200
        assert (page.context["reset_form"] is not None) == may
        response = client.post(url, {"action": "reset_2fa", "username": "communicatie"})
        # Done: back to the page; refused: Wagtail's redirect to the dashboard.
        expected = url if may else reverse("wagtailadmin_home")
        assert response.status_code == 302 and response["Location"] == expected
        assert TOTPDevice.objects.filter(user=staff).exists() != may


@pytest.mark.real_otp
def test_an_administrator_resets_another_administrators_second_factor(client, admin_user):
    other_admin = UserFactory(username="beheerder2", is_superuser=True, is_staff=True)
    TOTPDevice.objects.create(user=other_admin, name="app", confirmed=True)
    client.force_login(admin_user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = verified_device(admin_user).persistent_id
    session.save()
    url = reverse("opvangpunt_login_security")
    assert client.post(url, {"action": "reset_2fa", "username": "beheerder2"}).status_code == 302
    assert not TOTPDevice.objects.filter(user=other_admin).exists()


def test_reset_two_factor_command(staff):
    TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    call_command("reset_two_factor", "communicatie")
    assert not TOTPDevice.objects.filter(user=staff).exists()


@pytest.mark.real_otp
@pytest.mark.parametrize("debug", [False, True])
def test_demo_accounts_skip_the_second_factor_only_with_debug(client, settings, staff, debug):
    settings.DEBUG = debug
    settings.OPVANGPUNT_TWO_FACTOR_EXEMPT = ("communicatie",)
    client.force_login(staff)
    response = client.get("/admin/")
    assert (response.status_code == 200) is debug
