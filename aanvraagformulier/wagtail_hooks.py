"""Admin registration of the request list, the emergency list and their permission policies
(Wagtail 8)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .emergency.permissions import EmergencyEntryPermissionPolicy
from .emergency.viewsets import EmergencyListViewSet
from .models import EmergencyEntry, RequestedLocation
from .permissions import RequestedLocationPermissionPolicy
from .viewsets import RequestedLocationViewSet

register_permission_policy(RequestedLocation, RequestedLocationPermissionPolicy())
register_permission_policy(EmergencyEntry, EmergencyEntryPermissionPolicy())


@hooks.register("register_admin_viewset")
def register_requests():
    return RequestedLocationViewSet()


@hooks.register("register_admin_viewset")
def register_emergency_list():
    return EmergencyListViewSet()
