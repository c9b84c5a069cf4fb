"""Admin registration of the request list, the access trail, the officer's registers and
their permission policies (Wagtail 8)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from .dpo.views import BreachViewSet, OfficerOnlyPolicy, is_officer, processing_register
from .message_templates import MessageTemplatePermissionPolicy, MessageTemplateViewSet
from .models import AccessRecord, Breach, MessageTemplate, RequestedLocation
from .permissions import RequestedLocationPermissionPolicy
from .stale_panel import StaleProposalsPanel
from .trail_access import AccessRecordPermissionPolicy
from .trail_views import AccessTrailViewSet
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


# The access trail (trail_views): the loket's region, the data protection officer's all.
register_permission_policy(AccessRecord, AccessRecordPermissionPolicy())


@hooks.register("register_admin_viewset")
def register_trail():
    return AccessTrailViewSet()


# The data protection officer's registers (dpo/).
register_permission_policy(Breach, OfficerOnlyPolicy(Breach))


@hooks.register("register_admin_viewset")
def register_breaches():
    return BreachViewSet()


@hooks.register("register_admin_urls")
def register_processing_register():
    return [
        path(
            "verwerkingsregister/",
            processing_register,
            name="aanvraagformulier_processing_register",
        )
    ]


class OfficerMenuItem(MenuItem):
    def is_shown(self, request):
        return is_officer(request.user)


@hooks.register("register_admin_menu_item")
def processing_register_menu_item():
    return OfficerMenuItem(
        gettext_lazy("Processing register"),
        reverse("aanvraagformulier_processing_register"),
        icon_name="doc-full",
        order=208,
    )
