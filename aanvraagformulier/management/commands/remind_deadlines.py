"""Reminders to locations (aanvraagformulier.reminders): today's mail about requests due
soon or overdue, or with --monthly-digest this month's "review your list" mail. Run daily
(and monthly with --monthly-digest) by the systemd timers; idempotent and safe to run
concurrently: a location gets one mail per day, one digest per month.
"""

from django.core.management.base import BaseCommand

from aanvraagformulier import reminders


class Command(BaseCommand):
    help = "Mail locations about requests due soon or overdue, or their monthly review digest."

    def add_arguments(self, parser):
        parser.add_argument(
            "--monthly-digest",
            action="store_true",
            help='send the monthly "review your list" digest instead of the deadline reminder',
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="print what would be sent, send nothing"
        )

    def handle(self, *args, monthly_digest=False, dry_run=False, **options):
        send = (
            reminders.send_review_digests if monthly_digest else reminders.send_deadline_reminders
        )
        outcome = send(dry_run=dry_run)
        for line in outcome.lines:
            self.stdout.write(line)
        what = "review digests" if monthly_digest else "deadline reminders"
        verb = "would be sent (dry run, nothing sent)" if dry_run else "sent"
        self.stdout.write(
            f"{what}: {outcome.sent} locations, {outcome.mails} mails {verb}; "
            f"{outcome.skipped} locations already reminded"
        )
