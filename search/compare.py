"""The compare list: up to four fiches, kept in the session and carried in the URL."""

from django.conf import settings
from django.utils.translation import gettext as _

from opvanglocaties.ids import parse_location_ids

SESSION_KEY = "compare"


def max_locations():
    """How many locations a parent may compare (and ask for in one request)."""
    return settings.OPVANGPUNT_MAX_COMPARE


# The request form reads the same "?locaties=12,34", so the rule lives below both apps.
parse_ids = parse_location_ids


def limit(ids):
    """The ids that fit in the compare list, and whether some were dropped."""
    allowed = max_locations()
    return ids[:allowed], len(ids) > allowed


def over_limit_message():
    """What a parent reads when a list held more locations than may be compared."""
    return _("You can compare at most %(count)d locations; the others were left out.") % {
        "count": max_locations()
    }


def stored(session):
    """The ids in the session's compare list."""
    return parse_ids(session.get(SESSION_KEY, []))


def store(session, ids):
    """Keep `ids` as the session's compare list (untouched when it already holds them)."""
    ids = list(ids)
    # Writing only on change spares a session save on every view of the compare page.
    if session.get(SESSION_KEY) != ids:
        session[SESSION_KEY] = ids


def as_param(ids):
    """The URL value for a list of ids: "12,34,56"."""
    return ",".join(str(pk) for pk in ids)
