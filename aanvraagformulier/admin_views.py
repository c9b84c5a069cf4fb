"""The back-office's detail view of one requested location (read-only, issue 12 item 4).

Thin: the row comes from `scoping.rows_for` (404 outside the user's scope, never data), the
fields from `visibility.for_row`, and each display writes an access record in the request's
transaction.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from opvanglocaties.models import PriorityRule

from .deadlines import deadline_badge
from .models import AccessPurpose, AccessRecord
from .scoping import Scope, Viewer, rows_for
from .trail import record_access
from .transitions import TransitionRefused, allowed_actions, apply
from .visibility import FIELD_LABELS, field_value, for_row, ordered


def shown_values(filed, fields):
    """[(label, text)] of the visible fields, in display order."""
    values = []
    for name in ordered(fields):
        text = field_value(filed, name)
        if name == "priority_rules":
            names = dict(
                PriorityRule.objects.filter(code__in=filed.priority_rule_codes).values_list(
                    "code", "name"
                )
            )
            text = ", ".join(names.get(code, code) for code in filed.priority_rule_codes)
        values.append((FIELD_LABELS[name], text))
    return values


class RequestDetailView(WagtailAdminTemplateMixin, TemplateView):
    """One row: what the policy lets this user see, its deadline, and its timeline."""

    template_name = "aanvraagformulier/admin/detail.html"
    header_icon = "form"
    page_title = _("Request for a location")

    def _row(self, request, pk):
        self.scope = Scope(request.user)
        self.row = get_object_or_404(
            rows_for(request.user).select_related("request__region", "location"), pk=pk
        )
        # Only the location decides on its row; the loket supports, the officer audits.
        self.may_act = self.scope.viewer(self.row) == Viewer.LOCATION

    def get(self, request, pk):
        self._row(request, pk)
        self.fields = for_row(self.scope, self.row)
        record_access(self.scope, [self.row], AccessPurpose.VIEW)
        return super().get(request, pk=pk)

    def post(self, request, pk):
        """A status action (transitions.py); refused moves come back as a message."""
        self._row(request, pk)
        if not self.may_act:
            raise PermissionDenied
        try:
            apply(self.row, request.POST.get("action", ""))
        except TransitionRefused as refusal:
            messages.error(request, str(refusal.args[0]))
        else:
            messages.success(
                request,
                _("The request is now: %(status)s.") % {"status": self.row.get_status_display()},
            )
        return redirect("aanvraagformulier_requests:detail", pk=self.row.pk)

    def get_page_subtitle(self):
        return f"{self.row.request.reference}: {self.row.location_title}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("aanvraagformulier_requests:index"), "label": _("Requests")},
            {"url": "", "label": self.row.request.reference},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        row = self.row
        context.update(
            {
                "row": row,
                "filed": row.request,
                "values": shown_values(row.request, self.fields),
                "badge": deadline_badge(row),
                "actions": allowed_actions(row) if self.may_act else [],
                "history": row.history.order_by("-history_date")[:50],
                "accesses": AccessRecord.objects.filter(row=row).order_by("-accessed_at", "-pk")[
                    :50
                ],
            }
        )
        return context
