"""The request's Wagtail Site (with its specific root page) read once per publication
generation instead of once per request.

Wagtail looks the Site up by host name on every request (one query) and routing then reads
the root page's specific row (another). Both change only when a site is edited or the home
page is published or saved, and each of those bumps the page cache's generation
(`core.cache`; the home app invalidates on a home page save). So the Site found for a host and
port is kept in the cache under the current generation, and `CachedSiteMiddleware` hands it
to Wagtail, which keeps a request's Site on `request._wagtail_site`.
"""

from django.conf import settings
from django.core.cache import caches
from django.http.request import split_domain_port
from wagtail.models import Site

from . import cache as page_cache

SECONDS = 3600
NO_SITE = "none"  # cached when no Site answers the host (None cannot be told from a miss)


def cached_site(request):
    """The Site for this request (as `Site.find_for_request` finds it), from the cache."""
    hostname = split_domain_port(request._get_raw_host())[0]
    key = f"site-for:{page_cache.generation()}:{hostname}:{request.get_port()}"
    store = caches[settings.PAGE_CACHE_ALIAS]
    site = store.get(key)
    if site is None:
        site = Site._find_for_request(request)
        if site is not None:
            # Routing starts from the root page's specific row: read it now, once.
            site.root_page = site.root_page.specific
        store.set(key, site if site is not None else NO_SITE, SECONDS)
    return None if isinstance(site, str) else site


class CachedSiteMiddleware:
    """Puts the cached Site on the request where Wagtail looks for it first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._wagtail_site = cached_site(request)
        return self.get_response(request)
