"""Ask parents whether they still need care and expire the requests nobody confirmed in time
(aanvraagformulier.confirmations). Run daily by opvangpunt-prompt-confirmations.timer;
idempotent and safe to run concurrently.
"""

from django.core.management.base import BaseCommand

from aanvraagformulier import confirmations


class Command(BaseCommand):
    help = "Ask parents to confirm their need for care; expire requests without an answer."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="print what would happen, change nothing"
        )

    def handle(self, *args, dry_run=False, **options):
        outcome = confirmations.run(dry_run=dry_run, report=self.stdout.write)
        if dry_run:
            self.stdout.write(
                f"dry run: {outcome.prompted} parents would be asked, "
                f"{outcome.expired} requests would expire; nothing changed"
            )
        else:
            self.stdout.write(
                f"{outcome.prompted} parents asked to confirm, {outcome.expired} requests expired"
            )
