"""The request's Wagtail Site (with its specific root page) read once per publication
generation instead of once per request.

Wagtail looks the Site up by host name on every request (one query) and routing then reads
the root page's specific row (another). Both change only when a site is edited or the home
page is published or saved, and each of those bumps the page cache's generation
(`core.cache`; the home app invalidates on a home page save). So the Site found for a host and
port is kept in the cache under the current generation, and `CachedSiteMiddleware` hands it
to Wagtail, which keeps a request's Site on `request._wagtail_site`.

Under /en/ Wagtail routes from the home page's English copy (`root_page.localized`): the live
copies of the home page in the other content languages are kept with it
(`TRANSLATIONS_ATTRIBUTE`, read by `CachedTranslationsMixin`), so that a page under /en/ costs
the same queries as under / (a translation made or published bumps the generation too).
"""

from django.conf import settings
from django.core.cache import caches
from django.db.models.base import ModelState
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from . import cache as page_cache
from .faults import fault_response
from .i18n import language_of_locale

SECONDS = 3600
NO_SITE = "none"  # cached when no Site answers the host (None cannot be told from a miss)
TRANSLATIONS_ATTRIBUTE = "_live_translations_by_language"


# This process's copies, for the current generation only: unpickling a Site with its home
# page from the shared cache costs about 0.2 ms, more than the floor view's whole answer.
_in_process = {}
MAX_IN_PROCESS = 50  # host names; a flood of made-up Host headers must not grow it


def _shared(request, key):
    store = caches[settings.PAGE_CACHE_ALIAS]
    site = store.get(key)
    if site is None:
        site = Site._find_for_request(request)
        if site is not None:
            # Routing starts from the root page's specific row: read it now, once.
            site.root_page = site.root_page.specific
            setattr(site.root_page, TRANSLATIONS_ATTRIBUTE, _live_translations(site.root_page))
        store.set(key, site if site is not None else NO_SITE, SECONDS)
    return None if isinstance(site, str) else site


def cached_site(request):
    """The Site for this request (as `Site.find_for_request` finds it), from the cache.

    Each request gets its own shallow copies of the Site and its home page, so that what one
    request sets on them never reaches another.
    """
    hostname = split_domain_port(request._get_raw_host())[0]
    generation = page_cache.generation()
    key = f"site-for:{generation}:{hostname}:{request.get_port()}"
    if key not in _in_process:
        if len(_in_process) >= MAX_IN_PROCESS or any(
            not known.startswith(f"site-for:{generation}:") for known in _in_process
        ):
            _in_process.clear()
        _in_process[key] = _shared(request, key)
    site = _in_process[key]
    if site is None:
        return None
    own = _shallow_copy(site)
    # (Straight into the related-object cache: the descriptor would check the instance again.)
    root = _shallow_copy(site.root_page)
    translations = getattr(root, TRANSLATIONS_ATTRIBUTE, None)
    if translations is not None:
        setattr(
            root, TRANSLATIONS_ATTRIBUTE, {k: _shallow_copy(p) for k, p in translations.items()}
        )
    own._state.fields_cache["root_page"] = root
    return own


def _live_translations(home):
    """The live copies of `home` in other languages, specific, by language code."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return {}
    copies = Page.objects.filter(translation_key=home.translation_key).exclude(pk=home.pk)
    return {language_of_locale(page.locale_id): page for page in copies.live().specific()}


class CachedTranslationsMixin:
    """For a site's home page: `localized` from the copies cached with its Site, no query.

    Wagtail routes every request from `site.root_page.localized`; without this, finding the
    copy in the request's language costs two queries a request (the active Locale, then the
    translation).
    """

    @property
    def localized(self):
        copies = self.__dict__.get(TRANSLATIONS_ATTRIBUTE)
        if copies is None:  # not the Site's cached home page
            return super().localized
        try:
            language = get_supported_content_language_variant(get_language())
        except LookupError:
            return self
        return copies.get(language, self)


def _shallow_copy(instance):
    # What copy.copy gives, without Django's __getstate__ walking every field (0.1 ms for a
    # home page): the instance's attributes and its state, with a cache of related rows of its
    # own.
    own = instance.__class__.__new__(instance.__class__)
    own.__dict__.update(instance.__dict__)
    own._state = ModelState()
    own._state.db = instance._state.db
    own._state.adding = instance._state.adding
    own._state.fields_cache = dict(instance._state.fields_cache)
    return own


class CachedSiteMiddleware:
    """Puts the cached Site on the request where Wagtail looks for it first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request._wagtail_site = cached_site(request)
        except Exception as exception:
            # This runs before FaultMiddleware's process_exception can see anything: a
            # database outage here must still give the Dutch 503 page, not a bare 500.
            response = fault_response(request, exception)
            if response is None:
                raise
            return response
        return self.get_response(request)
