"""Retry queued mail whose next attempt is due (run every minute by a timer)."""

from django.core.management.base import BaseCommand

from ...mail import send_due_mail


class Command(BaseCommand):
    help = "Deliver queued mail that could not be sent yet (mail server down)."

    def handle(self, *args, **options):
        sent, waiting = send_due_mail()
        self.stdout.write(f"{sent} sent, {waiting} still queued.")
