"""Leaflets (folders): PDF documents from Wagtail's library, one page per leaflet."""

from django.conf import global_settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.forms import PortalPageForm

from ..blocks import BodyBlock

# Dutch, English and French first (the languages the loket prints), then every language
# Django knows, with names Django translates: leaflets exist in Arabic, Turkish, Polish, ...
FIRST_LANGUAGES = ("nl", "en", "fr")
LEAFLET_LANGUAGES = [
    *[(code, _(name)) for code, name in global_settings.LANGUAGES if code in FIRST_LANGUAGES],
    *[
        (code, _(name))
        for code, name in global_settings.LANGUAGES
        if code not in FIRST_LANGUAGES and "-" not in code
    ],
]


class LeafletIndexPage(Page):
    """The leaflets section."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    base_form_class = PortalPageForm
    subpage_types = ["home.LeafletPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("leaflet index")
        verbose_name_plural = _("leaflet indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["leaflets"] = (
            LeafletPage.objects.child_of(self)
            .live()
            .public()
            .select_related("cover_image")
            .prefetch_related("versions__document")
            .order_by("title")
        )
        return context


class LeafletPage(Page):
    """One leaflet: a cover, a short text and the PDF in each language it exists in."""

    summary = models.TextField(_("summary"), max_length=400, blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        InlinePanel("versions", heading=_("Language versions"), label=_("version"), min_num=1),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["home.LeafletIndexPage"]
    base_form_class = PortalPageForm
    subpage_types = []

    class Meta:
        verbose_name = _("leaflet")
        verbose_name_plural = _("leaflets")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["versions"] = self.versions.select_related("document")
        return context


class LeafletVersion(Orderable):
    """The leaflet in one language: a document (PDF) from Wagtail's library."""

    leaflet = ParentalKey(LeafletPage, related_name="versions", on_delete=models.CASCADE)
    language = models.CharField(_("language"), max_length=10, choices=LEAFLET_LANGUAGES)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("language"), FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(fields=["leaflet", "language"], name="one_version_per_language")
        ]
