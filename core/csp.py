"""Content security policy: strict on the public site, relaxed where Wagtail's admin needs it."""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings


def map_tiles_origin():
    """The scheme and host of OPVANGPUNT_MAP_TILES_URL ("https://tile.example"), or ""."""
    parts = urlsplit(getattr(settings, "OPVANGPUNT_MAP_TILES_URL", "") or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    # Leaflet's "{s}" subdomain placeholder becomes a CSP wildcard ("https://*.tile.example").
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with ADMIN_CONTENT_SECURITY_POLICY for URLs under /admin/.

    Wagtail's admin uses inline styles and scripts (Draftail, Stimulus controllers, previews);
    the public pages use neither, so they keep the strict policy. The public policy lets
    images come from the map's tile server too (OPVANGPUNT_MAP_TILES_URL), read per request so
    that the setting stays the one place to change it.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.ADMIN_CSP_PATH_PREFIX)
        ):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        elif not report_only and parts.config is None and (origin := map_tiles_origin()):
            update = dict(parts.update or {})
            update["img-src"] = [*update.get("img-src", ()), origin]
            parts.update = update
        return parts
