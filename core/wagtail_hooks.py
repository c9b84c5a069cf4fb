"""Admin hooks every page type shares: unpublishing never takes along an alias out of reach."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page

from .publishing import aliases_blocking


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
