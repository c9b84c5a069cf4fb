"""The loket's emergency list in the Wagtail admin: the list, flagging a request, and one
entry's page (contacts, proposals, taking it off).

Thin: entries come from `services.entries_for` (the loket's regions; 404 outside them, never
data), the family's fields from the visibility policy, and every display writes the access
trail in the request's transaction.
"""

import django_filters
from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from ..admin_views import shown_values
from ..models import AccessPurpose, EmergencyEntry, RequestedLocation
from ..scoping import Scope
from ..trail import record_access
from ..visibility import for_row
from . import services
from .forms import ContactForm, FlagForm, ProposalForm

# What the list shows of the family (the policy decides on top of this, per request).
LIST_FIELDS = ("parent_first_name", "parent_last_name", "phone")
URL_NAMESPACE = "aanvraagformulier_emergency"


def entry_url(entry):
    return reverse(f"{URL_NAMESPACE}:entry", args=[entry.pk])


class EntryFilterSet(WagtailFilterSet):
    due = django_filters.BooleanFilter(
        label=_("due for the quarterly contact"), method="filter_due"
    )
    active = django_filters.BooleanFilter(
        label=_("still on the list"), field_name="removed_at", lookup_expr="isnull"
    )

    class Meta:
        model = EmergencyEntry
        fields = []

    def filter_due(self, queryset, name, value):
        if value is None:
            return queryset
        due = services.due_for_contact(queryset).values("pk")
        return queryset.filter(pk__in=due) if value else queryset.exclude(pk__in=due)


class EmergencyIndexView(IndexView):
    """The loket's entries, those due for their quarterly contact marked."""

    filterset_class = EntryFilterSet
    page_title = _("Emergency list")

    def get_base_queryset(self):
        rows = RequestedLocation.objects.order_by("preference", "pk")
        return (
            services.entries_for(self.request.user)
            .select_related("request__region")
            .prefetch_related(Prefetch("request__locations", queryset=rows))
            .order_by("removed_at", "last_contact", "flagged_at", "pk")
        )

    @property
    def header_buttons(self):
        return [
            HeaderButton(
                _("Put a request on the list"),
                url=reverse(f"{URL_NAMESPACE}:flag"),
                icon_name="plus",
            )
        ]

    def get_table(self, object_list):
        scope = Scope(self.request.user)
        shown_rows = []
        for entry in object_list:
            rows = list(entry.request.locations.all())
            visible = for_row(scope, rows[0]) if rows else frozenset()
            filed = entry.request
            entry.shown_name = " ".join(
                getattr(filed, name) for name in LIST_FIELDS[:2] if name in visible
            )
            entry.shown_phone = filed.phone if "phone" in visible else ""
            entry.due_label = _("contact due") if services.is_due(entry) else ""
            shown_rows += rows[:1]
        # One record per family shown (its first row carries it), in one insert.
        record_access(scope, shown_rows, AccessPurpose.SUPPORT, LIST_FIELDS)
        return super().get_table(object_list)


class EntryMixin(WagtailAdminTemplateMixin):
    header_icon = "warning"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{URL_NAMESPACE}:index"), "label": _("Emergency list")},
            {"url": "", "label": self.get_page_subtitle() or self.get_page_title()},
        ]


class FlagView(EntryMixin, TemplateView):
    """Put a request of the loket's region on the list, with a reason."""

    template_name = "aanvraagformulier/emergency/flag.html"
    page_title = _("Put a request on the emergency list")

    def get(self, request):
        self.form = FlagForm(user=request.user, initial={"reference": request.GET.get("ref", "")})
        return super().get(request)

    def post(self, request):
        self.form = FlagForm(request.POST, user=request.user)
        if not self.form.is_valid():
            return self.render_to_response(self.get_context_data())
        entry = services.flag(
            self.form.request_found, self.form.cleaned_data["reason"], request.user
        )
        messages.success(request, _("The request is on the emergency list."))
        return redirect(entry_url(entry))

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)


class EntryView(EntryMixin, TemplateView):
    """One family on the list: their data as the policy lets the loket see it, the requested
    locations (those the loket proposed marked), the contacts, and the loket's actions."""

    template_name = "aanvraagformulier/emergency/entry.html"
    page_title = _("Emergency list")

    def _entry(self, request, pk):
        self.scope = Scope(request.user)
        self.entry = get_object_or_404(
            services.entries_for(request.user).select_related(
                "request__region__site", "flagged_by"
            ),
            pk=pk,
        )
        self.rows = list(
            self.entry.request.locations.select_related("loket_proposal").order_by("preference")
        )
        for row in self.rows:
            row.request = self.entry.request

    def get(self, request, pk):
        self._entry(request, pk)
        self.contact_form = ContactForm()
        self.proposal_form = ProposalForm(entry=self.entry)
        return self.render_page()

    def post(self, request, pk):
        """ "contact", "propose" or "take_off"; a form with errors comes back with them."""
        self._entry(request, pk)
        action = request.POST.get("action")
        self.contact_form = ContactForm(request.POST if action == "contact" else None)
        self.proposal_form = ProposalForm(
            request.POST if action == "propose" else None, entry=self.entry
        )
        if action == "contact" and self.contact_form.is_valid():
            services.record_contact(self.entry, user=request.user, **self.contact_form.cleaned_data)
            messages.success(request, _("The contact is recorded."))
            return redirect(entry_url(self.entry))
        if action == "propose" and self.proposal_form.is_valid():
            data = self.proposal_form.cleaned_data
            row = services.propose(
                self.entry, data["location"], consent_on=data["consent_on"], user=request.user
            )
            messages.success(
                request,
                _("%(location)s now sees the request.") % {"location": row.location_title},
            )
            return redirect(entry_url(self.entry))
        if action == "take_off" and self.entry.is_active:
            services.take_off(self.entry)
            messages.success(request, _("The request is off the emergency list."))
            return redirect(entry_url(self.entry))
        return self.render_page()

    def render_page(self):
        self.fields = for_row(self.scope, self.rows[0]) if self.rows else frozenset()
        # The family's data is shown once per page: one record, on their first row.
        record_access(self.scope, self.rows[:1], AccessPurpose.SUPPORT)
        return self.render_to_response(self.get_context_data())

    def get_page_subtitle(self):
        return self.entry.request.reference

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry = self.entry
        context.update(
            {
                "entry": entry,
                "filed": entry.request,
                "values": shown_values(entry.request, self.fields),
                "rows": self.rows,
                "contacts": entry.contacts.select_related("recorded_by"),
                "due": services.is_due(entry),
                "contact_form": self.contact_form,
                "proposal_form": self.proposal_form,
            }
        )
        return context
