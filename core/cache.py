"""Whole-page cache for anonymous visitors, cleared whenever a page is published or removed.

Anonymous visitors without a session get the same HTML for the same URL (the language is part
of the URL), so a response can be served from Django's cache without touching the database.
Anyone with a session cookie (logged-in staff, a parent with a compare list or a form in
progress) always gets a fresh page: personal content is never stored.

Invalidation is coarse on purpose: publishing any page bumps a generation number that is part
of every key. A fiche change also changes the index, home and search pages that list it, and
pages are published a few hundred times a day at most, so finer bookkeeping would buy little.
"""

import time

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.cache import patch_vary_headers
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "pagecache:generation"


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _fresh_generation():
    # Never a value used before: after the cache is emptied (a restart of the shared cache,
    # tests), a generation starting again at 1 would let a process's own copies from the old
    # 1 (core.sitecache keeps the Site in process memory) pass for current.
    return time.time_ns()


def generation():
    """The current cache generation; every cached page is stored under it."""
    value = _cache().get(GENERATION_KEY)
    if value is None:
        _cache().add(GENERATION_KEY, _fresh_generation(), timeout=None)
        value = _cache().get(GENERATION_KEY) or _fresh_generation()
    return value


def invalidate():
    """Make every cached page stale (the old entries expire by themselves)."""
    try:
        _cache().incr(GENERATION_KEY)
    except ValueError:  # the key was never set or was evicted
        _cache().set(GENERATION_KEY, _fresh_generation(), timeout=None)


def _has_private_cookie(request):
    return any(name in request.COOKIES for name in settings.PAGE_CACHE_BYPASS_COOKIES)


def request_is_cacheable(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path_info.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PREFIXES))
        and not _has_private_cookie(request)
    )


def response_is_cacheable(response):
    # "Vary: Cookie" is no reason to skip: the session middleware adds it whenever the lazy user
    # is looked at, and requests that carry a session cookie never reach the cache anyway. A
    # response that sets a cookie (a CSRF token in a form) is personal and is skipped.
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
    )


def cache_key(request):
    return (
        f"pagecache:{generation()}:{request.get_host()}:{request.method}:{request.get_full_path()}"
    )


class AnonymousPageCacheMiddleware:
    """Serve and store anonymous GET responses; sits before the session middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_cacheable(request):
            return self.get_response(request)
        key = cache_key(request)
        cached = _cache().get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if response_is_cacheable(response):
            # Logged-in visitors carry a session cookie and bypass this cache: say so to
            # shared caches in front of us too.
            patch_vary_headers(response, ("Cookie",))
            response["X-Page-Cache"] = "miss"
            _cache().set(key, response, settings.PAGE_CACHE_SECONDS)
        return response


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_changed(sender, **kwargs):
    invalidate()


# Only for Page: deleting any page deletes its wagtailcore_page row, and Django sends
# post_delete for that parent row too (sender=Page). A receiver for every sender would make
# every delete in the project, of any model, read its rows before deleting them (a receiver
# rules out Django's fast delete).
@receiver(post_delete, sender=Page)
def _page_deleted(sender, instance, **kwargs):
    invalidate()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def _restriction_changed(sender, **kwargs):
    # A page made private must not go on being served from the cache to anonymous visitors,
    # nor linger in the cached lists and searches that showed it.
    invalidate()


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def _site_changed(sender, **kwargs):
    # The Site of a host is cached per generation (core.sitecache), and so is every page.
    invalidate()
