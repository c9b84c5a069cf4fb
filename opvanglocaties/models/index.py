"""Where the fiches live: the region's location index and one folder per organiser.

The index also answers the landing pages per municipality and neighbourhood.
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.forms import PortalPageForm
from core.i18n import OneLanguagePageMixin, url_in_interface_language
from core.pages import live_search_page

from ..forms import OrganiserPageForm
from ..panels import LicenceFieldPanel
from ..presenters import CARD_PREFETCH, CARD_SELECT, fiche_cards
from .fiche import RICH_TEXT_FEATURES, LocationPage
from .geography import Municipality, Region
from .testers import FichePermissionsMixin


def for_listing(fiches):
    """Live public fiches with what their cards show (`presenters.FicheCard`), by name."""
    return (
        fiches.live()
        .public()
        .select_related(*CARD_SELECT)
        .prefetch_related(*CARD_PREFETCH)
        .order_by("title")
    )


class LocationIndexPage(OneLanguagePageMixin, FichePermissionsMixin, RoutablePageMixin, Page):
    """The list of a region's locations, and its landing pages per municipality and wijk.

    The landing pages (`in/<municipality>/` and `in/<municipality>/<neighbourhood>/`) are
    routes of this page rather than pages of their own: they follow the geography, which the
    loket keeps, and no editor has to create 25 wijk pages by hand.
    """

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    base_form_class = PortalPageForm
    subpage_types = ["opvanglocaties.OrganiserPage"]
    max_count_per_parent = 1
    page_size = 30
    landing_template = "opvanglocaties/location_landing_page.html"

    class Meta:
        verbose_name = _("location index")
        verbose_name_plural = _("location indexes")

    def locations(self):
        """The live fiches under this index, with what the list shows, by name."""
        return for_listing(LocationPage.objects.descendant_of(self))

    def paginate(self, request, locations):
        """One page of `locations`; a missing or malformed `pagina` gives the first or last."""
        return Paginator(locations, self.page_size).get_page(request.GET.get("pagina"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["locations"] = self.paginate(request, self.locations())
        context["cards"] = fiche_cards(
            context["locations"], request, Region.objects.availability_cutoff(request)
        )
        return context

    # Landing pages per municipality and neighbourhood

    def region(self):
        """The region whose site this index belongs to, or None."""
        return Region.objects.for_site(self.get_site())

    def landing_municipalities(self):
        """Municipalities with a landing page: the region's, and any with fiches here."""
        served = Q(
            pk__in=LocationPage.objects.live()
            .descendant_of(self)
            .filter(municipality__isnull=False)
            .values("municipality_id")
        )
        region = self.region()
        if region is not None:
            served |= Q(regions=region)
        return Municipality.objects.filter(served).distinct()

    def landing_url(self, municipality, neighbourhood=None, request=None):
        """The URL of the landing page of a municipality, or of one of its neighbourhoods.

        None when this index is not reachable from any site.
        """
        url = self.get_url(request)
        return None if url is None else url + self._landing_route(municipality, neighbourhood)

    def _landing_route(self, municipality, neighbourhood=None):
        if neighbourhood is None:
            return self.reverse_subpage("municipality", args=[municipality.slug])
        return self.reverse_subpage("neighbourhood", args=[municipality.slug, neighbourhood.slug])

    def search_page(self):
        """The region's search page (a sibling of this index), or None."""
        return live_search_page(self.get_siblings())

    @path("in/<slug:municipality_slug>/", name="municipality")
    def municipality_landing(self, request, municipality_slug):
        """Childcare in one municipality, with links to its neighbourhoods."""
        municipality = self.landing_municipalities().filter(slug=municipality_slug).first()
        if municipality is None:
            raise Http404(gettext("We do not know this municipality."))
        return self._render_landing(request, municipality)

    @path("in/<slug:municipality_slug>/<slug:neighbourhood_slug>/", name="neighbourhood")
    def neighbourhood_landing(self, request, municipality_slug, neighbourhood_slug):
        """Childcare in one neighbourhood (wijk) of a municipality."""
        municipality = self.landing_municipalities().filter(slug=municipality_slug).first()
        neighbourhood = (
            municipality.neighbourhoods.filter(slug=neighbourhood_slug).first()
            if municipality is not None
            else None
        )
        if neighbourhood is None:
            raise Http404(gettext("We do not know this neighbourhood."))
        return self._render_landing(request, municipality, neighbourhood)

    def _render_landing(self, request, municipality, neighbourhood=None):
        place = neighbourhood or municipality
        fiches = LocationPage.objects.descendant_of(self).filter(municipality=municipality)
        if neighbourhood is not None:
            fiches = fiches.filter(neighbourhood=neighbourhood)
        locations = self.paginate(request, for_listing(fiches))
        search_page = self.search_page()
        search_url = None
        if search_page is not None:
            search_url = url_in_interface_language(search_page, request)
            search_url = f"{search_url}?gemeente={municipality.slug}"
            if neighbourhood is not None:
                search_url += f"&wijk={neighbourhood.slug}"
        title = gettext("Childcare in %(place)s") % {"place": place}
        count = locations.paginator.count
        description = ngettext(
            "Childcare for babies and toddlers in %(place)s: %(count)s location, "
            "its free places, price and opening hours.",
            "Childcare for babies and toddlers in %(place)s: %(count)s locations, "
            "their free places, prices and opening hours.",
            count,
        ) % {"place": place, "count": count}
        # Page.get_context, not ours: the index's own context paginates every fiche of the
        # region, which a landing page does not show.
        context = Page.get_context(self, request)
        index_url = self.get_url(request)
        context.update(
            landing_title=title,
            landing_description=description,
            canonical_url=self.get_full_url(request)
            + self._landing_route(municipality, neighbourhood),
            municipality=municipality,
            neighbourhood=neighbourhood,
            municipality_url=index_url + self._landing_route(municipality),
            neighbourhoods=[
                (item, index_url + self._landing_route(municipality, item))
                for item in municipality.neighbourhoods.all()
            ],
            locations=locations,
            cards=fiche_cards(locations, request, Region.objects.availability_cutoff(request)),
            search_url=search_url,
            # The results map's query (search/map_data.py): this place, whatever else the
            # landing page's URL carries.
            map_query=urlencode(
                {"gemeente": municipality.slug}
                | ({"wijk": neighbourhood.slug} if neighbourhood is not None else {})
            ),
        )
        return TemplateResponse(request, self.landing_template, context)

    def get_sitemap_urls(self, request=None):
        """The index itself plus every landing page, for wagtail.contrib.sitemaps."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if base is None:
            return urls
        for municipality in self.landing_municipalities().prefetch_related("neighbourhoods"):
            urls.append({"location": base + self._landing_route(municipality)})
            urls.extend(
                {"location": base + self._landing_route(municipality, neighbourhood)}
                for neighbourhood in municipality.neighbourhoods.all()
            )
        return urls


class OrganiserPage(OneLanguagePageMixin, FichePermissionsMixin, Page):
    """The folder of one organiser's fiches in a region, and their public overview.

    Page permissions are granted here, once per organiser, instead of on every fiche: Wagtail
    builds its admin explorer query with clauses per permission row, and with one row per
    fiche a large organiser's explorer slows down and, on SQLite, fails outright ("expression
    tree is too large"). Moving a fiche to another organiser's folder hands it over.
    """

    organiser = models.ForeignKey(
        "opvanglocaties.Organiser",
        on_delete=models.PROTECT,
        related_name="folders",
        verbose_name=_("organiser"),
    )

    content_panels = [*Page.content_panels, LicenceFieldPanel("organiser")]
    parent_page_types = ["opvanglocaties.LocationIndexPage"]
    base_form_class = OrganiserPageForm
    subpage_types = ["opvanglocaties.LocationPage"]

    class Meta:
        verbose_name = _("organiser folder")
        verbose_name_plural = _("organiser folders")

    def locations(self):
        """The organiser's live fiches in this region, by name."""
        return for_listing(LocationPage.objects.child_of(self))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["cards"] = fiche_cards(
            self.locations(), request, Region.objects.availability_cutoff(request)
        )
        return context
