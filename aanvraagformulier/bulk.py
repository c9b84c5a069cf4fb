"""Bulk "no place" from the request list (issue 12 item 3): all selected rows or none.

The rule (`plan_no_place`, `apply_no_place`) is plain functions; the view only asks for a
confirmation and reports. Each row moves through `transitions.apply(row, "no_place")`, so a
bulk move does what the detail view's button does (history, and whatever `apply` adds).
"""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .scoping import Scope, Viewer, rows_for
from .transitions import TRANSITIONS, TransitionRefused, apply

ACTION = "no_place"
# More than a list page holds is a mistake, not a workload.
MAX_ROWS = 200


class BulkRefused(Exception):
    """Some selected rows may not move; `messages` says why, one per row."""

    def __init__(self, refusals):
        super().__init__(refusals)
        self.refusals = refusals


def selected_ids(values):
    """The row ids in a POST's "rows" values; anything that is not an id is dropped."""
    ids = []
    for value in values:
        if value.isdigit() and int(value) not in ids:
            ids.append(int(value))
    return ids


def plan_no_place(scope, ids):
    """(rows, refusals): the selected rows in the user's scope, and a message for each row
    that may not get "no place" (not the user's to decide, or not in a status it may
    leave). A row outside the user's scope is not named: its reference is not theirs."""
    found = {
        row.pk: row
        for row in rows_for(scope.user).filter(pk__in=ids).select_related("request__region")
    }
    sources = TRANSITIONS[ACTION].sources
    rows, refusals = [], []
    for pk in ids:
        row = found.get(pk)
        if row is None:
            refusals.append(str(_("A selected request is not one you handle.")))
        elif scope.viewer(row) != Viewer.LOCATION:
            refusals.append(
                str(_("%(row)s: only the location decides on this request.") % {"row": row})
            )
        elif row.status not in sources:
            refusals.append(
                str(
                    _("%(row)s is %(status)s: “no place” is not possible now.")
                    % {"row": row, "status": row.get_status_display()}
                )
            )
        else:
            rows.append(row)
    return rows, refusals


def apply_no_place(scope, ids):
    """Move every selected row to "no place" in one transaction, or none (BulkRefused)."""
    if not ids:
        raise BulkRefused([str(_("Select at least one request."))])
    if len(ids) > MAX_ROWS:
        raise BulkRefused([str(_("Select at most %(max)s requests at once.") % {"max": MAX_ROWS})])
    rows, refusals = plan_no_place(scope, ids)
    if refusals:
        raise BulkRefused(refusals)
    with transaction.atomic():
        for row in rows:
            try:
                apply(row, ACTION)
            except TransitionRefused as refusal:
                # Another user moved it meanwhile: undo the rows already moved.
                raise BulkRefused([f"{row}: {refusal.args[0]}"]) from refusal
    return rows


class BulkNoPlaceView(WagtailAdminTemplateMixin, TemplateView):
    """POST from the list: confirm the selection; POST with "confirm": apply it."""

    template_name = "aanvraagformulier/admin/bulk_no_place.html"
    header_icon = "form"
    page_title = _("No place")
    http_method_names = ["post"]

    def post(self, request):
        scope = Scope(request.user)
        ids = selected_ids(request.POST.getlist("rows"))
        index = reverse("aanvraagformulier_requests:index")
        try:
            if "confirm" in request.POST:
                rows = apply_no_place(scope, ids)
            else:
                rows, refusals = plan_no_place(scope, ids) if ids else ([], [])
                if not ids:
                    refusals = [str(_("Select at least one request."))]
                if refusals:
                    raise BulkRefused(refusals)
                return self.render_to_response(self.get_context_data(rows=rows))
        except BulkRefused as refused:
            messages.error(request, _("Nothing was changed."))
            for text in refused.refusals:
                messages.error(request, text)
            return redirect(index)
        messages.success(
            request,
            ngettext(
                "%(count)s request is now: no place.",
                "%(count)s requests are now: no place.",
                len(rows),
            )
            % {"count": len(rows)},
        )
        return redirect(index)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("aanvraagformulier_requests:index"), "label": _("Requests")},
            {"url": "", "label": self.page_title},
        ]
