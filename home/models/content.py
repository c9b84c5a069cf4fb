"""Information pages: general information, the privacy page and the accessibility statement."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import BodyBlock
from ..figures import all_figures

# Information pages sit under the home page or under each other (a section with sub-pages:
# "For referrers" > "How to apply with a parent").
INFORMATION_PARENTS = ["home.HomePage", "home.InformationPage"]


class InformationPage(Page):
    """A page of information composed from blocks: text, FAQ, documents, contact, ..."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=400,
        help_text=_("One or two sentences, shown in lists."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = INFORMATION_PARENTS
    subpage_types = ["home.InformationPage"]

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")


class PrivacyPage(Page):
    """The privacy notice in plain language (GDPR art. 12-13).

    The editor writes what is asked, why, who sees it and the parent's rights; the figures
    (how long, within how many days) come from the configuration (home.figures) and are shown
    by the template, so they are never typed twice.
    """

    summary = models.TextField(_("summary"), blank=True, max_length=400)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("privacy page")
        verbose_name_plural = _("privacy pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["figures"] = all_figures(request)
        return context


class ComplianceStatus(models.TextChoices):
    """How far the site complies with WCAG 2.1 AA (the EU model statement's three options)."""

    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class AccessibilityStatementPage(Page):
    """The accessibility statement the Flemish Bestuursdecreet (art. II.39) requires.

    Its fields follow the EU model statement (implementing decision 2018/1523): compliance
    status, what is not accessible and why, when and how the statement was prepared, how to
    give feedback, and the enforcement procedure (in Flanders: the Vlaamse Ombudsdienst).
    """

    compliance_status = models.CharField(
        _("compliance status"),
        max_length=10,
        choices=ComplianceStatus.choices,
        default=ComplianceStatus.PARTIAL,
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("non-accessible content and other information"),
        blank=True,
    )
    prepared_on = models.DateField(_("statement prepared on"))
    reviewed_on = models.DateField(_("statement last reviewed on"), null=True, blank=True)
    evaluation_method = models.CharField(
        _("evaluation method"),
        max_length=250,
        blank=True,
        default="",
        help_text=_("E.g. a self-assessment with automated (axe-core) and manual checks."),
    )
    feedback_email = models.EmailField(_("feedback email"))
    feedback_phone = models.CharField(_("feedback phone"), max_length=40, blank=True, default="")

    content_panels = [
        *Page.content_panels,
        FieldPanel("compliance_status"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("prepared_on"),
                FieldPanel("reviewed_on"),
                FieldPanel("evaluation_method"),
            ],
            heading=_("Preparation"),
        ),
        MultiFieldPanel(
            [FieldPanel("feedback_email"), FieldPanel("feedback_phone")],
            heading=_("Feedback"),
        ),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")
