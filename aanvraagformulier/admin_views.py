"""The back-office's detail view of one requested location and its actions (issue 12).

Thin: the row comes from `scoping.rows_for` (404 outside the user's scope, never data), the
fields from `visibility.for_row`, and each display writes an access record in the request's
transaction. The actions (decide with a message, propose "no longer current"; the loket
confirms or rejects that proposal) are `transitions`' functions.
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
from .forms.decision import DecisionForm, StaleForm
from .models import AccessPurpose, AccessRecord
from .scoping import Scope, Viewer, rows_for
from .trail import record_access
from .transitions import (
    TRANSITIONS,
    TransitionRefused,
    allowed_actions,
    apply,
    confirm_stale,
    propose_stale,
    reject_stale,
)
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


def timeline(row, limit=50):
    """The row's versions, newest first, each marked with what it changed that the page
    tells: `new_message` (the message sent with that decision) and `new_stale` (a proposal
    "no longer current" made then)."""
    versions = list(row.history.select_related("history_user").order_by("-history_date")[:limit])
    for index, entry in enumerate(versions):
        older = versions[index + 1] if index + 1 < len(versions) else None
        changed = older is None or entry.status != older.status
        entry.new_message = entry.message if changed else ""
        entry.new_stale = bool(
            entry.stale_proposed_at
            and (older is None or older.stale_proposed_at != entry.stale_proposed_at)
        )
    return versions


class RequestDetailView(WagtailAdminTemplateMixin, TemplateView):
    """One row: what the policy lets this user see, its deadline, and its timeline."""

    template_name = "aanvraagformulier/admin/detail.html"
    header_icon = "form"
    page_title = _("Request for a location")

    def _row(self, request, pk):
        self.scope = Scope(request.user)
        self.row = get_object_or_404(
            rows_for(request.user).select_related("request__region", "location", "loket_proposal"),
            pk=pk,
        )
        # Only the location decides on its row; the loket supports, the officer audits.
        self.may_act = self.scope.viewer(self.row) == Viewer.LOCATION

    def get(self, request, pk):
        self._row(request, pk)
        return self._show()

    def _show(self, status=200, **forms):
        """The page, with the policy's fields; every display writes an access record."""
        self.fields = for_row(self.scope, self.row)
        record_access(self.scope, [self.row], AccessPurpose.VIEW)
        self.forms = forms
        response = self.render_to_response(self.get_context_data(pk=self.row.pk))
        response.status_code = status
        return response

    def post(self, request, pk):
        """An action; a refused move comes back as a message, bad input next to its field."""
        self._row(request, pk)
        action = request.POST.get("action", "")
        if action in ("confirm_stale", "reject_stale"):
            return self._loket_decides(request, action)
        if not self.may_act:
            raise PermissionDenied
        if action == "propose_stale":
            return self._propose_stale(request)
        form = DecisionForm(request.POST, row=self.row, actions=TRANSITIONS.items())
        if not form.is_valid():
            if "action" in form.errors:
                messages.error(request, _("This action does not exist."))
                return self._back()
            return self._show(400, decision_form=form)
        return self._attempt(
            request,
            lambda: apply(self.row, action, by=request.user, message=form.text()),
            _("The request is now: %(status)s. The parent is told by email."),
        )

    def _propose_stale(self, request):
        form = StaleForm(request.POST)
        if not form.is_valid():
            return self._show(400, stale_form=form)
        data = form.cleaned_data
        return self._attempt(
            request,
            lambda: propose_stale(self.row, data["reason"], data["note"], by=request.user),
            _("The loket is asked to confirm that this request is no longer current."),
        )

    def _loket_decides(self, request, action):
        if self.scope.viewer(self.row) != Viewer.LOKET:
            raise PermissionDenied
        if action == "confirm_stale":
            return self._attempt(
                request,
                lambda: confirm_stale(self.row, by=request.user),
                _("The request is closed as no longer current. The parent is told by email."),
            )
        return self._attempt(
            request,
            lambda: reject_stale(self.row, by=request.user),
            _("The proposal is rejected: the request stays open."),
        )

    def _attempt(self, request, move, success):
        try:
            move()
        except TransitionRefused as refusal:
            messages.error(request, str(refusal.args[0]))
        else:
            messages.success(request, success % {"status": self.row.get_status_display()})
        return self._back()

    def _back(self):
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
        actions = allowed_actions(row) if self.may_act else []
        forms = getattr(self, "forms", {})
        context.update(
            {
                "row": row,
                "filed": row.request,
                "values": shown_values(row.request, self.fields),
                "badge": deadline_badge(row),
                "actions": actions,
                "decision_form": forms.get("decision_form")
                or DecisionForm(row=row, actions=actions),
                "stale_form": forms.get("stale_form") or StaleForm(),
                "may_propose_stale": self.may_act and row.is_open and not row.stale_proposed,
                "loket_decides": row.stale_proposed and self.scope.viewer(row) == Viewer.LOKET,
                "history": timeline(row),
                "accesses": AccessRecord.objects.filter(row=row).order_by("-accessed_at", "-pk")[
                    :50
                ],
            }
        )
        return context
