"""Admin registration of the request list, the emergency list, the figures and their
permission policies (Wagtail 8)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from opvanglocaties.permissions import loket_regions

from .emergency.permissions import EmergencyEntryPermissionPolicy
from .emergency.viewsets import EmergencyListViewSet
from .exports.views import ExportDownloadView, ExportsView
from .figures.views import FiguresCsvView, FiguresView
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
        return loket_regions(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_figures_menu_item():
    return LoketMenuItem(
        _("Figures"), reverse("aanvraagformulier_figures"), icon_name="table", order=207
    )


@hooks.register("register_admin_menu_item")
def register_exports_menu_item():
    return LoketMenuItem(
        _("Exports"), reverse("aanvraagformulier_exports"), icon_name="download", order=208
    )
