"""RSS and Atom feeds of a news section (Django's syndication framework)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

FEED_LENGTH = 20


class NewsFeed(Feed):
    """The latest news items of one news index page, as RSS 2.0."""

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        site = self.index_page.get_site()
        site_name = site.site_name if site and site.site_name else "Opvangpunt"
        return f"{self.index_page.title} \N{EN DASH} {site_name}"

    def link(self):
        return self.index_page.get_full_url(self.request)

    def description(self):
        return self.index_page.search_description or self.index_page.title

    def items(self):
        # item_categories reads each item's tags: one query for all of them, not one per item.
        return self.index_page.news_items().prefetch_related("tags")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        # The news item's own date, at the start of that day, in the portal's time zone.
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time()))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class AtomNewsFeed(NewsFeed):
    """The same items as Atom 1.0."""

    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
