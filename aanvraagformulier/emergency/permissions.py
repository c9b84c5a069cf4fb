"""Who may use the emergency list: the loket of a region, for that region's requests.

Which entries a loket sees is `services.entries_for` (its regions); this only wraps that in
the permission policy Wagtail 8 asks for. Nobody adds, edits or deletes entries through the
generic views: the list's own views (views.py) flag, record contacts and propose.
"""

from wagtail.permission_policies.base import BasePermissionPolicy

from opvanglocaties.permissions import is_loket

from ..models import EmergencyEntry
from .services import entries_for


class EmergencyEntryPermissionPolicy(BasePermissionPolicy):
    """View only, for users who are the loket of at least one region."""

    def __init__(self):
        super().__init__(EmergencyEntry)

    def user_has_permission(self, user, action):
        return action == "view" and is_loket(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        raise NotImplementedError

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and entries_for(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        return entries_for(user) if "view" in actions else EmergencyEntry.objects.none()
