"""Remind the staff of fiches whose availability is no longer confirmed (issue 13.1).

Daily from a systemd timer (deploy/systemd/opvangpunt-remind-stale-fiches.timer). Per region
with a website, every live fiche on it whose availability is older than the region's
freshness period gets one reminder per period (`opvanglocaties.reminding`). Idempotent: a
second run, or two at once, sends nothing more (a unique row per fiche and period). With
`--dry-run` it prints what it would send and changes nothing.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from opvanglocaties import reminding


class Command(BaseCommand):
    help = "Remind the staff of fiches whose availability is not confirmed (once per period)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be sent; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        today = timezone.localdate()
        sent = skipped = 0
        for region in reminding.regions_with_sites():
            fiches = reminding.stale_fiches(region, today).select_related("organiser")
            for page in fiches.order_by("pk").iterator(chunk_size=500):
                item = reminding.due(page, region, today)
                if item is None:
                    continue
                if reminding.already_sent(item) is not None:
                    skipped += 1
                    continue
                if dry_run:
                    self.stdout.write(
                        f"would remind: {region.name}: {page.title} (id {page.pk}), "
                        f"confirmed {page.availability_confirmed_on or 'never'}, "
                        f"period {item.period}"
                    )
                    sent += 1
                    continue
                if reminding.send(item, region) is None:
                    skipped += 1  # another run got there first
                else:
                    sent += 1
        verb = "would send" if dry_run else "sent"
        self.stdout.write(f"{sent} reminders {verb}, {skipped} already sent")
