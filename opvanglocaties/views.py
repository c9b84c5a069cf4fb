"""Admin views of the locations app: a provider asks the loket to remove a fiche; providers
confirm their availability; the loket sees how fresh its region's fiches are and reminds."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.models import Page

from . import bulk_availability, confirmation, dashboard, reminding
from .models import LocationPage
from .removal import RemovalRequestForm, may_ask_removal, request_removal

PER_PAGE = 50


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


# -- Availability: the provider's list and confirmation, the loket's list and reminders ------


def _back(request, default):
    """Where to go after a POST: the `next` it names (on this host only), else `default`."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(default)


def my_fiches(request):
    """A provider's fiches with their availability and last confirmation (issue 14.13)."""
    if not dashboard.is_provider(request.user) and not dashboard.is_loket(request.user):
        raise PermissionDenied
    pages = Paginator(dashboard.provider_fiches(request.user), PER_PAGE).get_page(
        request.GET.get("p")
    )
    return TemplateResponse(
        request,
        "opvanglocaties/admin/my_fiches.html",
        {"pages": pages, "rows": dashboard.fiche_rows(pages)},
    )


@require_POST
def confirm(request, page_id):
    """One click: the availability of this fiche is still correct."""
    page = get_object_or_404(LocationPage, id=page_id)
    if not confirmation.may_confirm(request.user, page):
        raise PermissionDenied
    confirmation.confirm_availability(page, request.user)
    messages.success(
        request, _("The availability of %(title)s is confirmed for today.") % {"title": page.title}
    )
    return _back(request, "opvangpunt_my_fiches")


@require_POST
def confirm_many(request):
    """Confirm the availability of the ticked fiches among those the user may edit."""
    ids = [value for value in request.POST.getlist("page") if value.isdigit()]
    pages = dashboard.provider_fiches(request.user).filter(pk__in=ids)
    count = 0
    for page in pages:
        confirmation.confirm_availability(page, request.user)
        count += 1
    if count:
        messages.success(
            request,
            ngettext(
                "The availability of %(count)s fiche is confirmed for today.",
                "The availability of %(count)s fiches is confirmed for today.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.warning(request, _("Tick the fiches whose availability is still correct."))
    return _back(request, "opvangpunt_my_fiches")


def loket_fiches(request):
    """The loket's fiches of its region(s), oldest confirmation first, with "remind"."""
    if not dashboard.is_loket(request.user):
        raise PermissionDenied
    pages = Paginator(dashboard.loket_fiches(request.user), PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "opvanglocaties/admin/loket_fiches.html",
        {"pages": pages, "rows": dashboard.fiche_rows(pages)},
    )


@require_POST
def remind(request, page_id):
    """The loket reminds a fiche's staff to confirm its availability (once per period)."""
    if not dashboard.is_loket(request.user):
        raise PermissionDenied
    page = get_object_or_404(dashboard.loket_fiches(request.user), id=page_id)
    region = page.publishing_region
    item = reminding.due(page, region) or reminding.Due(
        page, reminding.counted_from(page, timezone.localdate()), 0
    )
    reminder = reminding.send(item, region, user=request.user)
    if reminder is None:
        sent = reminding.already_sent(item)
        messages.warning(
            request,
            _("%(title)s already got a reminder for this period, on %(date)s.")
            % {"title": page.title, "date": date_format(timezone.localtime(sent.sent_at), "j F Y")},
        )
    elif reminder.recipients:
        messages.success(
            request, _("A reminder was sent to the staff of %(title)s.") % {"title": page.title}
        )
    else:
        messages.warning(
            request,
            _("%(title)s has no staff with an email address: call them.") % {"title": page.title},
        )
    return _back(request, "opvangpunt_loket_fiches")


BULK_PER_PAGE = 20


def availability_many(request):
    """The availability of many fiches in one form (`bulk_availability`)."""
    if not dashboard.is_provider(request.user) and not dashboard.is_loket(request.user):
        raise PermissionDenied
    pages = Paginator(dashboard.provider_fiches(request.user), BULK_PER_PAGE).get_page(
        request.GET.get("p")
    )
    forms = bulk_availability.forms_for(pages, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        changed = [form for form in forms if form.has_changed()]
        valid = [form for form in changed if form.is_valid()]
        outcomes = [bulk_availability.save(form, request.user) for form in valid]
        if valid:
            messages.success(
                request,
                ngettext(
                    "The availability of %(count)s fiche is saved and confirmed.",
                    "The availability of %(count)s fiches is saved and confirmed.",
                    len(valid),
                )
                % {"count": len(valid)},
            )
        if "submitted" in outcomes:
            messages.info(
                request, _("Your region's loket approves the changes before parents see them.")
            )
        if len(valid) == len(changed):
            if not changed:
                messages.warning(request, _("Nothing changed."))
            return redirect(request.get_full_path())
        messages.error(
            request, _("Some fiches were not saved: see the messages next to the fields.")
        )
        # The saved rows show what they are now; the refused ones what was typed.
        saved = {form.page.pk for form in valid}
        forms = [
            bulk_availability.FicheAvailabilityForm(page=form.page)
            if form.page.pk in saved
            else form
            for form in forms
        ]
    return TemplateResponse(
        request,
        "opvanglocaties/admin/availability_many.html",
        {"pages": pages, "forms": forms},
    )
