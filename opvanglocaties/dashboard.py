"""What the admin shows providers and the loket about their fiches' availability (issue 14.13).

Providers get their fiches with the last confirmation and the availability, oldest
confirmation first; the loket gets every fiche of its region(s) in that order, with the last
reminder. Each list is a fixed number of queries whatever the number of fiches: the fiches
with their availability rows (prefetched), the regions (to judge freshness by each fiche's
own region, from its path), and the last reminder as a subquery.
"""

import dataclasses
import datetime

from django.db.models import F, OuterRef, Subquery
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.roles import PROVIDER_ROLES, group_names

from . import freshness
from .models import AvailabilityReminder, LocationPage, Region
from .panels import LICENCE_PERMISSION
from .permissions import loket_regions
from .presenters import availability_texts, confirmed_text
from .reminding import stale_fiches


def is_loket(user):
    """Whether `user` keeps fiches as the loket (or an administrator)."""
    return user.is_active and (user.is_superuser or user.has_perm(LICENCE_PERMISSION))


def is_provider(user):
    """Whether `user` is a provider: a location or location group account, not the loket."""
    return (
        user.is_active and not is_loket(user) and not group_names(user).isdisjoint(PROVIDER_ROLES)
    )


def _by_confirmation(queryset):
    # Never confirmed first, then the oldest confirmation: what needs attention on top.
    return queryset.order_by(
        F("availability_confirmed_on").asc(nulls_first=True), "title", "pk"
    ).prefetch_related("availability")


def provider_fiches(user):
    """The fiches `user` may edit, oldest confirmation first (their availability prefetched)."""
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return _by_confirmation(LocationPage.objects.filter(pk__in=editable.values("pk")))


def loket_fiches(user):
    """The live fiches on the websites of the regions `user` is loket of, oldest confirmation
    first, each with the time of its last availability reminder (`last_reminded_at`)."""
    fiches = LocationPage.objects.none()
    for region in loket_regions(user).filter(site__isnull=False).select_related("site__root_page"):
        fiches |= LocationPage.objects.live().descendant_of(region.site.root_page)
    last_reminder = (
        AvailabilityReminder.objects.filter(page=OuterRef("pk"))
        .order_by("-sent_at")
        .values("sent_at")[:1]
    )
    return _by_confirmation(fiches.annotate(last_reminded_at=Subquery(last_reminder)))


def loket_stale_count(user, today=None):
    """How many live fiches of `user`'s loket regions have unconfirmed availability (a count
    query per region)."""
    regions = loket_regions(user).filter(site__isnull=False).select_related("site__root_page")
    return sum(stale_fiches(region, today).count() for region in regions)


@dataclasses.dataclass(frozen=True)
class FicheRow:
    """One fiche in an admin list: its availability and how fresh it is."""

    page: LocationPage
    availability: tuple  # of presenters.AvailabilityText
    confirmed: str  # "confirmed on ...", "not confirmed since ...", or ""
    current: bool
    days_unconfirmed: int | None
    last_reminded_at: datetime.datetime | None


class Freshness:
    """The freshness cut-off of each fiche's own region, found from the fiche's path."""

    def __init__(self, today=None):
        self.today = today
        regions = Region.objects.filter(site__isnull=False).select_related("site__root_page")
        self.cutoffs = [
            (region.site.root_page.path, freshness.stale_before(region, today))
            for region in regions
        ]
        self.default = freshness.stale_before(None, today)

    def cutoff(self, page):
        for path, cutoff in self.cutoffs:
            if page.path.startswith(path):
                return cutoff
        return self.default

    def row(self, page):
        current = freshness.is_current(page.availability_confirmed_on, self.cutoff(page))
        return FicheRow(
            page=page,
            availability=availability_texts(page, current),
            confirmed=confirmed_text(page, current),
            current=current,
            days_unconfirmed=freshness.days_unconfirmed(page.availability_confirmed_on, self.today),
            last_reminded_at=getattr(page, "last_reminded_at", None),
        )


def fiche_rows(pages, today=None):
    """The `FicheRow`s of `pages` (fetched by `provider_fiches` or `loket_fiches`)."""
    judge = Freshness(today)
    return [judge.row(page) for page in pages]
