"""Whether a fiche's availability is still current: the one rule every page and list uses.

A provider confirms its availability (saving changed availability rows, or the one-click
"nothing changed" in the admin: `opvanglocaties.confirmation`). Availability confirmed longer
ago than the region's freshness period (`Region.availability_fresh_days`, default 30 days,
issue 14) is shown as unconfirmed on the fiche, the card, compare and the map, and counts as
unknown in the search's availability filter and facet.

The rule depends on today's date, so it is worked out from a *cut-off date*
(`stale_before()`), computed once per request and passed to whatever draws or filters fiches:
a cache of rendered cards or results can put that date in its key.

Which region's period applies: the region of the site the parent is on (the search, the
lists, compare) or the fiche's own site (the fiche page, the reminders, the admin). They are
the same region except for a buurgemeente's fiche shown on a neighbouring region's search.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

DEFAULT_FRESH_DAYS = 30


def fresh_days(region):
    """The region's freshness period in days (the default without a region)."""
    return region.availability_fresh_days if region is not None else DEFAULT_FRESH_DAYS


def stale_before(region, today=None):
    """The cut-off: availability confirmed before this date is no longer current."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=fresh_days(region))


def is_current(confirmed_on, cutoff):
    """Whether availability confirmed on `confirmed_on` (a date or None) is still current."""
    return confirmed_on is not None and confirmed_on >= cutoff


def current_q(cutoff, prefix=""):
    """The fiches whose availability is current, as a filter (`prefix` for a relation)."""
    return Q(**{f"{prefix}availability_confirmed_on__gte": cutoff})


def days_unconfirmed(confirmed_on, today=None):
    """How many days ago the availability was confirmed (None when it never was)."""
    if confirmed_on is None:
        return None
    return ((today or timezone.localdate()) - confirmed_on).days
