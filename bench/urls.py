"""The portal's URLs plus the floor view the bench compares every figure with."""

from django.http import HttpResponse
from django.urls import path

# The portal's list, not include("portal.urls"): Django refuses i18n_patterns in an include.
from portal.urls import urlpatterns as portal_urlpatterns

FLOOR_BODY = b"floor"


def floor(request):
    """A fixed response: what the middleware stack alone costs per request."""
    return HttpResponse(FLOOR_BODY, content_type="text/plain")


urlpatterns = [
    path("__bench__/floor/", floor, name="bench_floor"),
    *portal_urlpatterns,
]
