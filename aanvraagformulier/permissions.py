"""Who may see which requested locations in the admin (the minimal list of issue 11).

A user sees the rows of the fiches they may change: their organiser's folder, their own
location, or (the loket) every fiche of their region's location index. Wagtail's own page
permissions answer that, so this list can never show more than the fiche editor would.
Read-only: handling requests (status changes, the full visibility policy) is issue 12.
"""

from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from opvanglocaties.models import LocationPage

from .models import RequestedLocation


def changeable_fiches(user):
    """The fiches `user` may change (Wagtail page permissions, inherited down the tree)."""
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return LocationPage.objects.filter(pk__in=pages.values("pk"))


def visible_rows(user):
    """The requested locations `user` may see in the admin list."""
    if not user.is_active:
        return RequestedLocation.objects.none()
    return RequestedLocation.objects.filter(location__in=changeable_fiches(user).values("pk"))


class RequestedLocationPermissionPolicy(BasePermissionPolicy):
    """View only, for users who may change at least one fiche."""

    def __init__(self):
        super().__init__(RequestedLocation)

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and changeable_fiches(user).exists()

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        raise NotImplementedError

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and visible_rows(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        return visible_rows(user) if "view" in actions else RequestedLocation.objects.none()
