"""Mail goes out through a queue: a request never waits for, or fails on, the mail server.

`QueuedEmailBackend` is Django's EMAIL_BACKEND: it stores each message and enqueues a Django
task that hands it to the real backend (DELIVERY_EMAIL_BACKEND, SMTP in production). When the
mail server is down the message stays queued with a back-off; `send_queued_mail` (run by a
timer every minute) retries what is due. After MAX_ATTEMPTS the loket sees it in the logs.
"""

import datetime
import logging
import smtplib
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db import DatabaseBackend

from .models import QueuedEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
DELIVERY_ERRORS = (smtplib.SMTPException, OSError)


def serialise(message):
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
    }


def deserialise(data):
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    return message


def backoff(attempts):
    """Minutes to wait after a failed attempt: 1, 2, 4, ... at most an hour."""
    return datetime.timedelta(minutes=min(2 ** (attempts - 1), 60))


def deliver(queued, connection=None):
    """Try to hand one queued message to the mail server; True when it was accepted."""
    if not _hand_over(queued, connection):
        return False
    queued.delete()
    return True


def _hand_over(queued, connection=None):
    """Give one queued message to the mail server (`connection`, or a new one); on a refusal
    record the attempt and the back-off and return False. The row is not deleted here."""
    queued.attempts += 1
    try:
        connection = connection or get_connection(
            settings.DELIVERY_EMAIL_BACKEND, fail_silently=False
        )
        connection.send_messages([deserialise(queued.message)])
    except DELIVERY_ERRORS as error:
        queued.last_error = type(error).__name__
        queued.next_attempt_at = timezone.now() + backoff(queued.attempts)
        queued.save(update_fields=["attempts", "last_error", "next_attempt_at"])
        # The error type only: the message itself holds an address and a personal link.
        log = logger.error if queued.attempts >= MAX_ATTEMPTS else logger.warning
        log(
            "mail %s not delivered (attempt %s): %s",
            queued.pk,
            queued.attempts,
            queued.last_error,
        )
        return False
    return True


def deliver_many(queued_messages):
    """Deliver several queued messages over one connection to the mail server; the delivered
    ones are deleted with one query. Returns how many were delivered."""
    connection = get_connection(settings.DELIVERY_EMAIL_BACKEND, fail_silently=False)
    delivered = [queued.pk for queued in queued_messages if _hand_over(queued, connection)]
    if delivered:
        QueuedEmail.objects.filter(pk__in=delivered).delete()
    return len(delivered)


@task()
def deliver_queued_email(queued_id):
    """The task: deliver one queued message if it is still waiting."""
    queued = QueuedEmail.objects.filter(pk=queued_id).first()
    if queued is not None:
        deliver(queued)


@task()
def deliver_queued_emails(queued_ids):
    """The task: deliver the messages one send_messages() call queued, those still waiting
    (one query to read them, one to delete the delivered ones, however many there are)."""
    deliver_many(list(QueuedEmail.objects.filter(pk__in=queued_ids).order_by("pk")))


def send_due_mail(now=None):
    """Retry every queued message whose next attempt is due; returns (sent, still queued)."""
    now = now or timezone.now()
    sent = 0
    for queued in QueuedEmail.objects.filter(next_attempt_at__lte=now, attempts__lt=MAX_ATTEMPTS):
        sent += deliver(queued)
    return sent, QueuedEmail.objects.count()


class QueuedEmailBackend(BaseEmailBackend):
    """Stores messages and enqueues their delivery once the surrounding transaction commits.

    The messages of one send_messages() call are stored with one INSERT and delivered by one
    task: a request that mails a parent and several staff members pays for one row write and
    one delivery, not one per recipient.
    """

    def send_messages(self, email_messages):
        queued = QueuedEmail.objects.bulk_create(
            [QueuedEmail(message=serialise(message)) for message in email_messages]
        )
        if not queued:
            return 0
        ids = [row.pk for row in queued]
        if len(ids) == 1:
            enqueue = partial(deliver_queued_email.enqueue, ids[0])
        else:
            enqueue = partial(deliver_queued_emails.enqueue, ids)
        if queues_in_database(deliver_queued_emails):
            # The task is a row in this database: written in the same transaction as the
            # message, it commits or rolls back with it and no worker sees it earlier. One
            # write less after the commit (production's TASKS_BACKEND=database).
            enqueue()
        else:
            # Any other backend may run the task at once (immediate) or elsewhere: only after
            # the commit, or it would look for a message that is not there yet.
            transaction.on_commit(enqueue, robust=True)
        return len(ids)


def queues_in_database(task):
    """Whether `task`'s backend stores tasks as rows of our database (django-tasks-db)."""
    return isinstance(task.get_backend(), DatabaseBackend)
