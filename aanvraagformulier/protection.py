"""What guards the request views: private caching, body size, rate limits (django-ratelimit on
the default cache: Redis or the shared file cache in production) with a polite Dutch 429."""

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited


def no_store(response):
    """Personal pages: never in a shared cache, the page cache or the browser's history cache."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def private(view):
    """Mark the view's responses private (see no_store)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return no_store(view(request, *args, **kwargs))

    return wrapper


def _submit_rate(group, request):
    return settings.OPVANGPUNT_RATE_SUBMIT


def _link_rate(group, request):
    return settings.OPVANGPUNT_RATE_PRIVATE_LINK


def too_many(request):
    response = render(request, "aanvraagformulier/too_many.html", status=429)
    response["Retry-After"] = "60"
    return no_store(response)


def too_large(request):
    return no_store(render(request, "aanvraagformulier/too_large.html", status=413))


def guarded(kind):
    """Size limit on every request, and the rate limit of `kind` ("submit": POSTs of the
    form; "link": every look-up of a private link, GET or POST, and new-link requests)."""
    rate, methods = {
        "submit": (_submit_rate, ["POST"]),
        "link": (_link_rate, ["GET", "POST"]),
    }[kind]

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            length = request.META.get("CONTENT_LENGTH") or "0"
            if not length.isdigit() or int(length) > settings.OPVANGPUNT_REQUEST_MAX_BODY_BYTES:
                return too_large(request)
            if request.method in methods and is_ratelimited(
                request,
                group=f"aanvraagformulier.{kind}",
                key="ip",
                rate=rate,
                method=methods,
                increment=True,
            ):
                return too_many(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
