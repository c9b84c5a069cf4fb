"""Whole-page cache for anonymous visitors, cleared whenever a page is published or removed.

Anonymous visitors without a session get the same HTML for the same URL (the language is part
of the URL), so a response can be served from Django's cache without touching the database.
Anyone with a session cookie (logged-in staff, a parent with a compare list or a form in
progress) always gets a fresh page: personal content is never stored.

Invalidation is coarse on purpose: publishing any page bumps a generation number that is part
of every key. A fiche change also changes the index, home and search pages that list it, and
pages are published a few hundred times a day at most, so finer bookkeeping would buy little.
"""

import contextvars
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.cache import patch_vary_headers
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "pagecache:generation"
# The generation as the current request first read it. A search page asks for it some forty
# times (every kept card, fragment and place list is keyed by it); with Redis or a cache on
# disk each of those was a round trip. A one-item list, not the value: `invalidate()` empties
# it even from a context copied off the request's (asgiref's sync_to_async copies it).
_request_generation = contextvars.ContextVar("page_cache_generation")


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _fresh_generation():
    # Never a value used before: after the cache is emptied (a restart of the shared cache,
    # tests), a generation starting again at 1 would let a process's own copies from the old
    # 1 (core.sitecache keeps the Site in process memory) pass for current.
    return time.time_ns()


def generation():
    """The current cache generation; every cached page is stored under it.

    Within a request (`GenerationPerRequestMiddleware`) it is read from the cache once: the
    whole page is drawn from one generation. A publication in the same request is seen at
    once (`invalidate()`); one in another process, from the next request on.
    """
    held = _request_generation.get(None)
    if held is not None and held[0] is not None:
        return held[0]
    value = _cache().get(GENERATION_KEY)
    if value is None:
        _cache().add(GENERATION_KEY, _fresh_generation(), timeout=None)
        value = _cache().get(GENERATION_KEY) or _fresh_generation()
    if held is not None:
        held[0] = value
    return value


def _bump():
    try:
        _cache().incr(GENERATION_KEY)
    except ValueError:  # the key was never set or was evicted
        _cache().set(GENERATION_KEY, _fresh_generation(), timeout=None)
    held = _request_generation.get(None)
    if held is not None:
        held[0] = None


def invalidate():
    """Make every cached page stale (the old entries expire by themselves).

    At once, so the rest of the request sees it, and again when the transaction commits: a
    visitor's request that read the new generation while the publication was not committed
    yet drew and kept the old content under it (a page, a fragment, where a path leads).
    """
    _bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump)


_kept_lock = threading.Lock()
# (generation, values), replaced in one assignment so a reader never pairs one generation
# with another's values.
_kept = (None, {})


def remembered(key, load):
    """`load()`, kept in this process under `key` until the generation changes (read afresh
    every time when `FRAGMENT_CACHE_SECONDS` is 0, as in the tests' settings).

    For what every request asks and only a publication changes (the search's places, its
    form's empty fields, where a path leads): process memory, not the shared cache, since
    unpickling would cost more than the small queries it saves. Keys must come from the
    database or the code, never from text a visitor typed, so that what is kept stays
    bounded by the tables. The values are shared between requests: callers must not change
    them.
    """
    values = kept_values()
    if values is None:
        return load()
    try:
        return values[key]
    except KeyError:
        value = values[key] = load()
        return value


def kept_values():
    """This process's dict of what `remembered` keeps under the current generation, for a
    caller that keeps only some outcomes (`core.routing`); None while nothing is kept."""
    global _kept
    if not settings.FRAGMENT_CACHE_SECONDS:
        return None
    current = generation()
    kept_generation, values = _kept
    if kept_generation == current:
        return values
    with _kept_lock:
        kept_generation, values = _kept
        if kept_generation == current:
            return values
        if kept_generation is not None and current < kept_generation:
            # A request that began before the last publication (it reads the generation
            # once): it keeps nothing, rather than send every other request back to its
            # generation. Generations only grow (`incr`, or a fresh `time_ns()`).
            return {}
        values = {}
        _kept = (current, values)
        return values


class GenerationPerRequestMiddleware:
    """Reads the page cache's generation at most once per request (`generation()`).

    Outermost of the cache's middleware, so the page cache's key and everything the page keeps
    per generation agree on one value."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_generation.set([None])
        try:
            return self.get_response(request)
        finally:
            _request_generation.reset(token)


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
