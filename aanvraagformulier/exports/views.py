"""The loket's exports in the admin: make one (the password is shown once, in that
response only) and download its archive until `purge_exports` deletes it. Loket only."""

from django import forms
from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from opvanglocaties.permissions import is_loket, loket_regions

from ..figures.views import FIRST_YEAR
from ..models import Export, ExportKind
from .services import make_export


class ExportForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=ExportKind.choices)
    region = forms.ModelChoiceField(label=_("region"), queryset=None, empty_label=None)
    year = forms.TypedChoiceField(
        label=_("year"), coerce=int, help_text=_("For the research export.")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = loket_regions(user).order_by("name")
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(y, y) for y in range(this_year, FIRST_YEAR - 1, -1)]


def exports_of(user):
    """The exports this user made (only they hold the password)."""
    return Export.objects.filter(created_by=user, region__in=loket_regions(user))


class ExportsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "aanvraagformulier/exports/index.html"
    page_title = _("Exports")
    header_icon = "download"

    def get_breadcrumbs_items(self):
        # Without this the admin's header shows only "Home", as if on the dashboard.
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        if not is_loket(request.user):
            raise Http404
        self.made, self.password = None, None
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        self.form = ExportForm(user=request.user)
        return super().get(request)

    def post(self, request):
        self.form = ExportForm(request.POST, user=request.user)
        if self.form.is_valid():
            data = self.form.cleaned_data
            self.made, self.password = make_export(
                request.user, data["region"], data["kind"], data["year"]
            )
            self.form = ExportForm(user=request.user)
        response = self.render_to_response(self.get_context_data())
        # The password is in this page only: no cache, no back button copy.
        add_never_cache_headers(response)
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            form=self.form,
            made=self.made,
            password=self.password,
            exports=exports_of(self.request.user)[:30],
            days=settings.OPVANGPUNT_EXPORT_DAYS,
            **kwargs,
        )


class ExportDownloadView(View):
    """The archive itself (encrypted), to the user who made it, until it is purged."""

    def get(self, request, pk):
        export = get_object_or_404(exports_of(request.user), pk=pk, purged_at__isnull=True)
        path = settings.OPVANGPUNT_EXPORT_DIR / export.filename
        if not export.filename or not path.exists():
            raise Http404
        name = f"{export.kind}-{export.region.slug}-{export.created_at:%Y%m%d}.zip"
        return FileResponse(path.open("rb"), as_attachment=True, filename=name)
