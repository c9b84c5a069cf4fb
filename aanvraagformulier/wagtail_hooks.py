"""Admin registration of the minimal request list and its permission policy (Wagtail 8)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import RequestedLocation
from .permissions import RequestedLocationPermissionPolicy
from .viewsets import RequestedLocationViewSet

register_permission_policy(RequestedLocation, RequestedLocationPermissionPolicy())


@hooks.register("register_admin_viewset")
def register_requests():
    return RequestedLocationViewSet()
