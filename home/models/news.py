"""News: an index with pagination, tags and feeds, and the news items below it."""

import re

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.forms import PortalPageForm

from ..blocks import ALT_TEXT_HELP, ALT_TEXT_REQUIRED, DECORATIVE_HELP, BodyBlock
from ..feeds import AtomNewsFeed, NewsFeed

TAG_SLUG = re.compile(r"[-\w]*")

NEWS_PER_PAGE = 10


class NewsIndexPage(RoutablePageMixin, Page):
    """The news section: the items, newest first, ten a page, with RSS and Atom feeds."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    base_form_class = PortalPageForm
    subpage_types = ["home.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def news_items(self, tag=None):
        """The published news items of this section, newest first (optionally with a tag)."""
        items = (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .select_related("image")
            .order_by("-date", "-pk")
        )
        if tag:
            items = items.filter(tags__slug=tag)
        return items

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tag = request.GET.get("tag", "")[:100]
        # A tag is a slug; anything else (a NUL byte breaks PostgreSQL) matches no tag.
        if not TAG_SLUG.fullmatch(tag):
            tag = ""
        # get_page: a page number that is not a number or out of range gives a page, not a 500.
        news = Paginator(self.news_items(tag).prefetch_related("tags"), NEWS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        Tag = NewsPageTag.tag_model()
        context.update(
            news=news,
            current_tag=Tag.objects.filter(slug=tag).first() if tag else None,
            tags=Tag.objects.filter(home_newspagetag_items__content_object__in=self.news_items())
            .distinct()
            .order_by("name"),
        )
        return context

    @path("rss/", name="rss")
    def rss_feed(self, request):
        """The latest news as RSS 2.0."""
        return NewsFeed(self)(request)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        """The latest news as Atom 1.0."""
        return AtomNewsFeed(self)(request)


class NewsPageTag(TaggedItemBase):
    """The tags of a news item (taggit through model, kept with the page's revisions)."""

    content_object = ParentalKey(
        "home.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsPageForm(PortalPageForm):
    """A news item's admin form: as in ImageBlock, alt="" only for a decorative image.

    In the form, not in Model.clean: Wagtail validates a live page on every save (scheduled
    publishing, moves), and items from before this rule must not block those.
    """

    def clean(self):
        cleaned = super().clean()
        alt_text = (cleaned.get("image_alt_text") or "").strip()
        if cleaned.get("image") and not cleaned.get("image_is_decorative") and not alt_text:
            self.add_error("image_alt_text", ALT_TEXT_REQUIRED)
        return cleaned


class NewsPage(Page):
    """One news item: date, summary, image and body."""

    date = models.DateField(_("date"), default=timezone.localdate)
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences, shown in lists and feeds.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt_text = models.CharField(
        _("alternative text of the image"),
        max_length=250,
        blank=True,
        default="",
        help_text=ALT_TEXT_HELP,
    )
    image_is_decorative = models.BooleanField(
        _("decorative image"), default=False, help_text=DECORATIVE_HELP
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("image_alt_text"),
        FieldPanel("image_is_decorative"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []
    base_form_class = NewsPageForm

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
