"""Which requested locations a user may see at all: the one place every back-office view asks.

Two ways into a row:

- the user serves its location: Wagtail page permissions over the organiser folders and the
  location fiches (the staff who may change a fiche handle its requests);
- the user is the loket of the request's region (support for the parents of that region).

`rows_for(user)` combines both. Lists, detail views, exports, mails and APIs start from it,
so nobody sees a row that is not theirs (the views answer 404, never data). What a visible
row shows is `aanvraagformulier.visibility`'s question.
"""

from django.db.models import Q
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.roles import DATA_PROTECTION_OFFICER, has_role, remembered
from opvanglocaties.models import LocationPage
from opvanglocaties.permissions import is_loket, loket_regions

from .models import RequestedLocation


def served_locations(user):
    """The fiches `user` serves: those they may change (page permissions, inherited)."""
    if not user.is_active:
        return LocationPage.objects.none()
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return LocationPage.objects.filter(pk__in=pages.values("pk"))


def is_loket_for(user, row):
    """Whether `user` is the loket of the region the row's request was filed in."""
    region_id = row.request.region_id
    return region_id is not None and loket_regions(user).filter(pk=region_id).exists()


def rows_for(user):
    """Every requested location `user` may see: of locations they serve, or of requests
    filed in a region whose loket they are. Empty for inactive users."""
    if not user.is_active:
        return RequestedLocation.objects.none()
    return RequestedLocation.objects.filter(
        Q(location__in=served_locations(user).values("pk"))
        | Q(region__in=loket_regions(user).values("pk"))
    )


def serves_locations(user):
    """Whether `user` serves at least one fiche (asked once per request's user)."""
    return remembered(user, "serves_locations", lambda: served_locations(user).exists())


def has_back_office(user):
    """Whether `user` has any way into the request lists (serves a fiche or is a loket)."""
    return user.is_active and (serves_locations(user) or is_loket(user))


class Viewer:
    """The capacity in which a user looks at a row (visibility keys its matrix on it)."""

    LOCATION = "location"
    LOKET = "loket"
    DATA_PROTECTION_OFFICER = "dpo"
    ALL = (LOCATION, LOKET, DATA_PROTECTION_OFFICER)


class Scope:
    """One user's way into the rows, read once (two queries at most) for a whole list."""

    def __init__(self, user):
        self.user = user
        self._loket = None
        self._served = None

    @property
    def loket_region_ids(self):
        if self._loket is None:
            self._loket = frozenset(loket_regions(self.user).values_list("pk", flat=True))
        return self._loket

    @property
    def served_location_ids(self):
        if self._served is None:
            self._served = frozenset(served_locations(self.user).values_list("pk", flat=True))
        return self._served

    def row_parts(self):
        """`rows_for(user)` as two disjoint querysets built from what the scope has read:
        (rows of the loket's regions, rows of served fiches outside those regions), None
        for a way in the user does not have. Neither part needs an OR of the two scopes,
        which makes SQLite read every row; the first is one range of the (region, status,
        due_date) index."""
        if not self.user.is_active:
            return None, None
        rows = RequestedLocation.objects.all()
        regions = sorted(self.loket_region_ids)
        region_part = rows.filter(region__in=regions) if regions else None
        served_part = None
        if self.served_location_ids:
            served_part = rows.filter(location__in=served_locations(self.user).values("pk"))
            if regions:
                # Django's exclude keeps the rows without a region (NULL) too.
                served_part = served_part.exclude(region__in=regions)
        return region_part, served_part

    def rows(self):
        """`rows_for(user)` from what the scope has read, with no OR when the user has one
        way in (a loket's list is then one index range)."""
        region_part, served_part = self.row_parts()
        if region_part is None and served_part is None:
            return RequestedLocation.objects.none()
        if served_part is None:
            return region_part
        if region_part is None:
            return served_part
        return RequestedLocation.objects.filter(
            Q(region__in=sorted(self.loket_region_ids))
            | Q(location__in=served_locations(self.user).values("pk"))
        )

    def viewer(self, row):
        """LOKET, LOCATION, DATA_PROTECTION_OFFICER or None for `row` (a loket that also
        edits the fiche looks as the loket: it is there for support)."""
        if not self.user.is_active:
            return None
        if row.request.region_id in self.loket_region_ids:
            return Viewer.LOKET
        if row.location_id is not None and row.location_id in self.served_location_ids:
            return Viewer.LOCATION
        if has_role(self.user, DATA_PROTECTION_OFFICER):
            return Viewer.DATA_PROTECTION_OFFICER
        return None
