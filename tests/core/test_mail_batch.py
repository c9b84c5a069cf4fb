"""Several messages sent in one call are queued together and delivered by one task."""

import smtplib

import pytest
from django.core import mail
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from core.models import QueuedEmail

pytestmark = pytest.mark.django_db


class RefusingBackend(EmailBackend):
    """A mail server that refuses one address and accepts the others."""

    def send_messages(self, messages):
        if any("refused@" in address for message in messages for address in message.to):
            raise smtplib.SMTPRecipientsRefused({})
        return super().send_messages(messages)


@pytest.fixture
def queued_backend(settings):
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    settings.DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def messages(*addresses):
    return [EmailMessage(f"To {to}", "Body", None, [to]) for to in addresses]


@pytest.mark.usefixtures("queued_backend")
def test_one_call_is_one_insert_and_one_delivery(django_capture_on_commit_callbacks):
    addresses = ("a@voorbeeld.be", "b@voorbeeld.be", "c@voorbeeld.be")
    with (
        django_capture_on_commit_callbacks(execute=False) as callbacks,
        CaptureQueriesContext(connection) as queries,
    ):
        assert get_connection().send_messages(messages(*addresses)) == 3
    inserts = [q["sql"] for q in queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1 and QueuedEmail.objects.count() == 3
    assert len(callbacks) == 1 and mail.outbox == []  # nothing goes out before the commit

    callbacks[0]()

    assert sorted(message.to[0] for message in mail.outbox) == list(addresses)
    assert not QueuedEmail.objects.exists()


@pytest.mark.usefixtures("queued_backend")
def test_a_refused_message_stays_queued_and_the_others_go(
    settings, django_capture_on_commit_callbacks
):
    settings.DELIVERY_EMAIL_BACKEND = "tests.core.test_mail_batch.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        get_connection().send_messages(messages("a@voorbeeld.be", "refused@voorbeeld.be"))

    assert [message.to for message in mail.outbox] == [["a@voorbeeld.be"]]
    left = QueuedEmail.objects.get()
    assert left.message["to"] == ["refused@voorbeeld.be"]
    assert left.attempts == 1 and left.last_error == "SMTPRecipientsRefused"


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.usefixtures("queued_backend")
def test_with_the_database_queue_the_task_is_written_in_the_mails_transaction(
    settings, django_capture_on_commit_callbacks
):
    """Production's TASKS_BACKEND=database: the task row commits or rolls back with the
    message; nothing is left for after the commit."""
    settings.TASKS = DATABASE_TASKS

    class Abandoned(Exception):
        pass

    with pytest.raises(Abandoned), transaction.atomic():
        get_connection().send_messages(messages("a@voorbeeld.be"))
        raise Abandoned
    assert not QueuedEmail.objects.exists() and not DBTaskResult.objects.exists()

    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        get_connection().send_messages(messages("a@voorbeeld.be", "b@voorbeeld.be"))

    assert callbacks == []
    task = DBTaskResult.objects.get()
    assert task.task_path == "core.mail.deliver_queued_emails"
    assert sorted(task.args_kwargs["args"][0]) == sorted(
        QueuedEmail.objects.values_list("pk", flat=True)
    )
    assert mail.outbox == []  # the worker delivers, not the request
