"""Which of a request's fields a user may see on a row: the one visibility policy.

Every back-office display, export, mail and API asks `visible_fields()` (or `for_row()`)
and shows nothing else. The default matrix follows design.md (seed 002, method 1: more as
the chance of a place grows):

- always: first name, priority rules, care plan, child's birth month, postcode (BASIC);
- from "accepted for review" through "approved" and "enrolled": last name, email, phone
  (CONTACT); not after "no place", "not approved", "withdrawn", "expired", "place found
  elsewhere" (the parent accepted another location's offer), "offer declined" (the parent
  declined this location's offer) or "no longer current" (the loket closed the request);
- only at "approved" and "enrolled": full address, national number, income indicator (FULL);
- once a closed request is past its region's intermediate period (`retention_reduced_at`),
  at most REDUCED: no name or contact data for anyone (retention.py).

The loket sees BASIC and CONTACT at every status: it answers the parent's calls and contacts
emergency-list families (seed 000 art. 3 §1 e); never the national number, the address or
the income. The data protection officer sees no request data, only the access trail.

A region overrides cells in settings.OPVANGPUNT_REQUEST_VISIBILITY, keyed by region slug:
    {"gent": {"location": {"accepted_for_review": ["basic", "contact", "address"]}}}
Each cell is a list of field names or group names ("basic", "contact", "full"). The region
is the request's (the form the parent filed on, under that city's privacy statement). This
module is the only reader of that setting.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .models import CarePart, RequestStatus
from .scoping import Viewer

# The fields as the back-office shows them, in display order, with their labels.
FIELD_LABELS = {
    "parent_first_name": _("first name"),
    "priority_rules": _("priority rules declared"),
    "care_plan": _("care plan"),
    "child_birth_month": _("child's birth month"),
    "postcode": _("postcode"),
    "parent_last_name": _("last name"),
    "email": _("email"),
    "phone": _("phone"),
    "address": _("address"),
    "national_number": _("national register number"),
    "income_indicator": _("income indicator"),
}
FIELDS = tuple(FIELD_LABELS)

BASIC = frozenset(
    {"parent_first_name", "priority_rules", "care_plan", "child_birth_month", "postcode"}
)
CONTACT = frozenset({"parent_last_name", "email", "phone"})
FULL = frozenset({"address", "national_number", "income_indicator"})
NOTHING = frozenset()
# A closed request past its region's intermediate period (retention.reduce_closed): no name,
# no contact, for every viewer and whatever the region's matrix says (seed 002, method 1:
# "after a time x, the data is no longer shown").
REDUCED = BASIC - {"parent_first_name"}
GROUPS = {"basic": BASIC, "contact": CONTACT, "full": FULL}

S = RequestStatus
LOCATION_MATRIX = {
    S.NEW: BASIC,
    S.NO_PLACE: BASIC,
    S.ACCEPTED_FOR_REVIEW: BASIC | CONTACT,
    S.APPROVED: BASIC | CONTACT | FULL,
    S.ENROLLED: BASIC | CONTACT | FULL,
    S.NOT_APPROVED: BASIC,
    S.WITHDRAWN: BASIC,
    S.EXPIRED: BASIC,
    S.PLACE_ELSEWHERE: BASIC,
    S.OFFER_DECLINED: BASIC,
    S.NO_LONGER_CURRENT: BASIC,
}
DEFAULT_MATRIX = {
    Viewer.LOCATION: LOCATION_MATRIX,
    Viewer.LOKET: {status: BASIC | CONTACT for status in RequestStatus.values},
    Viewer.DATA_PROTECTION_OFFICER: {status: NOTHING for status in RequestStatus.values},
}


def _expand(names, where):
    fields = set()
    for name in names:
        if name in GROUPS:
            fields |= GROUPS[name]
        elif name in FIELD_LABELS:
            fields.add(name)
        else:
            raise ImproperlyConfigured(f"OPVANGPUNT_REQUEST_VISIBILITY{where}: unknown {name!r}")
    return frozenset(fields)


def _override(region_slug, viewer, status):
    """The region's cell for (viewer, status), or None when the default applies."""
    regions = getattr(settings, "OPVANGPUNT_REQUEST_VISIBILITY", {}) or {}
    cell = regions.get(region_slug, {}).get(viewer, {}).get(str(status))
    if cell is None:
        return None
    if viewer == Viewer.DATA_PROTECTION_OFFICER and cell:
        # The officer audits; request data is never theirs to read (design.md).
        raise ImproperlyConfigured("OPVANGPUNT_REQUEST_VISIBILITY: the officer sees no fields")
    return _expand(cell, f"[{region_slug!r}][{viewer!r}][{str(status)!r}]")


def visible_fields(viewer, status, region_slug=None):
    """The field names `viewer` ("location", "loket", "dpo" or None) sees at `status`."""
    if viewer is None:
        return NOTHING
    if region_slug:
        cell = _override(region_slug, viewer, status)
        if cell is not None:
            return cell
    return DEFAULT_MATRIX[viewer].get(str(status), NOTHING)


def for_row(scope, row):
    """The fields the scope's user sees on `row` (a RequestedLocation with its request and
    the request's region loaded)."""
    region = row.request.region
    fields = visible_fields(scope.viewer(row), row.status, region.slug if region else None)
    if row.request.retention_reduced_at is not None:
        fields &= REDUCED
    return fields


def ordered(fields):
    """`fields` in display order."""
    return [name for name in FIELDS if name in fields]


WEEKDAYS = (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"))
CARE_PART_LABELS = dict(CarePart.choices)  # "full" -> "volle dag" in the user's language


def field_value(filed, name):
    """The text of field `name` of request `filed`, as the back-office shows it. Call only
    with a name `visible_fields` granted."""
    if name == "parent_first_name":
        return filed.parent_first_name
    if name == "priority_rules":
        return ", ".join(filed.priority_rule_codes)
    if name == "care_plan":
        days = ", ".join(
            f"{WEEKDAYS[int(day)]} {CARE_PART_LABELS.get(part, part)}"
            for day, part in sorted(filed.care_parts.items())
        )
        start = filed.start_date.strftime("%d/%m/%Y")
        return f"{start}: {days}" if days else start
    if name == "child_birth_month":
        return filed.child_birth_date.strftime("%m/%Y")
    if name == "postcode":
        return filed.postcode
    if name == "address":
        return f"{filed.street} {filed.house_number}, {filed.postcode}".strip()
    if name == "income_indicator":
        return filed.get_income_indicator_display()
    return getattr(filed, name)
