"""Admin registration of the request list, the access trail and their permission policies
(Wagtail 8)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import AccessRecord, RequestedLocation
from .permissions import RequestedLocationPermissionPolicy
from .trail_access import AccessRecordPermissionPolicy
from .trail_views import AccessTrailViewSet
from .viewsets import RequestedLocationViewSet

register_permission_policy(RequestedLocation, RequestedLocationPermissionPolicy())


@hooks.register("register_admin_viewset")
def register_requests():
    return RequestedLocationViewSet()


# The access trail (trail_views): the loket's region, the data protection officer's all.
register_permission_policy(AccessRecord, AccessRecordPermissionPolicy())


@hooks.register("register_admin_viewset")
def register_trail():
    return AccessTrailViewSet()
