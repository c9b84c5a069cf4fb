"""Admin views of the locations app: a provider asks the loket to remove a fiche."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Page

from .removal import RemovalRequestForm, may_ask_removal, request_removal


def ask_removal(request, page_id):
    """The form that mails the loket a provider's request to take a fiche or folder offline."""
    page = get_object_or_404(Page, id=page_id).specific
    if not may_ask_removal(request.user, page):
        raise PermissionDenied
    form = RemovalRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if request_removal(page, request.user, form.cleaned_data["reason"]):
            messages.success(request, _("Your request was sent to the loket."))
        else:
            messages.warning(
                request,
                _(
                    "Your request is noted in the page history, but this region's loket has no "
                    "email address: call them."
                ),
            )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request, "opvanglocaties/admin/request_removal.html", {"page": page, "form": form}
    )
