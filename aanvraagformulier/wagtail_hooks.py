"""Admin registration of the request list, the access trail, the officer's registers, the
emergency list, the figures and exports, and their permission policies (Wagtail 8)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from opvanglocaties.permissions import is_loket

from .dpo.views import (
    BreachViewSet,
    OfficerOnlyPolicy,
    is_officer,
    processing_register,
    retention_overview,
)
from .emergency.permissions import EmergencyEntryPermissionPolicy
from .emergency.viewsets import EmergencyListViewSet
from .exports.views import ExportDownloadView, ExportsView
from .figures.views import FiguresCsvView, FiguresView
from .message_templates import MessageTemplatePermissionPolicy, MessageTemplateViewSet
from .models import AccessRecord, Breach, EmergencyEntry, MessageTemplate, RequestedLocation
from .permissions import RequestedLocationPermissionPolicy
from .stale_panel import StaleProposalsPanel
from .trail_access import AccessRecordPermissionPolicy
from .trail_views import AccessTrailViewSet
from .viewsets import RequestedLocationViewSet

register_permission_policy(RequestedLocation, RequestedLocationPermissionPolicy())
register_permission_policy(MessageTemplate, MessageTemplatePermissionPolicy())
register_permission_policy(EmergencyEntry, EmergencyEntryPermissionPolicy())


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
        ),
        path("bewaartermijnen/", retention_overview, name="aanvraagformulier_retention_report"),
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


@hooks.register("register_admin_menu_item")
def retention_report_menu_item():
    return OfficerMenuItem(
        gettext_lazy("Retention report"),
        reverse("aanvraagformulier_retention_report"),
        icon_name="history",
        order=208,
    )


@hooks.register("register_admin_viewset")
def register_emergency_list():
    return EmergencyListViewSet()


@hooks.register("register_admin_urls")
def register_figures_urls():
    return [
        path("cijfers/", FiguresView.as_view(), name="aanvraagformulier_figures"),
        path("cijfers/csv/", FiguresCsvView.as_view(), name="aanvraagformulier_figures_csv"),
        path("exports/", ExportsView.as_view(), name="aanvraagformulier_exports"),
        path(
            "exports/<int:pk>/bestand/",
            ExportDownloadView.as_view(),
            name="aanvraagformulier_export_download",
        ),
    ]


class LoketMenuItem(MenuItem):
    """Shown only to a region's loket."""

    def is_shown(self, request):
        return is_loket(request.user)


@hooks.register("register_admin_menu_item")
def register_figures_menu_item():
    return LoketMenuItem(
        gettext_lazy("Figures"), reverse("aanvraagformulier_figures"), icon_name="table", order=207
    )


@hooks.register("register_admin_menu_item")
def register_exports_menu_item():
    return LoketMenuItem(
        gettext_lazy("Exports"),
        reverse("aanvraagformulier_exports"),
        icon_name="download",
        order=209,
    )
