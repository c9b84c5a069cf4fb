"""The access trail in the admin: one list for the loket and the data protection officer.

Scoped per user by `trail_access.records_for` (the loket its region's requests, the officer
every region's), filtered by request reference, by username and by purpose, newest first,
paginated; its query count does not depend on the number of records. Filtered on one
request, the list also shows that request's change history (field names only).
"""

import django_filters
from django import forms
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from .models import AccessPurpose, AccessRecord
from .scoping import Viewer
from .trail_access import changes_for, records_for, requests_for
from .visibility import FIELD_LABELS

VIEWER_LABELS = {
    Viewer.LOCATION: _("location"),
    Viewer.LOKET: _("loket"),
    Viewer.DATA_PROTECTION_OFFICER: _("data protection officer"),
}


class TrailFilterSet(WagtailFilterSet):
    """By request (its reference code), by staff username, by purpose."""

    reference = django_filters.CharFilter(
        label=_("Request reference"),
        method="filter_reference",
        widget=forms.TextInput(attrs={"placeholder": "K7QM-3XRA"}),
    )
    username = django_filters.CharFilter(
        label=_("Staff username"), field_name="username", lookup_expr="iexact"
    )
    purpose = django_filters.ChoiceFilter(label=_("Purpose"), choices=AccessPurpose.choices)

    class Meta:
        model = AccessRecord
        fields = []

    def filter_reference(self, queryset, name, value):
        return queryset.filter(request__reference=normal_reference(value))


def normal_reference(value):
    """A reference as people type it ("k7qm 3xra") in the stored notation ("K7QM-3XRA")."""
    compact = "".join(value.split()).replace("-", "").upper()
    return f"{compact[:4]}-{compact[4:]}" if len(compact) == 8 else compact


class TrailIndexView(IndexView):
    """The records the user may read; with one request filtered, its changes beside them."""

    results_template_name = "aanvraagformulier/trail/index_results.html"
    page_title = _("Access trail")

    def get_base_queryset(self):
        return records_for(self.request.user)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["changes"] = None
        filters = self.filters
        valid = filters is not None and filters.is_valid()
        reference = filters.form.cleaned_data.get("reference") if valid else None
        if reference:
            filed = (
                requests_for(self.request.user)
                .filter(reference=normal_reference(reference))
                .only("pk", "reference")
                .first()
            )
            if filed is not None:
                context["changes"] = changes_for(filed)
                context["changes_reference"] = filed.reference
        return context


def _when(record):
    # To the second, not "3 hours ago": the trail is evidence.
    return date_format(localtime(record.accessed_at), "d-m-Y H:i:s")


def _fields_shown(record):
    return ", ".join(str(FIELD_LABELS.get(name, name)) for name in record.fields)


class AccessTrailViewSet(ModelViewSet):
    """The access trail, read only."""

    model = AccessRecord
    name = "aanvraagformulier_trail"
    url_prefix = "toegangslogboek"
    icon = "history"
    menu_label = _("Access trail")
    menu_order = 206
    add_to_admin_menu = True
    index_view_class = TrailIndexView
    filterset_class = TrailFilterSet
    inspect_view_enabled = False
    copy_view_enabled = False
    list_per_page = 50
    list_display = [
        Column("accessed_at", label=_("when"), accessor=_when),
        Column("username", label=_("staff username")),
        Column("viewer", label=_("seen as"), accessor=lambda r: VIEWER_LABELS.get(r.viewer, "")),
        Column("request_reference", label=_("request")),
        Column("location_title", label=_("location")),
        Column("fields", label=_("fields shown"), accessor=_fields_shown),
        Column("purpose", label=_("purpose"), accessor="get_purpose_display"),
    ]
    form_fields = ["purpose"]

    def get_urlpatterns(self):
        # Only the list: records are written by the views that show data, never by hand.
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name in ("index", "index_results")
        ]
