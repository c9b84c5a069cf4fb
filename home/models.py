"""The home page of a region's website (news, leaflets and information pages follow)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The root page of a region's site: where parents start looking for childcare."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def location_index(self):
        """The location index of this site, if it has one."""
        from opvanglocaties.models import LocationIndexPage

        return LocationIndexPage.objects.child_of(self).live().first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from opvanglocaties.models import Region

        context["location_index"] = self.location_index()
        context["region"] = (
            Region.objects.filter(site__root_page=self)
            .prefetch_related("municipalities__neighbourhoods")
            .first()
        )
        return context
