"""Admin registrations, the page hooks that hand each fiche to its organiser, and the
providers' staff pages (`staff_views`)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.site_summary import PagesSummaryItem, SummaryItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.snippets.models import register_snippet

from . import confirmation, dashboard, reminding, staff_views, views
from .models import LocationIndexPage, LocationPage, OrganiserPage
from .panels import LICENCE_PERMISSION
from .permissions import (
    grant_folder_permissions,
    grant_index_permissions,
    grant_location_permissions,
)
from .removal import LOG_ACTION, may_ask_removal
from .staff import StaffScope
from .views import ask_removal
from .viewsets import GeographyViewSetGroup, OrganiserViewSet

register_snippet(OrganiserViewSet)


@hooks.register("register_admin_viewset")
def register_geography():
    return GeographyViewSetGroup()


@hooks.register("after_create_page")
def grant_new_page(request, page):
    specific = page.specific
    if isinstance(specific, OrganiserPage):
        grant_folder_permissions(specific)
    elif isinstance(specific, LocationPage):
        grant_location_permissions(specific)
    elif isinstance(specific, LocationIndexPage):
        grant_index_permissions(specific)


def _may_delete_fiches(user):
    # A fiche exists as long as the licence does; removing it is the loket's decision, even
    # though Wagtail lets anyone with edit and publish rights delete a page.
    return user.has_perm(LICENCE_PERMISSION)


def _refuse_delete(request):
    messages.error(request, _("Only the loket can delete a location fiche."))
    return redirect("wagtailadmin_home")


@hooks.register("before_delete_page")
def protect_fiche_from_delete(request, page):
    specific = page.specific
    if isinstance(specific, (LocationPage, OrganiserPage)) and not _may_delete_fiches(request.user):
        return _refuse_delete(request)
    return None


@hooks.register("before_bulk_action")
def protect_fiches_from_bulk_delete(request, action_type, objects, action_class_instance):
    if action_type != "delete" or _may_delete_fiches(request.user):
        return None
    if any(isinstance(obj.specific, (LocationPage, OrganiserPage)) for obj in objects):
        return _refuse_delete(request)
    return None


@hooks.register("register_admin_urls")
def removal_request_urls():
    return [
        path(
            "fiches/<int:page_id>/verwijdering-vragen/", ask_removal, name="opvangpunt_ask_removal"
        ),
        path("fiches/mijn/", views.my_fiches, name="opvangpunt_my_fiches"),
        path(
            "fiches/beschikbaarheid/",
            views.availability_many,
            name="opvangpunt_availability_many",
        ),
        path(
            "fiches/<int:page_id>/bevestigen/",
            views.confirm,
            name="opvangpunt_confirm_availability",
        ),
        path("fiches/bevestigen/", views.confirm_many, name="opvangpunt_confirm_availability_many"),
        path("fiches/actualiteit/", views.loket_fiches, name="opvangpunt_loket_fiches"),
        path(
            "fiches/<int:page_id>/herinneren/",
            views.remind,
            name="opvangpunt_remind_availability",
        ),
    ]


# -- Availability: the provider's dashboard and list, the loket's list (issue 14.13) ---------

PANEL_ROWS = 10


class FichesPanel(Component):
    """A provider's dashboard: their fiches, longest unconfirmed first, with "still correct"."""

    name = "your_fiches"
    template_name = "opvanglocaties/admin/fiches_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        fiches = dashboard.provider_fiches(request.user)
        return {
            "request": request,
            "csrf_token": parent_context["csrf_token"],
            "rows": dashboard.fiche_rows(fiches[:PANEL_ROWS]),
            "total": fiches.count(),
        }


class LoketFreshnessPanel(Component):
    """The loket's dashboard: how many fiches of its region are unconfirmed, and a link."""

    name = "fiches_current"
    template_name = "opvanglocaties/admin/loket_panel.html"
    order = 60

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        stale = dashboard.loket_stale_count(request.user)
        return {"request": request, "stale": stale}


@hooks.register("construct_homepage_panels")
def availability_panels(request, panels):
    if dashboard.is_provider(request.user):
        panels.insert(0, FichesPanel())
    elif dashboard.is_loket(request.user) and not request.user.is_superuser:
        panels.insert(0, LoketFreshnessPanel())


class FichesSummaryItem(SummaryItem):
    """For providers instead of Wagtail's "1 Page": that counted the fiche they may explore
    and linked to its (empty) list of subpages, "0 pages" (issue 14.13)."""

    order = 100
    template_name = "opvanglocaties/admin/fiches_summary.html"

    def get_context_data(self, parent_context):
        return {"total": dashboard.provider_fiches(self.request.user).count()}


@hooks.register("construct_homepage_summary_items")
def provider_summary_items(request, items):
    if dashboard.is_provider(request.user):
        items[:] = [item for item in items if not isinstance(item, PagesSummaryItem)]
        items.append(FichesSummaryItem(request))


class ProviderMenuItem(MenuItem):
    def is_shown(self, request):
        return dashboard.is_provider(request.user)


class LoketMenuItem(MenuItem):
    def is_shown(self, request):
        return dashboard.is_loket(request.user)


@hooks.register("register_admin_menu_item")
def my_fiches_menu_item():
    return ProviderMenuItem(
        gettext_lazy("Your fiches"), reverse("opvangpunt_my_fiches"), icon_name="doc-full", order=5
    )


@hooks.register("register_admin_menu_item")
def loket_fiches_menu_item():
    return LoketMenuItem(
        gettext_lazy("Keeping fiches current"),
        reverse("opvangpunt_loket_fiches"),
        icon_name="time",
        order=215,
    )


class AskRemovalButton(PageMenuItem):
    """For providers, in the page's menu where the loket has "Unpublish"."""

    label = gettext_lazy("Ask the loket to remove")
    icon_name = "mail"
    priority = 61

    @property
    def url(self):
        return reverse("opvangpunt_ask_removal", args=[self.page.pk])

    def is_shown(self, user):
        page = self.page.specific_deferred
        tester = page.permissions_for_user(user)
        return may_ask_removal(user, page) and not tester.can_unpublish()


@hooks.register("register_page_header_buttons")
def ask_removal_header_button(page, user, view_name, next_url=None):
    yield AskRemovalButton(page=page)


@hooks.register("register_page_listing_more_buttons")
def ask_removal_listing_button(page, user, next_url=None):
    yield AskRemovalButton(page=page)


@hooks.register("register_log_actions")
def removal_log_action(actions):
    actions.register_action(
        LOG_ACTION, gettext_lazy("Ask to remove"), gettext_lazy("Removal asked of the loket")
    )
    actions.register_action(
        confirmation.LOG_ACTION,
        gettext_lazy("Confirm availability"),
        gettext_lazy("Availability confirmed as still correct"),
    )
    actions.register_action(
        reminding.LOG_ACTION,
        gettext_lazy("Availability reminder"),
        gettext_lazy("Staff reminded to confirm the availability"),
    )


@hooks.register("register_admin_urls")
def staff_urls():
    return [
        path("personeel/", staff_views.staff_index, name="opvangpunt_staff_index"),
        path("personeel/nieuw/", staff_views.staff_create, name="opvangpunt_staff_create"),
        path(
            "personeel/<int:pk>/uitschakelen/",
            staff_views.staff_deactivate,
            name="opvangpunt_staff_deactivate",
        ),
        path(
            "personeel/<int:pk>/heractiveren/",
            staff_views.staff_reactivate,
            name="opvangpunt_staff_reactivate",
        ),
        path(
            "personeel/<int:pk>/activatiemail/",
            staff_views.staff_send_activation,
            name="opvangpunt_staff_send_activation",
        ),
        path(
            "personeel/<int:pk>/tweede-factor-herstellen/",
            staff_views.staff_reset_two_factor,
            name="opvangpunt_staff_reset_two_factor",
        ),
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return StaffScope(request.user).manages_anyone()


@hooks.register("register_admin_menu_item")
def staff_menu_item():
    return StaffMenuItem(
        gettext_lazy("Staff"), reverse("opvangpunt_staff_index"), icon_name="user", order=216
    )
