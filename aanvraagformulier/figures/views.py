"""The loket's figures in the Wagtail admin: the dashboard, its CSV, and freezing and
approving a snapshot for publication. Only a region's loket (others: 404)."""

import csv

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from opvanglocaties.permissions import is_loket, loket_regions

from ..models import FiguresSnapshot
from .charts import figure_charts
from .compute import figures

FIRST_YEAR = 2020


class FiguresForm(forms.Form):
    """Which region (when the user is the loket of several) and which year."""

    regio = forms.ModelChoiceField(label=_("region"), queryset=None, empty_label=None)
    jaar = forms.TypedChoiceField(label=_("year"), coerce=int)

    def __init__(self, data, *, user):
        super().__init__(data)
        self.fields["regio"].queryset = loket_regions(user).order_by("name")
        self.fields["regio"].to_field_name = "slug"
        this_year = timezone.localdate().year
        self.fields["jaar"].choices = [
            (year, year) for year in range(this_year, FIRST_YEAR - 1, -1)
        ]
        self.this_year = this_year

    def choice(self):
        """(region, year): the valid choice, else the first region and this year."""
        if self.is_valid():
            return self.cleaned_data["regio"], self.cleaned_data["jaar"]
        return self.fields["regio"].queryset.first(), self.this_year


class ApprovalForm(forms.Form):
    council_approved_on = forms.DateField(
        label=_("approved by the local childcare council on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_council_approved_on(self):
        day = self.cleaned_data["council_approved_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("This date lies in the future."))
        return day


class LoketOnlyMixin:
    """404 for anyone who is not the loket of a region."""

    def dispatch(self, request, *args, **kwargs):
        if not is_loket(request.user):
            raise Http404
        self.choice_form = FiguresForm(request.GET if request.GET else None, user=request.user)
        self.region, self.year = self.choice_form.choice()
        return super().dispatch(request, *args, **kwargs)


class FiguresView(LoketOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """The dashboard; POST freezes it ("freeze") or approves a snapshot ("approve")."""

    template_name = "aanvraagformulier/figures/dashboard.html"
    page_title = _("Figures")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        # Without this the admin's header shows only "Home", as if on the dashboard.
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get(self, request):
        self.approval_form = ApprovalForm()
        self.approving = None
        return super().get(request)

    def post(self, request):
        action = request.POST.get("action")
        if action == "freeze":
            FiguresSnapshot.objects.create(
                region=self.region,
                year=self.year,
                data=figures(self.region, self.year),
                created_by=request.user,
            )
            messages.success(
                request,
                _("The figures are frozen. Record the council's approval before publishing."),
            )
            return redirect(request.get_full_path())
        snapshot = get_object_or_404(
            FiguresSnapshot.objects.filter(region__in=loket_regions(request.user)),
            pk=request.POST.get("snapshot") or 0,
        )
        self.approval_form = ApprovalForm(request.POST)
        self.approving = snapshot.pk
        if self.approval_form.is_valid():
            snapshot.council_approved_on = self.approval_form.cleaned_data["council_approved_on"]
            snapshot.save(update_fields=["council_approved_on"])
            messages.success(request, _("The council's approval is recorded."))
            return redirect(request.get_full_path())
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = figures(self.region, self.year)
        query = self.request.GET.urlencode()
        context.update(
            {
                "choice_form": self.choice_form,
                "data": data,
                "charts": figure_charts(data),
                "csv_url": reverse("aanvraagformulier_figures_csv")
                + (f"?{query}" if query else ""),
                "snapshots": FiguresSnapshot.objects.filter(region=self.region).only(
                    "pk", "year", "created_at", "council_approved_on", "region_id"
                )[:20],
                "approval_form": self.approval_form,
                "approving": self.approving,
            }
        )
        return context


def csv_rows(data):
    """The figures as CSV rows: section, label, period, value (suppressed as shown)."""
    yield [_gettext("figure"), _gettext("label"), _gettext("period"), _gettext("value")]
    per_wijk = data["per_wijk_and_month"]
    for row in per_wijk["rows"]:
        for month, value in zip(per_wijk["months"], row["cells"], strict=True):
            yield ["requests_per_wijk_month", row["label"], month, value]
        yield ["requests_per_wijk_month", row["label"], str(data["year"]), row["total"]]
    for month, value in zip(per_wijk["months"], per_wijk["totals"], strict=True):
        yield ["requests_per_month", "", month, value]
    yield ["requests_total", "", str(data["year"]), per_wijk["total"]]
    for row in data["demand_and_capacity"]["rows"]:
        yield ["open_requests_per_wijk", row["label"], "", row["demand"]]
        yield ["licensed_capacity_per_wijk", row["label"], "", row["capacity"]]
    answers = data["answers"]
    yield ["answered_rows", "", str(data["year"]), answers["answered"]]
    yield ["median_days_to_first_answer", "", str(data["year"]), answers["median_days"] or ""]
    yield [
        "percent_answered_within_deadline",
        "",
        str(data["year"]),
        answers["within_deadline_percent"]
        if answers["within_deadline_percent"] is not None
        else "",
    ]
    for row in data["flows"]["rows"]:
        kind = "flow_other_region" if row["other_region"] else "flow_other_municipality"
        yield [kind, f"{row['from']} -> {row['to']}", str(data["year"]), row["count"]]


class FiguresCsvView(LoketOnlyMixin, View):
    """The same figures as the dashboard, as CSV (aggregates only: no access record)."""

    def get(self, request):
        data = figures(self.region, self.year)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="cijfers-{self.region.slug}-{self.year}.csv"'
        )
        writer = csv.writer(response)
        writer.writerows(csv_rows(data))
        return response
