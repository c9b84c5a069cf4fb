"""The open-data API: the published facts of every fiche as JSON (Wagtail API v2).

Mounted at /api/v2/ (portal/urls.py); documented for reusers in docs/open-data.md. The one
endpoint lists live, public location fiches only: no other page types, no drafts, nothing
behind a view restriction, and no fields about people (see `LocationPage.api_fields`).
"""

from django.core.exceptions import ValidationError
from wagtail.api.v2.filters import FieldsFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet

from opvanglocaties.models import LocationPage


class CheckedFieldsFilter(FieldsFilter):
    """Wagtail's field filter, answering 400 rather than 500 to a value of the wrong type.

    Wagtail converts booleans and integers itself but hands other values (a latitude, a price,
    a date) straight to the ORM, which raises while building the query.
    """

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except (ValueError, TypeError, ValidationError) as error:
            raise BadRequestError(f"field filter error: {error}") from error


class LocationPagesAPIViewSet(PagesAPIViewSet):
    """Read-only listing and detail of location fiches, with their inline rows prefetched."""

    model = LocationPage
    # "parent" would name the organiser's folder, which for family care can be a person.
    meta_fields = [field for field in PagesAPIViewSet.meta_fields if field != "parent"]
    detail_only_fields = []
    filter_backends = [
        CheckedFieldsFilter if backend is FieldsFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]

    def get_queryset(self):
        requested = self.request.GET.get("type")
        if requested:
            try:
                models = page_models_from_string(requested)
            except (LookupError, ValueError) as error:
                raise BadRequestError("type doesn't exist") from error
            if any(not issubclass(model, LocationPage) for model in models):
                raise BadRequestError("this endpoint only serves opvanglocaties.LocationPage")
        # The public pages of the request's site (Wagtail's rules: live, no view restriction).
        public = self.get_base_queryset().values("pk")
        return (
            LocationPage.objects.filter(pk__in=public)
            .select_related("municipality", "neighbourhood", "locale")
            .prefetch_related("opening_hours", "closing_periods", "availability", "priority_rules")
            .order_by("id")
        )


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", LocationPagesAPIViewSet)
