"""Who reads the access trail, and a request's change history as the trail pages show it.

- The loket reads the records of its own region's requests (support, and supervision of the
  locations: seed 000 art. 2 §7, art. 4 §4).
- The data protection officer (core.roles.DATA_PROTECTION_OFFICER) reads every region's
  records, and never request content: the trail holds field names, not values, and the
  change history below shows which fields changed, never to what.
- Superusers read everything; nobody else reads any of it.

The change history comes from django-simple-history (the request and its rows); reads are
`AccessRecord`s written by `trail.record_access`.
"""

from django.db.models import F
from wagtail.permission_policies.base import BasePermissionPolicy

from core.roles import DATA_PROTECTION_OFFICER, has_role
from opvanglocaties.permissions import is_loket, loket_regions

from .models import AccessRecord, ChildcareRequest, RequestedLocation

# Bookkeeping columns of a historical row: never a change worth listing.
UNLISTED_FIELDS = {"id", "updated_at", "created_at", "idempotency_token", "access_key"}
CHANGES_SHOWN = 200


def reads_every_region(user):
    """The officer and superusers read the trail of every region."""
    return user.is_active and (user.is_superuser or has_role(user, DATA_PROTECTION_OFFICER))


def may_read_trail(user):
    """Whether `user` has any trail to read (the officer, a loket, a superuser)."""
    return reads_every_region(user) or (user.is_active and is_loket(user))


def requests_for(user):
    """The requests whose trail and changes `user` may read."""
    if reads_every_region(user):
        return ChildcareRequest.objects.all()
    if not user.is_active:
        return ChildcareRequest.objects.none()
    return ChildcareRequest.objects.filter(region__in=loket_regions(user).values("pk"))


def records_for(user):
    """The access records `user` may read, newest first, with the request's reference only
    (no other column of the request is read)."""
    if reads_every_region(user):
        records = AccessRecord.objects.all()
    elif user.is_active:
        records = AccessRecord.objects.filter(request__region__in=loket_regions(user).values("pk"))
    else:
        records = AccessRecord.objects.none()
    return records.annotate(request_reference=F("request__reference")).order_by(
        "-accessed_at", "-pk"
    )


class AccessRecordPermissionPolicy(BasePermissionPolicy):
    """View only: the officer and superusers every record, a loket its region's."""

    def __init__(self):
        super().__init__(AccessRecord)

    def user_has_permission(self, user, action):
        return action == "view" and may_read_trail(user)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and may_read_trail(user)

    def users_with_any_permission(self, actions):
        raise NotImplementedError

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and records_for(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        return records_for(user) if "view" in actions else AccessRecord.objects.none()


class Change:
    """One saved change of a request or one of its rows: when, by whom, which fields."""

    def __init__(self, at, username, what, kind, fields):
        self.at = at
        self.username = username
        self.what = what
        self.kind = kind
        self.fields = fields


def _tracked_fields(model):
    return [
        field
        for field in model.history.model._meta.concrete_fields
        if not field.name.startswith("history_") and field.name not in UNLISTED_FIELDS
    ]


def _changes(history_rows, fields, describe):
    """Changes from a model's history rows (oldest first, grouped per object): the labels of
    the fields that differ from the object's previous row; values are compared, never kept."""
    previous = {}
    changes = []
    for row in history_rows:
        before = previous.get(row.id)
        if before is None:
            changed = []
        else:
            changed = [
                str(field.verbose_name)
                for field in fields
                if getattr(row, field.attname) != getattr(before, field.attname)
            ]
        previous[row.id] = row
        if before is not None and not changed and row.history_type == "~":
            continue  # a save that changed only bookkeeping
        user = row.history_user
        changes.append(
            Change(
                row.history_date,
                user.get_username() if user is not None else "",
                describe(row),
                row.get_history_type_display(),
                changed,
            )
        )
    return changes


def changes_for(filed):
    """Who changed what on a request and its rows, and when: newest first, field names only.

    Three queries whatever the length of the history (the request's, its rows', their users
    joined in).
    """
    request_fields = _tracked_fields(ChildcareRequest)
    row_fields = _tracked_fields(RequestedLocation)
    request_rows = (
        ChildcareRequest.history.filter(id=filed.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    location_rows = (
        RequestedLocation.history.filter(request_id=filed.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    changes = _changes(request_rows, request_fields, lambda row: str(filed.reference))
    changes += _changes(location_rows, row_fields, lambda row: row.location_title)
    changes.sort(key=lambda change: change.at, reverse=True)
    return changes[:CHANGES_SHOWN]
