"""Faults under a request: the database, the mail server, the disk.

Each is produced for real where the machine allows it: SQL refused by the database layer, a
mail server port where nothing listens, and Linux's /dev/full, which answers every write
with "no space left on device".
"""

import socket
from contextlib import contextmanager
from io import StringIO

import pytest
from django.core import mail
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Revision

from core.mail import send_due_mail
from core.models import QueuedEmail

from ..admin_forms import form_data
from ..conftest import role
from ..factories import UserFactory

pytestmark = pytest.mark.django_db


@contextmanager
def database_fails_on(fragment, message="database is locked"):
    """Make every SQL statement containing `fragment` fail as a locked or gone database."""

    def refuse(execute, sql, params, many, context):
        if fragment in sql:
            raise OperationalError(message)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse):
        yield


@pytest.mark.parametrize(
    "message", ["database is locked", "server closed the connection unexpectedly"]
)
def test_database_fault_while_publishing_a_fiche_writes_nothing(make_location, loket_user, message):
    page = make_location(title="Voor de storing")
    client = Client(raise_request_exception=False)
    client.force_login(loket_user)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(client.get(url))
    data.update({"title": "Na de storing", "action-publish": "action-publish"})
    revisions_before = Revision.objects.count()

    with database_fails_on('UPDATE "wagtailcore_page"', message):
        response = client.post(url, data)

    assert response.status_code == 503
    text = response.content.decode()
    assert "niet bewaard" in text and "niets" in text
    page.refresh_from_db()
    assert page.title == "Voor de storing"
    # The revision was written before the page row failed: the request's transaction took
    # it back, so no half-published change is left behind.
    assert Revision.objects.count() == revisions_before


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the socket is: nothing listens


def test_mail_server_down_during_password_reset_queues_and_retries(
    client, settings, django_capture_on_commit_callbacks
):
    # Wagtail sends reset links only to people who may use the admin, such as providers.
    user = UserFactory(email="ouder.test@voorbeeld.example", groups=[role("Opvanglocatie")])
    settings.DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_password_reset"), {"email": user.email})

    assert response.status_code == 302  # the parent or provider sees the normal confirmation
    queued = QueuedEmail.objects.get()
    assert queued.attempts == 1
    assert queued.last_error == "ConnectionRefusedError"
    assert mail.outbox == []

    # Not due yet: a retry right away does nothing.
    assert send_due_mail() == (0, 1)
    # The mail server is back, and the back-off has passed.
    settings.DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due_mail(now=queued.next_attempt_at) == (1, 0)
    assert [message.to for message in mail.outbox] == [[user.email]]
    assert "wachtwoord" in mail.outbox[0].body.lower() or "password" in mail.outbox[0].body.lower()


class DiskFullStorage(FileSystemStorage):
    """Writes every file to /dev/full, so the kernel answers ENOSPC as on a full disk."""

    def _save(self, name, content):
        with open("/dev/full", "wb") as device:
            for chunk in content.chunks():
                device.write(chunk)
            device.flush()
        return name


@pytest.fixture
def full_disk(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.core.test_faults.DiskFullStorage"},
    }


def png_upload():
    return SimpleUploadedFile("tuin.png", get_test_image_file().file.getvalue(), "image/png")


def upload_data():
    return {"title": "Tuin", "file": png_upload()}


@pytest.mark.usefixtures("full_disk")
def test_full_disk_on_image_upload_says_so(loket_user):
    client = Client(raise_request_exception=False)
    client.force_login(loket_user)
    response = client.post(reverse("wagtailimages:add"), upload_data())
    assert response.status_code == 507
    assert "schijf is vol" in response.content.decode()
    assert not Image.objects.exists()


@pytest.mark.usefixtures("full_disk")
def test_full_disk_on_multiple_upload_answers_the_upload_script(loket_user):
    client = Client(raise_request_exception=False)
    client.force_login(loket_user)
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": png_upload()},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )
    assert response.status_code == 507
    body = response.json()
    assert body["success"] is False
    assert "schijf is vol" in body["error_message"]
    assert not Image.objects.exists()


def test_send_queued_mail_command_reports_what_it_did(settings):
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    EmailMessage("Onderwerp", "Tekst", to=["iemand@voorbeeld.example"]).send()
    output = StringIO()
    call_command("send_queued_mail", stdout=output)
    assert output.getvalue().strip() == "1 sent, 0 still queued."
    assert len(mail.outbox) == 1
