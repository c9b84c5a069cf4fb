"""The portal's URLs plus the floor view the bench compares every figure with."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.views.generic import TemplateView
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

# The portal's list, not include("portal.urls"): Django refuses i18n_patterns in an include.
from portal.urls import urlpatterns as portal_urlpatterns

FLOOR_BODY = b"floor"


def floor(request):
    """A fixed response: what the middleware stack alone costs per request."""
    return HttpResponse(FLOOR_BODY, content_type="text/plain")


def stock_search(request):
    """Wagtail's stock search view, as `wagtail start` generates it (search/views.py).

    The yardstick for the search page: `Page.objects.live().search(q)`, ten results a page.
    """
    search_query = request.GET.get("query", None)
    page = request.GET.get("page", 1)
    if search_query:
        search_results = Page.objects.live().search(search_query)
    else:
        search_results = Page.objects.none()
    paginator = Paginator(search_results, 10)
    try:
        search_results = paginator.page(page)
    except PageNotAnInteger:
        search_results = paginator.page(1)
    except EmptyPage:
        search_results = paginator.page(paginator.num_pages)
    return TemplateResponse(
        request,
        "bench/stock_search.html",
        {"search_query": search_query, "search_results": search_results},
    )


class AdminFloorView(WagtailAdminTemplateMixin, TemplateView):
    """The cheapest Wagtail admin page: the admin's chrome (menu, header, breadcrumbs) with
    an empty body, behind the admin's access check and, under /admin/, the second factor.
    What any back-office page costs before it does any work of its own."""

    template_name = "bench/admin_floor.html"
    page_title = "Floor"


urlpatterns = [
    path("__bench__/floor/", floor, name="bench_floor"),
    # Under /admin/ so the admin's middleware (the second factor, core/twofactor.py) runs as
    # for every back-office page; before the portal's own admin URLs.
    path(
        "admin/__bench__/floor/",
        require_admin_access(AdminFloorView.as_view()),
        name="bench_admin_floor",
    ),
    path("__bench__/stock-search/", stock_search, name="bench_stock_search"),
    *portal_urlpatterns,
]
