"""A provider confirms that its fiche's availability is still correct ("nothing changed").

Issue 14: parents must be able to trust the free places a fiche shows, so each fiche carries
the date its availability was last confirmed (`opvanglocaties.freshness`). Saving changed
availability rows confirms it (`forms.LocationPageForm`); this is the one-click confirmation
for when nothing changed. It changes only that date: no new revision to publish or moderate,
because nothing a parent reads changed but the date, and a provider of a moderated region
would otherwise wait for the loket to approve "still true". The page history keeps the
confirmation (who, when).
"""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from core import cache

from .models import LocationPage

LOG_ACTION = "opvangpunt.availability_confirmed"


def may_confirm(user, page):
    """Whether `user` may confirm `page`'s availability: a fiche they may edit."""
    return isinstance(page, LocationPage) and page.permissions_for_user(user).can_edit()


@transaction.atomic
def confirm_availability(page, user, today=None):
    """Mark `page`'s availability confirmed today by `user`; returns the date.

    The live fiche gets the date; a draft waiting to be published gets it too, so publishing
    the draft later does not bring back the older date.
    """
    today = today or timezone.localdate()
    LocationPage.objects.filter(pk=page.pk).update(availability_confirmed_on=today)
    page.availability_confirmed_on = today
    revision = page.latest_revision
    if page.has_unpublished_changes and revision is not None:
        revision.content["availability_confirmed_on"] = today.isoformat()
        revision.save(update_fields=["content"])
    log(instance=page, action=LOG_ACTION, user=user, data={"confirmed_on": today.isoformat()})
    # The public pages show the date: cached copies must go (the page cache keys on a
    # generation that publishing bumps; this is no publication).
    transaction.on_commit(cache.invalidate)
    return today
