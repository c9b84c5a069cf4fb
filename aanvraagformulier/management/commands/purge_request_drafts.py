"""Delete forms in progress nobody touched for OPVANGPUNT_REQUEST_DRAFT_DAYS days.

They hold a parent's answers (encrypted); a form left behind is not kept longer than a parent
would reasonably come back to it. Run daily from the same timer as the other jobs.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from aanvraagformulier.models import RequestDraft


class Command(BaseCommand):
    help = "Delete request forms in progress that were not changed for a while."

    def handle(self, *args, **options):
        cutoff = timezone.now() - datetime.timedelta(days=settings.OPVANGPUNT_REQUEST_DRAFT_DAYS)
        deleted, _per_model = RequestDraft.objects.filter(updated_at__lt=cutoff).delete()
        self.stdout.write(f"{deleted} forms in progress deleted")
