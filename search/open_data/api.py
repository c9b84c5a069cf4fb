"""The open-data API: the published facts of every fiche as JSON (Wagtail API v2).

Mounted at /api/v2/ (portal/urls.py); documented for reusers in docs/open-data.md. The one
endpoint lists live, public location fiches only: no other page types, no drafts, nothing
behind a view restriction, and no fields about people: the fiche's fields are the public
list's (`fields.API_FIELDS`), not a list on the model. Bad query values are a 400 with a
message, never a server error (`api_filters.py`). It answers in JSON only.
"""

from django.http import Http404
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.filters import FieldsFilter, SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Page

from opvanglocaties.models import LocationPage

from .api_filters import (
    CheckedFieldsFilter,
    WordsSearchFilter,
    check_listing_query,
    check_no_null_characters,
    integer_range,
    parse_integer,
)
from .fields import API_FIELDS
from .privacy import HOME_ADDRESS_FIELDS

CHECKED_BACKENDS = {FieldsFilter: CheckedFieldsFilter, SearchFilter: WordsSearchFilter}


class LocationPagesAPIViewSet(PagesAPIViewSet):
    """Read-only listing and detail of location fiches, with their inline rows prefetched."""

    model = LocationPage
    # "parent" would name the organiser's folder, which for family care can be a person.
    meta_fields = [field for field in PagesAPIViewSet.meta_fields if field != "parent"]
    detail_only_fields = []
    filter_backends = [
        CHECKED_BACKENDS.get(backend, backend) for backend in PagesAPIViewSet.filter_backends
    ]
    # JSON only. Wagtail adds Django REST framework's browsable API (`?format=api`) whenever
    # `rest_framework` is installed: an HTML page of forms and scripts for developers, which
    # reusers do not need and the public site should not serve.
    renderer_classes = [JSONRenderer]

    @classmethod
    def get_body_fields(cls, model):
        # A fiche's fields come from the one public list, not from `LocationPage.api_fields`
        # (the model has none): what the open data publish is decided in this package.
        if issubclass(model, LocationPage):
            return cls._convert_api_fields([*cls.body_fields, *API_FIELDS])
        return super().get_body_fields(model)

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        if db_fields_only:
            # Wagtail counts inline rows and many-to-many fields as database fields too: ordering
            # by one repeats a fiche per row, and filtering by one takes ids the API never shows.
            # Nor the address fields a childminder's home leaves out: a filter on them would
            # confirm a home address, an order rank exact positions (privacy.py).
            columns = {field.name for field in model._meta.concrete_fields}
            fields = [
                name for name in fields if name in columns and name not in HOME_ADDRESS_FIELDS
            ]
        return fields

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        check_listing_query(
            self.request.GET,
            queryset.model,
            self.get_available_fields(queryset.model, db_fields_only=True),
            queryset.db,
        )

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

    def get_object(self):
        # The URL takes any run of digits; past the id column's range SQLite raises
        # OverflowError instead of finding no page.
        low, high = integer_range(Page._meta.pk, LocationPage.objects.db)
        if not low <= self.kwargs["pk"] <= high:
            raise Http404(f"No {self.model._meta.object_name} matches the given query.")
        return super().get_object()

    def find_object(self, queryset, request):
        check_no_null_characters(request.GET, ["html_path"])
        if "id" in request.GET:
            parse_integer(request.GET["id"], "id", *integer_range(Page._meta.pk, queryset.db))
        return super().find_object(queryset, request)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", LocationPagesAPIViewSet)
