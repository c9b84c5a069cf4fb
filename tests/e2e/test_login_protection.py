"""In the browser: the first login enrols an authenticator app from the secret on the page,
and five wrong passwords lock the login (issue 10 item 3)."""

import base64
import re

import pytest
from playwright.sync_api import expect

from .conftest import PASSWORD, submit_code, totp_code

pytestmark = pytest.mark.e2e


def sign_in(page, username, password):
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


def test_first_login_sets_up_totp_from_the_secret(page, live_site, provider):
    sign_in(page, provider.username, PASSWORD)
    page.wait_for_url(re.compile(r"/admin/2fa/instellen/"))
    expect(page.locator(".opvangpunt-qr svg")).to_be_visible()

    # What a person types into their app: the key shown under the QR code.
    secret = page.locator("[data-secret]").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    submit_code(page, totp_code(key))

    codes = page.locator(".opvangpunt-recovery-codes li")
    expect(codes).to_have_count(10)
    page.locator("main a.button").click()
    page.wait_for_url(re.compile(r"/admin/"))
    expect(page.locator("body")).not_to_contain_text("Tweestapsverificatie instellen")
    page.goto("/admin/pages/")
    assert "/admin/2fa/" not in page.url


def test_logged_in_user_passes_the_code_page(page, live_site, login_as, provider):
    login_as(page, provider)
    page.goto("/admin/")
    assert page.url.endswith("/admin/")


def test_five_wrong_passwords_lock_the_login(page, live_site, provider):
    for _ in range(4):
        sign_in(page, provider.username, "fout-wachtwoord")
        expect(page.locator("input[name=password]")).to_be_visible()
    sign_in(page, provider.username, "fout-wachtwoord")
    expect(page.locator("main")).to_contain_text("Te veel mislukte aanmeldpogingen")

    sign_in(page, provider.username, PASSWORD)
    expect(page.locator("main")).to_contain_text("Te veel mislukte aanmeldpogingen")
    assert "/admin/2fa/" not in page.url
