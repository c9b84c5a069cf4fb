"""Admin registration of the minimal request list and its permission policy (Wagtail 8)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .message_templates import MessageTemplatePermissionPolicy, MessageTemplateViewSet
from .models import MessageTemplate, RequestedLocation
from .permissions import RequestedLocationPermissionPolicy
from .stale_panel import StaleProposalsPanel
from .viewsets import RequestedLocationViewSet

register_permission_policy(RequestedLocation, RequestedLocationPermissionPolicy())
register_permission_policy(MessageTemplate, MessageTemplatePermissionPolicy())


@hooks.register("register_admin_viewset")
def register_requests():
    return RequestedLocationViewSet()


@hooks.register("register_admin_viewset")
def register_message_templates():
    return MessageTemplateViewSet()


@hooks.register("construct_homepage_panels")
def add_stale_proposals(request, panels):
    # The panel shows itself only when the user's loket regions have proposals waiting.
    panels.append(StaleProposalsPanel())
