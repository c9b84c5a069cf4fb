"""The roles of the portal as Wagtail groups, in one place.

A role is a Django group made by a migration (opvanglocaties 0003, home 0004, aanvraagformulier
0002 and 0003); the names are what the admin shows, so they are Dutch. Per-organiser and
per-location staff groups sit on top of the provider roles (`opvanglocaties.permissions`).
"""

from django.contrib.auth.models import Group

LOKET = "Loket"
COMMUNICATION = "Communicatie"
FINAL_EDITORS = "Eindredactie"
LOCATION_GROUP = "Opvanglocatiegroep"
LOCATION = "Opvanglocatie"
# Social workers who file a request on a parent's behalf (aanvraagformulier migration 0002).
REFERRER = "Toeleider"
# The data protection officer: sees the access trail, never request data (aanvraagformulier
# migration 0003).
DATA_PROTECTION_OFFICER = "Functionaris gegevensbescherming"

ROLE_GROUPS = (
    LOKET,
    COMMUNICATION,
    FINAL_EDITORS,
    LOCATION_GROUP,
    LOCATION,
    REFERRER,
    DATA_PROTECTION_OFFICER,
)
# Every provider account has one of these: only a role gives access to the admin.
PROVIDER_ROLES = (LOCATION_GROUP, LOCATION)


def role_group(name):
    """The group of a role; the migrations made it, so a missing one is a broken install."""
    return Group.objects.get(name=name)


def remembered(user, key, compute):
    """`compute()` once per user object, kept on it under `key`.

    The admin asks the same questions of one user many times per page (each menu item and
    permission policy asks whether the user is a loket, serves a fiche, holds a role): about
    twenty queries for an empty page. The request's user is read afresh from the session on
    every request, so the answer lives as long as one request, as Django's own permission
    cache on the user object does (`ModelBackend._perm_cache`).
    """
    cache = user.__dict__.setdefault("_opvangpunt_answers", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def forget(user):
    """Drop what `remembered` kept on `user` (after changing their groups in one request)."""
    user.__dict__.pop("_opvangpunt_answers", None)


def group_names(user):
    """The names of `user`'s groups, read once per user object (`remembered`)."""
    return remembered(user, "groups", lambda: frozenset(user.groups.values_list("name", flat=True)))


def has_role(user, name):
    """Whether an active user belongs to the role's group (superusers hold every role)."""
    if not user.is_active:
        return False
    return user.is_superuser or name in group_names(user)
