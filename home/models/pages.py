"""The home page of a region's website."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PagePermissionTester

from core.forms import PortalPageForm
from core.pages import live_search_page
from core.publishing import OfflineRightsMixin
from core.routing import route_in_language
from core.sitecache import CachedTranslationsMixin
from opvanglocaties.models import LocationIndexPage, Region

from ..blocks import StepBlock
from .leaflets import LeafletPage
from .news import NewsPage

# Django's own model permission, given to the communication role (migration 0002): it lets
# them edit and publish the home page itself. A Wagtail page permission on the home page would
# also cover every location fiche below it, which communication staff must not touch.
EDIT_HOME_PERMISSION = "home.change_homepage"


class HomePagePermissionTester(OfflineRightsMixin, PagePermissionTester):
    """Wagtail's rules, plus: holders of EDIT_HOME_PERMISSION may edit and publish this page.

    Only this page: the extra rights live on this tester, not in the page permission rows that
    Wagtail passes down to the page's descendants. Editing the home page's text is not
    deciding that the region's website goes offline: they may not unpublish it, schedule its
    expiry or restrict it (core.publishing).
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        self.edits_home_content = (
            user.is_active and not user.is_superuser and user.has_perm(EDIT_HOME_PERMISSION)
        )
        if self.edits_home_content:
            # Under a workflow the workflow publishes (home.permissions), not the editor.
            granted = {"change", "publish"} if page.get_workflow() is None else {"change"}
            self.permissions = self.permissions | granted

    def can_delete(self, ignore_bulk=False):
        # Editing the home page's text is not deciding that the region's website goes away.
        return self.user.is_superuser or (
            not self.edits_home_content and super().can_delete(ignore_bulk=ignore_bulk)
        )

    def can_take_offline(self):
        # Unpublish, expiry and view restrictions (a restriction on the home page would put
        # the whole site, every fiche, behind a login).
        return self.user.is_superuser or (
            not self.edits_home_content and super().can_take_offline()
        )

    def can_reorder_children(self):
        # The order of the sections under the home page is the site's structure, not its text.
        return self.user.is_superuser or (
            not self.edits_home_content and super().can_reorder_children()
        )

    def can_publish_subpage(self):
        # New sections are made by administrators (and handed over by hook), not by editors.
        return self.user.is_superuser or (
            not self.edits_home_content and super().can_publish_subpage()
        )


class HomePage(CachedTranslationsMixin, Page):
    """The root page of a region's site: where parents start looking for childcare.

    A site's home page may have a copy per language (wagtail-localize): the English copy has
    the translated sections below it, and what it lacks (the fiches, pages not translated) is
    routed from the Dutch one (core.routing.route_in_language).
    """

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    search_title = models.CharField(
        _("search title"),
        max_length=120,
        blank=True,
        default="",
        help_text=_("Above the search box."),
    )
    how_it_works_title = models.CharField(
        _("title of 'how it works'"), max_length=120, blank=True, default=""
    )
    how_it_works = StreamField(
        [("step", StepBlock())],
        verbose_name=_("how it works"),
        blank=True,
        max_num=5,
        help_text=_("Three short steps work best."),
    )
    news_count = models.PositiveSmallIntegerField(
        _("number of news items"),
        default=3,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    leaflet_count = models.PositiveSmallIntegerField(
        _("number of leaflets"),
        default=3,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("search_title"),
        MultiFieldPanel(
            [FieldPanel("how_it_works_title"), FieldPanel("how_it_works")],
            heading=_("How it works"),
        ),
        MultiFieldPanel(
            [FieldPanel("news_count"), FieldPanel("leaflet_count")],
            heading=_("News and leaflets"),
        ),
    ]
    parent_page_types = ["wagtailcore.Page"]
    base_form_class = PortalPageForm

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def permissions_for_user(self, user):
        return HomePagePermissionTester(user, self)

    def route(self, request, path_components):
        # Every URL of a site starts here: read the pages on the way in one query
        # (core.routing), not two per level.
        return route_in_language(self, request, path_components)

    def _source_home(self):
        """The home page this one is a translation of (the site's own), or None."""
        return (
            HomePage.objects.filter(
                translation_key=self.translation_key, sites_rooted_here__isnull=False
            )
            .exclude(pk=self.pk)
            .first()
        )

    def location_index(self):
        """The location index of this site, if it has one (fiches have one copy, in Dutch:
        a translated home page finds the one below the Dutch home page)."""
        index = LocationIndexPage.objects.child_of(self).live().first()
        if index is None and (source := self._source_home()) is not None:
            return source.location_index()
        return index

    def search_page(self):
        """The first live search page below this home page, or None (no search form then);
        a translated home page without its own copy uses the Dutch one."""
        page = live_search_page(Page.objects.child_of(self))
        if page is None and (source := self._source_home()) is not None:
            return source.search_page()
        return page

    def latest_news(self):
        """The newest live news items of this site."""
        if not self.news_count:
            return NewsPage.objects.none()
        return (
            NewsPage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("image")
            .order_by("-date", "-pk")[: self.news_count]
        )

    def latest_leaflets(self):
        """The most recently published leaflets of this site."""
        if not self.leaflet_count:
            return LeafletPage.objects.none()
        return (
            LeafletPage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("cover_image")
            .order_by("-first_published_at", "-pk")[: self.leaflet_count]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: the template's content is kept until the next publication
        # (generation_cache), and then none of these is read.
        context["location_index"] = SimpleLazyObject(self.location_index)
        context["search_page"] = SimpleLazyObject(self.search_page)
        context["region"] = SimpleLazyObject(lambda: self._region_with_places(request))
        # (Wagtail's .public() reads the view restrictions when the queryset is built.)
        context["latest_news"] = SimpleLazyObject(self.latest_news)
        context["latest_leaflets"] = SimpleLazyObject(self.latest_leaflets)
        return context

    def _region_with_places(self, request):
        region = Region.objects.for_request(request)
        if region is not None:
            prefetch_related_objects([region], "municipalities__neighbourhoods")
        return region
