"""Permission policies that scope the loket's admin views to its own region(s).

The model permissions (change an organiser, a region) come from the Loket role; which rows
they apply to comes from the region's loket group (`permissions.loket_regions`). Registered
with Wagtail in `apps.py` (before any view asks for the model's policy), and used by the
viewsets' index, edit, delete and other per-object views (`viewsets.py`).
"""

from wagtail.permission_policies import ModelPermissionPolicy

from .models import Organiser, Region
from .permissions import loket_regions, organisers_served_by


class ScopedPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, applied only to the rows `scope(user)` returns."""

    def scope(self, user):
        raise NotImplementedError

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scope(user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return (
            self.user_has_any_permission(user, actions)
            and self.scope(user).filter(pk=instance.pk).exists()
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)


class OrganiserPermissionPolicy(ScopedPermissionPolicy):
    """A loket keeps the organisers of its region (and those in no region yet)."""

    def scope(self, user):
        return organisers_served_by(user)


class RegionPermissionPolicy(ScopedPermissionPolicy):
    """A loket keeps its own region's settings, no other region's."""

    def scope(self, user):
        return loket_regions(user)


organiser_policy = OrganiserPermissionPolicy(Organiser)
region_policy = RegionPermissionPolicy(Region)
