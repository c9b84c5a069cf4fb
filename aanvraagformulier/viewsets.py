"""The minimal admin list of requests per location (issue 11 item 8; issue 12 handles them)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import RequestDetailView
from .models import AccessPurpose, RequestedLocation
from .scoping import Scope, rows_for
from .trail import record_access
from .visibility import for_row

# The personal fields the list shows (the policy decides on top of this, per row).
LIST_FIELDS = ("parent_first_name",)


class RequestedLocationIndexView(IndexView):
    """Only the rows of fiches the user may change; the parent's first name only."""

    def get_base_queryset(self):
        return (
            rows_for(self.request.user).select_related("request__region").order_by("due_date", "pk")
        )

    def get_table(self, object_list):
        # The first name column shows only what the policy allows on each row (a region may
        # hide it); the same page of rows is then recorded in the access trail.
        scope = Scope(self.request.user)
        for row in object_list:
            visible = for_row(scope, row)
            row.shown_first_name = (
                row.request.parent_first_name if LIST_FIELDS[0] in visible else ""
            )
        # One access record per row shown, in one insert, in the request's transaction.
        record_access(scope, object_list, AccessPurpose.LIST, LIST_FIELDS)
        return super().get_table(object_list)


class RequestedLocationViewSet(ModelViewSet):
    model = RequestedLocation
    name = "aanvraagformulier_requests"
    url_prefix = "aanvragen"
    icon = "form"
    menu_label = _("Requests")
    menu_order = 205
    add_to_admin_menu = True
    index_view_class = RequestedLocationIndexView
    inspect_view_enabled = False
    copy_view_enabled = False
    list_filter = ["status"]
    # Shown: what every location may see at any status (design.md): the first name only.
    list_display = [
        TitleColumn(
            "reference",
            label=_("reference"),
            accessor="request.reference",
            get_url=lambda row: reverse("aanvraagformulier_requests:detail", args=[row.pk]),
        ),
        "location_title",
        DateColumn("created_at", label=_("filed on")),
        Column("status", label=_("status"), accessor="get_status_display"),
        DateColumn("due_date", label=_("answer due by")),
        Column("parent", label=_("parent's first name"), accessor="shown_first_name"),
    ]
    form_fields = ["status"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/", RequestDetailView.as_view(), name="detail"),
        ]
