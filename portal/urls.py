"""URL configuration: admin, documents, health, then Wagtail's page tree per language."""

import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core.accounts import ThrottledPasswordResetView
from core.health import health, live
from home.views import robots_txt
from search.open_data.api import api_router

urlpatterns = [
    # Before Wagtail's own: the reset form with a limit per client (core/accounts.py).
    path(
        "admin/password_reset/",
        ThrottledPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    # Answered by core.health.HealthCheckMiddleware first; named here for reverse().
    path("health/", health, name="health"),
    path("health/ready/", health, name="health_ready"),
    path("health/live/", live, name="health_live"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    # Open data (docs/open-data.md); one language, so outside i18n_patterns.
    path("api/v2/", api_router.urls),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    from core.media import serve_media

    urlpatterns += staticfiles_urlpatterns()
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns += [re_path(rf"^{re.escape(media_prefix)}/(?P<path>.*)$", serve_media)]

# The language is part of the URL (Dutch without prefix, English under /en/), so every URL has
# one language: shareable, indexable, and cacheable for anonymous visitors.
urlpatterns += i18n_patterns(
    path("", include("search.urls")),
    path("", include("aanvraagformulier.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
