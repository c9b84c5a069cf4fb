"""Who the client is, and how often it may do something: for the login and reset forms.

`client_ip` is the address axes keys its lockouts on (AXES_CLIENT_IP_CALLABLE) and the
password-reset throttle counts by. Behind the reverse proxy every request comes from
127.0.0.1, so the client is the address the proxy put in X-Forwarded-For; only as many
hops are trusted as there are proxies of ours (OPVANGPUNT_TRUSTED_PROXY_COUNT), because the
client writes the rest of that header itself.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    """The client's IP address as our own proxies saw it."""
    proxies = getattr(settings, "OPVANGPUNT_TRUSTED_PROXY_COUNT", 0)
    forwarded = [
        hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop
    ]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def allow(scope, identity, limit, seconds):
    """Count one attempt of `identity` (an address, an email) in `scope`; False past `limit`.

    A fixed window in the shared cache (Redis in production, so all workers count together).
    The identity is hashed: cache keys carry no email addresses.
    """
    digest = hashlib.sha256(str(identity).strip().lower().encode()).hexdigest()[:32]
    key = f"throttle:{scope}:{digest}"
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, seconds)
        count = 1
    return count <= limit
