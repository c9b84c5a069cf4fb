"""The search page: one per region site, at a Dutch URL, every filter in the query string."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .results import search_context


class SearchPage(Page):
    """Where parents search, filter, sort and compare childcare locations."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "search/search_page.html"

    class Meta:
        verbose_name = _("search page")
        verbose_name_plural = _("search pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(search_context(request, self))
        return context
