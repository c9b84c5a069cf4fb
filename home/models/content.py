"""Information pages: general information, the privacy page and the accessibility statement."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.forms import PortalPageForm

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
    base_form_class = PortalPageForm
    subpage_types = ["home.InformationPage"]

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")


# What GDPR art. 13.1 a-c asks of every privacy notice.
ART_13_FIELDS = ("controller", "controller_email", "dpo_email", "legal_basis")


class PrivacyPageForm(PortalPageForm):
    """The privacy page's admin form: publishing asks for every fact GDPR art. 13 requires.

    Required in the form, not in the model: Wagtail validates a live page on every save
    (scheduled publishing, moves), and pages from before these fields must not block those.
    A draft may leave them empty (Wagtail defers required fields when saving a draft).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ART_13_FIELDS:
            if name in self.fields:
                self.fields[name].required = True


class PrivacyPage(Page):
    """The privacy notice in plain language (GDPR art. 12-13).

    What art. 13 requires on every notice has a field of its own (the controller and how to
    reach them, the data protection officer, the legal basis), which PrivacyPageForm asks for
    before the page is published. The right to complain to the supervisory authority is
    added by the template: for Flemish local authorities it is always the Vlaamse
    Toezichtcommissie. The editor writes what is asked, why, who sees it and the parent's
    rights in the body; the figures (how long, within how many days) come from the
    configuration (home.figures) and are shown by the template only, so they are never typed.
    """

    summary = models.TextField(_("summary"), blank=True, max_length=400)
    controller = models.TextField(
        _("controller"),
        blank=True,
        default="",
        help_text=_(
            "Who decides why and how the data are processed, with their address "
            "(GDPR art. 13.1 a). E.g. the city and its childcare desk."
        ),
    )
    controller_email = models.EmailField(_("email of the controller"), blank=True, default="")
    dpo_email = models.EmailField(
        _("email of the data protection officer"),
        blank=True,
        default="",
        help_text=_("The city's data protection officer (GDPR art. 13.1 b)."),
    )
    legal_basis = models.TextField(
        _("purpose and legal basis"),
        blank=True,
        default="",
        help_text=_(
            "Why the data are processed and on what ground (GDPR art. 6 and 13.1 c). "
            "If the ground is consent, say how to withdraw it."
        ),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("controller"),
                FieldPanel("controller_email"),
                FieldPanel("dpo_email"),
                FieldPanel("legal_basis"),
            ],
            heading=_("Who is responsible, and why"),
        ),
        FieldPanel("body"),
    ]
    base_form_class = PrivacyPageForm
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
    base_form_class = PortalPageForm
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")
