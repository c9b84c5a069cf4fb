"""The officer's admin pages: the processing register and the breach register.

Only the data protection officer and superusers reach them (`is_officer`); a loket reaches
its access trail (`trail_views`), not these.
"""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from ..models import Breach
from ..trail_access import reads_every_region
from . import breaches, register, retention_report

BADGE_CLASSES = {
    breaches.DONE: "w-status",
    breaches.NOT_REQUIRED: "w-status",
    breaches.OPEN: "w-status w-status--primary",
    breaches.LATE: "w-status w-status--label",
    breaches.OVERDUE: "w-status w-status--label",
}


def is_officer(user):
    """The data protection officer, or a superuser."""
    return reads_every_region(user)


class OfficerOnlyPolicy(BasePermissionPolicy):
    """The officer adds, changes and reads; only a superuser deletes (it is a register)."""

    def user_has_permission(self, user, action):
        if action == "delete":
            return user.is_active and user.is_superuser
        return action in ("add", "change", "view") and is_officer(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        raise NotImplementedError

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return self.model._default_manager.all()
        return self.model._default_manager.none()


def processing_register(request):
    """The processing register, rendered from `register.REGISTER`."""
    if not is_officer(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "aanvraagformulier/dpo/register.html",
        {"columns": [label for _name, label in register.COLUMNS], "rows": register.rows()},
    )


def retention_overview(request):
    """What the retention rules hid and anonymised, month by month, and what is due next."""
    if not is_officer(request.user):
        raise PermissionDenied
    to_reduce, to_anonymise = retention_report.due_next()
    return TemplateResponse(
        request,
        "aanvraagformulier/dpo/retention.html",
        {
            "months": retention_report.months(),
            "to_reduce": to_reduce,
            "to_anonymise": to_anonymise,
        },
    )


def _moment(value):
    return date_format(localtime(value), "d-m-Y H:i") if value else ""


def _badge(clock):
    return format_html(
        '{} <span class="{}">{}</span>',
        _moment(clock.due_by),
        BADGE_CLASSES[clock.state],
        clock.label,
    )


class BreachViewSet(ModelViewSet):
    """The breach register: each breach with its two clocks as "due by" and a badge."""

    model = Breach
    name = "aanvraagformulier_breaches"
    url_prefix = "datalekken"
    icon = "warning"
    menu_label = _("Breach register")
    menu_order = 207
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    form_fields = [
        "found_at",
        "reported_by",
        "description",
        "affected_requests",
        "decision",
        "other_party_informed_at",
        "authority_notified_at",
        "authority_not_required",
    ]
    list_display = [
        Column("found_at", label=_("found at"), accessor=lambda b: _moment(b.found_at)),
        "reported_by",
        "affected_requests",
        Column(
            "other_party",
            label=_("inform the other party (48 h)"),
            accessor=lambda b: _badge(breaches.other_party_clock(b, timezone.now())),
        ),
        Column(
            "authority",
            label=_("notify the authority (72 h)"),
            accessor=lambda b: _badge(breaches.authority_clock(b, timezone.now())),
        ),
    ]
