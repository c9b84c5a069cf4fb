"""Admin registrations, the page hooks that hand each fiche to its organiser, and the
providers' staff pages (`staff_views`)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.snippets.models import register_snippet

from . import staff_views
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
        )
    ]


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
        gettext_lazy("Staff"), reverse("opvangpunt_staff_index"), icon_name="user", order=215
    )
