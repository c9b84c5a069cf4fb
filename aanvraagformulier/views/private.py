"""The parent's private page (/aanvraag/<token>/): follow, change, withdraw, export, erase;
and a new link by email. Thin: forms check, services write.
"""

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from opvanglocaties.ids import parse_location_ids

from .. import changes, checks, gdpr, policies, services
from ..forms import ChildForm, EmailLinkForm, EraseForm, LocationSearchForm
from ..forms.address import AddressForm
from ..forms.private import ContactForm
from ..models import OPEN_STATUSES
from ..protection import guarded, private
from ..rules import rules_for
from ..trail import trail_for_parent


@require_http_methods(["GET", "POST"])
@guarded("link")
@private
def new_link(request):
    """Ask a new private link by email; the same answer whether the address is known or not."""
    form = EmailLinkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if not form.cleaned_data.get("website"):
            services.send_new_links(form.cleaned_data["email"])
        return render(request, "aanvraagformulier/new_link_sent.html")
    status = 400 if form.is_bound else 200
    return render(request, "aanvraagformulier/new_link.html", {"form": form}, status=status)


def _resolve(request, token):
    try:
        return services.request_for_token(token), None
    except services.LinkExpired:
        return None, render(request, "aanvraagformulier/link_expired.html", status=410)
    except services.LinkInvalid:
        return None, render(request, "aanvraagformulier/link_invalid.html", status=404)


def _private_context(request, filed, token, **extra):
    rules = rules_for(filed.region)
    rows = list(filed.locations.select_related("location").order_by("preference"))
    open_rows = [row for row in rows if row.status in OPEN_STATUSES]
    search = LocationSearchForm(request.GET or None)
    results = []
    if search.is_bound and search.is_valid() and len(open_rows) < rules.max_locations:
        results = policies.search_locations(
            search.cleaned_data["zoek"], exclude=[row.location_id for row in rows]
        )
        for location in results:
            location.sharing_need = changes.sharing_needs_for(filed, location)
    context = {
        "filed": filed,
        "token": token,
        "rules": rules,
        "rows": rows,
        "open_rows": open_rows,
        "search_form": search,
        "results": results,
        "searched": search.is_bound,
        "room": len(open_rows) < rules.max_locations,
        "care_form": ChildForm(rules=rules, initial=_care_initial(filed), prefix="plan"),
        "contact_form": ContactForm(rules=rules, initial=_contact_initial(filed), prefix="contact"),
        "address_form": AddressForm(rules=rules, initial=_address_initial(filed), prefix="address"),
        "priority_names": {r.code: r.name for r in rules.priority_rules()},
        "trail": trail_for_parent(filed),
    }
    context.update(extra)
    return context


def _care_initial(filed):
    initial = {
        "child_status": "expected" if filed.child_is_expected else "born",
        "child_birth_date": filed.child_birth_date,
        "start_date": filed.start_date,
        "end_date": filed.end_date,
    }
    initial.update({f"care_{day}": part for day, part in filed.care_parts.items()})
    return initial


def _contact_initial(filed):
    return {"email": filed.email, "phone": filed.phone, "partner_name": filed.partner_name}


def _address_initial(filed):
    return {"street": filed.street, "house_number": filed.house_number, "postcode": filed.postcode}


@require_http_methods(["GET", "POST"])
@guarded("link")
@private
def private_page(request, token):
    """The parent's page: status per location, changes, confirmation, withdrawal, their data."""
    filed, refusal = _resolve(request, token)
    if refusal is not None:
        return refusal
    if request.method == "GET":
        return render(
            request, "aanvraagformulier/private.html", _private_context(request, filed, token)
        )
    return _private_action(request, filed, token)


def _private_action(request, filed, token):
    here = reverse("request_private", args=[token])
    action, _sep, value = request.POST.get("action", "").partition(":")
    rows = {str(row.pk): row for row in filed.locations.all()}
    rules = rules_for(filed.region)
    if action == "confirm":
        changes.confirm_need(filed)
        messages.success(request, _("Thank you: your request stays active."))
    elif action == "withdraw_all":
        if request.POST.get("confirm_withdraw_all"):
            changes.withdraw(rows.values())
            messages.success(request, _("Your request is withdrawn at every location."))
        else:
            messages.error(request, _("Tick the box to withdraw your whole request."))
    elif action in ("withdraw", "up", "down") and value in rows:
        row = rows[value]
        if action == "withdraw":
            changes.withdraw([row])
            messages.success(
                request,
                _("%(location)s no longer sees your request.") % {"location": row.location_title},
            )
        elif row.status in OPEN_STATUSES:
            changes.move(filed, row, -1 if action == "up" else 1)
    elif action in ("accept_offer", "decline_offer") and value in rows:
        _answer_offer(request, filed, action, rows[value])
    elif action == "add":
        return _private_add(request, filed, token, value, rules)
    elif action in ("care_plan", "contact"):
        return _private_form(request, filed, token, action, rules)
    elif action == "address":
        return _private_address(request, filed, token, rules)
    else:
        messages.error(request, _("Choose what to do with the buttons on the page."))
    return redirect(here)


def _answer_offer(request, filed, action, row):
    """Accept (after ticking the box) or decline a location's offer; a second click of the
    same button changes nothing and says so."""
    if action == "accept_offer" and not request.POST.get(f"confirm_accept_{row.pk}"):
        messages.error(
            request, _("Tick the box to accept the place: your other locations then stop.")
        )
        return
    answer = changes.accept_offer if action == "accept_offer" else changes.decline_offer
    try:
        answered = answer(filed, row.pk)
    except changes.OfferClosed:
        messages.error(request, _("This offer can no longer be answered."))
        return
    if action == "accept_offer":
        text = _(
            "You accepted the place at %(location)s. Your other locations no longer see "
            "your request."
        )
    else:
        text = _("You declined the place at %(location)s.")
    if not answered:
        text = _("You had already answered this offer of %(location)s.")
    messages.success(request, text % {"location": row.location_title})


def _private_add(request, filed, token, value, rules):
    here = reverse("request_private", args=[token])
    ids = parse_location_ids([value])
    found = policies.locations_in_order(ids)
    location = found[0] if found else None
    if location is None or filed.locations.filter(location=location).exists():
        messages.error(request, _("This location does not exist or takes no requests."))
        return redirect(here)
    if not changes.room_for_more(filed):
        messages.error(request, checks.location_count_error(rules.max_locations + 1, rules))
        return redirect(here)
    need = changes.sharing_needs_for(filed, location)
    if need is not None and not request.POST.get(f"share_{location.pk}"):
        messages.error(
            request,
            _("Agree to share with %(location)s, or remove it from your locations.")
            % {"location": location.title},
        )
        return redirect(f"{here}?{urlencode({'zoek': location.title[:50]})}#toevoegen")
    changes.add_location(filed, location, need)
    messages.success(request, _("%(location)s was added.") % {"location": location.title})
    return redirect(here)


def _private_form(request, filed, token, action, rules):
    if action == "care_plan":
        form = ChildForm(request.POST, rules=rules, prefix="plan")
        if form.is_valid():
            changes.update_care_plan(filed, form.cleaned_data)
            messages.success(request, _("Your care plan was changed."))
            return redirect("request_private", token=token)
        extra = {"care_form": form, "form_errors": form.error_summary()}
    else:
        form = ContactForm(request.POST, rules=rules, prefix="contact")
        if form.is_valid():
            changes.update_contact(filed, form.cleaned_data)
            messages.success(request, _("Your contact details were changed."))
            return redirect("request_private", token=token)
        extra = {"contact_form": form, "form_errors": form.error_summary()}
    context = _private_context(request, filed, token, **extra)
    return render(request, "aanvraagformulier/private.html", context, status=400)


def _private_address(request, filed, token, rules):
    """The parent moved: the new address is checked as on the form; when it puts a location
    in another municipality, the form asks the consent for it before anything is saved."""
    form = AddressForm(request.POST, rules=rules, prefix="address")
    needs = []
    if form.is_valid():
        needs = changes.new_sharing_needs(filed, form.cleaned_data["postcode"])
        if needs:
            form = AddressForm(request.POST, rules=rules, prefix="address", needs=needs)
    if form.is_valid():
        changes.update_address(filed, form.cleaned_data, needs)
        messages.success(request, _("Your address was changed."))
        return redirect("request_private", token=token)
    extra = {"address_form": form, "form_errors": form.error_summary()}
    context = _private_context(request, filed, token, **extra)
    return render(request, "aanvraagformulier/private.html", context, status=400)


@require_GET
@guarded("link")
@private
def private_export(request, token):
    """All the parent's data as JSON (GDPR art. 15 and 20)."""
    filed, refusal = _resolve(request, token)
    if refusal is not None:
        return refusal
    response = HttpResponse(
        json.dumps(gdpr.export(filed), indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="aanvraag-{filed.reference}.json"'
    return response


@require_http_methods(["GET", "POST"])
@guarded("link")
@private
def private_erase(request, token):
    """Erasure (GDPR art. 17): confirm, then anonymise at once."""
    filed, refusal = _resolve(request, token)
    if refusal is not None:
        return refusal
    form = EraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        gdpr.erase(filed)
        return render(request, "aanvraagformulier/erased.html")
    status = 400 if form.is_bound else 200
    return render(
        request,
        "aanvraagformulier/erase.html",
        {"filed": filed, "token": token, "form": form},
        status=status,
    )
