"""Who may see which requested locations in the admin (the minimal list of issue 11).

Who sees which row is `scoping.rows_for` (the fiches a user may change, and the loket's
regions); this module only wraps it in the permission policy Wagtail 8 asks for.
"""

from wagtail.permission_policies.base import BasePermissionPolicy

from .models import RequestedLocation
from .scoping import has_back_office, rows_for


class RequestedLocationPermissionPolicy(BasePermissionPolicy):
    """View only, for users who serve at least one fiche or a region's loket."""

    def __init__(self):
        super().__init__(RequestedLocation)

    def user_has_permission(self, user, action):
        return action == "view" and has_back_office(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        raise NotImplementedError

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and rows_for(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        return rows_for(user) if "view" in actions else RequestedLocation.objects.none()
