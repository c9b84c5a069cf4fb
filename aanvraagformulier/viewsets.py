"""The back-office request list (issue 12 item 2): scoped rows, filters, sort, counts per
status, deadline badges, spreadsheet export and the bulk "no place".

Rows come from `scoping.rows_for` only; what a row shows or exports is
`visibility.for_row`'s answer for that row, and every list page or export is written to the
access trail in the request's transaction (ATOMIC_REQUESTS).
"""

from collections import OrderedDict

from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import RequestDetailView
from .bulk import BulkNoPlaceView
from .deadlines import deadline_badge
from .filters import RequestedLocationFilterSet
from .listing import priority_rules_for, scope_status_counts
from .models import AccessPurpose, RequestedLocation
from .scoping import Scope, Viewer
from .trail import record_access
from .visibility import FIELD_LABELS, FIELDS, field_value, for_row

# The personal fields the list shows (the policy decides on top of this, per row).
LIST_FIELDS = ("parent_first_name",)

# What an export holds about the row itself (no personal data), then every field of the
# policy: a cell the user may not see on that row stays empty.
ROW_EXPORT = OrderedDict(
    [
        ("reference", _("reference")),
        ("location_title", _("location")),
        ("filed_on", _("filed on")),
        ("status", _("status")),
        ("due_date", _("answer due by")),
    ]
)


class DeadlineColumn(Column):
    """The due-soon or overdue badge of an open row (`deadlines.deadline_badge`)."""

    cell_template_name = "aanvraagformulier/admin/deadline_cell.html"


class StatusColumn(Column):
    """The row's status, and whether the loket proposed the location (an emergency-list
    family the parent did not ask this location for themselves)."""

    cell_template_name = "aanvraagformulier/admin/status_cell.html"


class CalendarDateColumn(Column):
    """A day as a date (31/01/2027). Wagtail's DateColumn says how long ago a moment was,
    which shows "just now" for every day still to come: the start date and the answer's due
    date are mostly in the future."""

    cell_template_name = "aanvraagformulier/admin/calendar_date_cell.html"


class SelectColumn(Column):
    """A checkbox for the bulk "no place" form, on rows the user decides on as a location."""

    cell_template_name = "aanvraagformulier/admin/select_cell.html"


class RequestedLocationIndexView(IndexView):
    """Only the rows the user may see; the parent's first name only where the policy allows."""

    template_name = "aanvraagformulier/admin/index.html"
    default_ordering = "due_date"
    export_filename = "aanvragen"
    list_export = [*ROW_EXPORT, *FIELDS]

    @cached_property
    def scope(self):
        return Scope(self.request.user)

    @cached_property
    def export_headings(self):
        return {**ROW_EXPORT, **FIELD_LABELS}

    def get_base_queryset(self):
        return self.scope.rows().select_related("request__region", "loket_proposal")

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "priority_rules": priority_rules_for(self.scope)}

    def order_queryset(self, queryset):
        # The primary key breaks ties, so a page never repeats or skips a row.
        queryset = super().order_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "pk")

    @cached_property
    def columns(self):
        columns = super().columns
        if not self.scope.served_location_ids:
            # Only a location decides on its rows: nothing to select for a loket.
            columns = [column for column in columns if not isinstance(column, SelectColumn)]
        return columns

    def get_table(self, object_list):
        if self.is_export:
            return super().get_table(object_list)
        # The first name column shows only what the policy allows on each row (a region may
        # hide it); the same page of rows is then recorded in the access trail.
        for row in object_list:
            visible = for_row(self.scope, row)
            row.shown_first_name = (
                row.request.parent_first_name if LIST_FIELDS[0] in visible else ""
            )
            row.badge = deadline_badge(row)
            row.may_act = self.scope.viewer(row) == Viewer.LOCATION
        # One access record per row shown, in one insert, in the request's transaction.
        record_access(self.scope, object_list, AccessPurpose.LIST, LIST_FIELDS)
        return super().get_table(object_list)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.is_export and not self.results_only:
            context["status_counts"] = scope_status_counts(self.scope)
            context["may_act"] = bool(self.scope.served_location_ids)
            context["bulk_no_place_url"] = reverse("aanvraagformulier_requests:no_place")
        return context

    def export_row(self, row):
        """One exported row: the row's own columns, then each field of the policy, empty
        where the policy hides it on this row."""
        visible = for_row(self.scope, row)
        data = OrderedDict(
            [
                ("reference", row.request.reference),
                ("location_title", row.location_title),
                ("filed_on", timezone.localdate(row.created_at)),
                ("status", str(row.get_status_display())),
                ("due_date", row.due_date),
            ]
        )
        for name in FIELDS:
            data[name] = str(field_value(row.request, name)) if name in visible else ""
        return data

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # Everything is read, translated and written to the access trail here, in the view:
        # Wagtail streams the CSV after the view has returned, when the request's
        # transaction has committed and the user's language is no longer active.
        rows = list(queryset)
        record_access(self.scope, rows, AccessPurpose.EXPORT, FIELDS)
        self.headings = {name: capfirst(str(label)) for name, label in self.export_headings.items()}
        return super().as_spreadsheet([self.export_row(row) for row in rows], spreadsheet_format)

    def to_row_dict(self, item):
        return item  # already an exported row (as_spreadsheet)

    def get_heading(self, queryset, field):
        return self.headings[field]


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
    filterset_class = RequestedLocationFilterSet
    # Shown: what every location may see at any status (design.md): the first name only.
    list_display = [
        TitleColumn(
            "reference",
            label=_("reference"),
            accessor="request.reference",
            get_url=lambda row: reverse("aanvraagformulier_requests:detail", args=[row.pk]),
        ),
        "location_title",
        DateColumn("created_at", label=_("filed on"), sort_key="created_at"),
        CalendarDateColumn(
            "start_date",
            label=_("start date"),
            accessor="request.start_date",
            sort_key="request__start_date",
        ),
        StatusColumn("status", label=_("status"), accessor="get_status_display"),
        CalendarDateColumn("due_date", label=_("answer due by"), sort_key="due_date"),
        DeadlineColumn("badge", label=_("deadline")),
        Column("parent", label=_("parent's first name"), accessor="shown_first_name"),
        SelectColumn("select", label=_("select")),
    ]
    form_fields = ["status"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/", RequestDetailView.as_view(), name="detail"),
            path("geen-plaats/", BulkNoPlaceView.as_view(), name="no_place"),
        ]
