"""Frozen figures of a region and the public page that shows them.

Seed 000 art. 4: figures are only aggregated, and made public only with the local childcare
council's (LOK) approval. The loket freezes the dashboard into a `FiguresSnapshot` (already
suppressed: it holds no count under 5), marks it approved with the council's date, and
communication staff publish a `FiguresReportPage` showing it. Publishing a page whose
snapshot lacks that approval is refused.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from ..figures.charts import figure_charts

NOT_APPROVED = _(
    "These figures may be published only after the local childcare council approved them: "
    "the loket records that approval on the figures first."
)


class FiguresSnapshot(models.Model):
    """The figures of one region and year as they were when the loket froze them."""

    region = models.ForeignKey(
        "opvanglocaties.Region",
        on_delete=models.CASCADE,
        related_name="figures_snapshots",
        verbose_name=_("region"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    # The output of figures.compute.figures(): counts already suppressed (no value under 5).
    data = models.JSONField(_("figures"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("frozen by"),
    )
    created_at = models.DateTimeField(_("frozen on"), auto_now_add=True)
    council_approved_on = models.DateField(
        _("approved by the local childcare council on"), null=True, blank=True
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("figures snapshot")
        verbose_name_plural = _("figures snapshots")

    def __str__(self):
        approved = (
            _("approved %(date)s") % {"date": self.council_approved_on.strftime("%d/%m/%Y")}
            if self.council_approved_on
            else _("not approved yet")
        )
        return f"{self.region} {self.year} ({self.created_at:%d/%m/%Y}, {approved})"


class FigureKind(models.TextChoices):
    """What a `FigureCount` counts, and which of its keys it uses (figures/keeping.py)."""

    # Requests filed in (year, month) asking a location in the wijk `label`.
    REQUESTS = "requests", _("requests per wijk and month")
    # Requests open now with a location in the wijk `label` (year and month 0).
    DEMAND = "demand", _("open requests per wijk")
    # Requested locations of requests filed in `year` first answered after `number` days.
    WAIT = "wait", _("first answers per days waited")
    # Of those, the ones answered by their due date.
    IN_TIME = "in_time", _("first answers within the deadline")
    # Requested locations of requests filed in `year` due on the day `number` (an ordinal).
    DUE = "due", _("requested locations per due date")
    # Answered requested locations by the due date their answer had (`number`, an ordinal).
    ANSWERED_DUE = "answered_due", _("answered requested locations per due date")
    # Requested locations from the municipality `label` to `other`; `number` 1: other region.
    FLOW = "flow", _("requested locations across a border")


class FigureCount(models.Model):
    """One count behind the loket's figures, kept current in the transaction of every write
    that changes it (figures/keeping.py) and rebuilt from the requests by `rebuild_figures`.

    Counts only: no request, parent or date of birth, so nothing here is personal data and
    retention leaves it alone (docs/data-protection.md). The keys a kind does not use are 0
    or "".
    """

    region = models.ForeignKey(
        "opvanglocaties.Region",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("region"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=FigureKind.choices)
    year = models.PositiveSmallIntegerField(_("year"), default=0)
    month = models.PositiveSmallIntegerField(_("month"), default=0)
    label = models.CharField(_("label"), max_length=100, blank=True, default="")
    other = models.CharField(_("other label"), max_length=100, blank=True, default="")
    number = models.IntegerField(_("number"), default=0)
    count = models.IntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("figure count")
        verbose_name_plural = _("figure counts")
        constraints = [
            # The key every write adds to (INSERT ... ON CONFLICT on this).
            models.UniqueConstraint(
                fields=["region", "kind", "year", "month", "label", "other", "number"],
                name="figure_count_key",
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.year}-{self.month} {self.label} {self.number}: {self.count}"


class FiguresReportPageForm(WagtailAdminPageForm):
    """Refuses to publish (or submit for publishing) an unapproved snapshot, next to the field."""

    def clean(self):
        cleaned = super().clean()
        snapshot = cleaned.get("snapshot")
        publishing = any(key in self.data for key in ("action-publish", "action-submit"))
        if publishing and snapshot is not None and snapshot.council_approved_on is None:
            self.add_error("snapshot", NOT_APPROVED)
        return cleaned


class FiguresReportPage(Page):
    """A public report of a region's figures: the frozen snapshot, as charts and tables."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    snapshot = models.ForeignKey(
        FiguresSnapshot,
        on_delete=models.PROTECT,
        related_name="report_pages",
        verbose_name=_("figures"),
        help_text=_("Frozen by the loket; published only once the council approved them."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("snapshot")]
    base_form_class = FiguresReportPageForm
    parent_page_types = ["home.HomePage", "home.InformationPage"]
    subpage_types = []
    template = "aanvraagformulier/figures/report_page.html"

    class Meta:
        verbose_name = _("figures report")
        verbose_name_plural = _("figures reports")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["data"] = self.snapshot.data
        context["charts"] = figure_charts(self.snapshot.data)
        return context

    def clean(self):
        super().clean()
        # Also when published without the form (a workflow's approval, a scheduled publish).
        if self.live and self.snapshot_id and self.snapshot.council_approved_on is None:
            raise ValidationError({"snapshot": NOT_APPROVED})
