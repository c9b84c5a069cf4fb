"""The emergency list's admin registration: a scoped ModelViewSet (index) plus its own views."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet

from ..models import EmergencyEntry
from .views import URL_NAMESPACE, EmergencyIndexView, EntryView, FlagView, entry_url


class EmergencyListViewSet(ModelViewSet):
    model = EmergencyEntry
    name = URL_NAMESPACE
    url_prefix = "noodlijst"
    icon = "warning"
    menu_label = _("Emergency list")
    menu_order = 206
    add_to_admin_menu = True
    index_view_class = EmergencyIndexView
    inspect_view_enabled = False
    copy_view_enabled = False
    form_fields = ["reason"]
    list_display = [
        TitleColumn(
            "reference", label=_("reference"), accessor="request.reference", get_url=entry_url
        ),
        Column("name", label=_("parent"), accessor="shown_name"),
        Column("phone", label=_("phone"), accessor="shown_phone"),
        Column("reason", label=_("reason"), accessor="reason"),
        DateColumn("flagged_at", label=_("on the list since")),
        DateColumn("last_contact", label=_("last contact")),
        Column("due", label=_("quarterly contact"), accessor="due_label"),
        DateColumn("removed_at", label=_("taken off the list on")),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("plaatsen/", FlagView.as_view(), name="flag"),
            path("<int:pk>/", EntryView.as_view(), name="entry"),
        ]
