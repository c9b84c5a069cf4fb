"""Admin hooks: unpublishing never takes along an alias out of reach; the two-factor pages,
the second factor for restricted documents, and the "Login security" page (unlock, reset a
second factor); "Translate" refused for fiches (core.i18n)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from . import account_admin, translation_admin, twofactor
from .publishing import aliases_blocking

# The provider documents are served outside /admin/: they ask for the second factor too.
hooks.register("before_serve_document", twofactor.guard_restricted_document)


@hooks.register("register_admin_urls")
def login_security_urls():
    return [
        path("2fa/instellen/", twofactor.setup, name="opvangpunt_2fa_setup"),
        path("2fa/code/", twofactor.verify, name="opvangpunt_2fa_verify"),
        path("2fa/herstelcodes/", twofactor.recovery_codes, name="opvangpunt_2fa_recovery_codes"),
        path(
            "aanmeldbeveiliging/",
            account_admin.login_security,
            name="opvangpunt_login_security",
        ),
        # Before wagtail-localize's own view at this address (core's hooks load first).
        path(
            "localize/submit/page/<int:page_id>/",
            translation_admin.submit_page_translation,
            name="opvangpunt_submit_page_translation",
        ),
    ]


class LoginSecurityMenuItem(MenuItem):
    def is_shown(self, request):
        return account_admin.can_manage_logins(request.user)


@hooks.register("register_settings_menu_item")
def login_security_menu_item():
    return LoginSecurityMenuItem(
        gettext_lazy("Login security"),
        reverse("opvangpunt_login_security"),
        icon_name="lock",
        order=900,
    )


def _refuse_unpublish(request, blocking):
    messages.error(
        request,
        _(
            "This page has an alias you may not take offline (%(title)s): unpublishing it "
            "would take that alias offline too. Ask an administrator."
        )
        % {"title": blocking[0].get_admin_display_title()},
    )
    return redirect("wagtailadmin_home")


@hooks.register("before_unpublish_page")
def keep_aliases_out_of_reach_online(request, page):
    # Wagtail unpublishes every alias of an unpublished page without asking whether the user
    # may unpublish the alias (wagtail.actions.unpublish_page).
    pages = [page]
    if request.POST.get("include_descendants"):
        pages = Page.objects.descendant_of(page, inclusive=True)
    blocking = aliases_blocking(request.user, pages)
    return _refuse_unpublish(request, blocking) if blocking else None


@hooks.register("before_bulk_action")
def keep_aliases_online_in_bulk(request, action_type, objects, action_class_instance):
    if action_type != "unpublish":
        return None
    blocking = aliases_blocking(request.user, [obj.pk for obj in objects])
    return _refuse_unpublish(request, blocking) if blocking else None
