"""Retention of requests (aanvraagformulier.retention): closed requests past their region's
period show less; requests closed for five years are anonymised, history, mail queue and
forms in progress included. Run daily by opvangpunt-apply-retention.timer; idempotent and
safe to run concurrently (docs/operations.md "Housekeeping").
"""

from django.core.management.base import BaseCommand

from aanvraagformulier import retention


class Command(BaseCommand):
    help = "Hide contact data of old closed requests and anonymise those past five years."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="count what would change, change nothing"
        )
        parser.add_argument("--batch-size", type=int, default=retention.BATCH_SIZE)

    def handle(self, *args, dry_run=False, batch_size=retention.BATCH_SIZE, **options):
        outcome = retention.apply(dry_run=dry_run, batch_size=max(batch_size, 1))
        if dry_run:
            self.stdout.write(
                f"dry run: {outcome.anonymised} requests would be anonymised, "
                f"{outcome.reduced} would show less; nothing changed"
            )
            return
        self.stdout.write(
            f"{outcome.anonymised} requests anonymised ({outcome.mails_dropped} queued mails and "
            f"{outcome.drafts_deleted} forms in progress deleted), {outcome.reduced} show less"
        )
