"""Clear answers when the infrastructure fails under a request, instead of a bare 500.

Every request is one transaction (ATOMIC_REQUESTS), so by the time an exception reaches this
middleware the database has rolled back whatever the request had started: nothing is half
written, and what was saved before is untouched. The visitor is told what happened and that
they can try again.
"""

import errno
import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

DISK_FULL = {errno.ENOSPC, errno.EDQUOT}


def classify(exception):
    """'database' or 'disk' for faults we answer ourselves, else None (a real bug: a 500)."""
    if isinstance(exception, (OperationalError, InterfaceError)):
        return "database"
    if isinstance(exception, OSError) and exception.errno in DISK_FULL:
        return "disk"
    if isinstance(exception, DatabaseError) and "locked" in str(exception).lower():
        return "database"
    return None


def messages():
    return {
        "database": (
            503,
            _("The database is busy or unreachable"),
            _(
                "Your change has not been saved, and nothing you saved earlier is lost. "
                "Please try again in a minute."
            ),
        ),
        "disk": (
            507,
            _("The server's disk is full"),
            _(
                "Your file has not been saved. Nothing you saved earlier is lost. Please tell "
                "the loket or the site administrator, and try again later."
            ),
        ),
    }


class FaultMiddleware:
    """Turns database and disk faults into a 503 or 507 page (or JSON for upload scripts)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return fault_response(request, exception)


def fault_response(request, exception):
    """The 503 or 507 answer for a database or disk fault, or None for any other exception.

    FaultMiddleware answers faults raised by views; middleware that reads the database before
    the view (core.sitecache) calls this itself."""
    kind = classify(exception)
    if kind is None:
        return None
    status, title, explanation = messages()[kind]
    # The traceback tells a real bug (a missing table is an OperationalError too) from an
    # outage; exception messages of these two kinds carry no personal data.
    logger.error(
        "request failed: %s fault (%s)", kind, type(exception).__name__, exc_info=exception
    )
    if "application/json" in request.headers.get("Accept", "") or request.headers.get(
        "X-Requested-With"
    ):
        # Wagtail's multiple-upload script shows `error_message` next to the file.
        return JsonResponse(
            {"success": False, "error_message": f"{title}. {explanation}"}, status=status
        )
    # A template without database access: the database may be the thing that failed.
    html = render_to_string("fault.html", {"title": title, "explanation": explanation})
    return HttpResponse(html, status=status)
