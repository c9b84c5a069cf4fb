"""Logs carry no personal data, also in their structured (JSON) form."""

import logging

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from pythonjsonlogger.json import JsonFormatter

from ..admin_forms import form_data
from ..conftest import role
from ..factories import UserFactory

pytestmark = pytest.mark.django_db

EMAIL = "sofie.peeters@voorbeeld.example"
PASSWORD = "Zeer-Geheim-2026!"
FIRST_NAME, LAST_NAME = "Sofie", "Peeters-Vandamme"


def test_login_edit_and_password_reset_leave_no_personal_data_in_logs(
    client, caplog, make_location, organiser, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    user = UserFactory(
        username="sofie",
        email=EMAIL,
        first_name=FIRST_NAME,
        last_name=LAST_NAME,
        password=PASSWORD,
        groups=[role("Opvanglocatiegroep"), organiser.group],
    )
    page = make_location(organiser=organiser)
    caplog.clear()  # only what the flow itself logs

    # A failed and a successful login through the real admin form.
    client.post(reverse("wagtailadmin_login"), {"username": "sofie", "password": "fout"})
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "sofie", "password": PASSWORD}
    )
    assert response.status_code == 302
    # The second factor: a code from the user's authenticator app.
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    code = TOTP(device.bin_key, device.step, device.t0, device.digits).token()
    response = client.post(reverse("opvangpunt_2fa_verify"), {"token": f"{code:06d}"})
    assert response.status_code == 302

    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(client.get(edit))
    data.update({"summary": "Nieuwe beschrijving", "action-publish": "action-publish"})
    assert client.post(edit, data).status_code == 302

    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_password_reset"), {"email": EMAIL})
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[user.email]]

    assert caplog.records, "the flow logged nothing at all: the scan would prove nothing"
    formatter = JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s")
    logged = "\n".join(formatter.format(record) for record in caplog.records)
    assert "Published" in logged
    for secret in (EMAIL, PASSWORD, FIRST_NAME, LAST_NAME, "sofie.peeters"):
        assert secret not in logged, f"{secret!r} appears in the logs"
