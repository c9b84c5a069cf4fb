"""The request form's steps: /aanvragen/ starts (with ?locaties= from compare or a fiche),
/aanvragen/stap/<step>/ is one step, /aanvragen/verstuur/ sends. Thin: forms check, services
write.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opvanglocaties.ids import parse_location_ids
from opvanglocaties.models import Region

from .. import checks, policies, services, steps
from ..forms import ChildForm, LocationSearchForm, SendForm
from ..models import ChildcareRequest
from ..protection import guarded, private
from ..rules import rules_for

FORM_TEMPLATE = "aanvraagformulier/form_page.html"


def step_url(step):
    return reverse("request_step", args=[step.slug])


def _locaties(request):
    return parse_location_ids(request.GET.getlist("locaties") + request.POST.getlist("locaties"))


def _page(request, step, draft, rules, context, status=200):
    """Render a step inside the form's frame: progress, error summary, the step's part."""
    context = {
        "step": step,
        "steps": steps.STEPS,
        "step_number": steps.number(step),
        "step_count": len(steps.STEPS),
        "previous": steps.previous_step(step),
        "draft": draft,
        "rules": rules,
        "rule_sentences": rules.sentences(),
        **context,
    }
    return render(request, FORM_TEMPLATE, context, status=status)


# -- The form ---------------------------------------------------------------------------------


@require_GET
@private
def request_start(request):
    """/aanvragen/: the first step, with the locations chosen in compare or on a fiche."""
    draft = services.current_draft(request)
    ids = _locaties(request)
    if draft is not None and not ids:
        step = steps.first_open_step(draft) or steps.BY_KEY["review"]
        return redirect(step_url(step))
    rules = rules_for(draft.region if draft else Region.objects.for_request(request))
    step = steps.BY_KEY["child"]
    form = steps.build_form(step, draft, rules) if draft else ChildForm(rules=rules)
    preselected = policies.locations_in_order(ids)[: rules.max_locations]
    return _page(
        request,
        step,
        draft,
        rules,
        {
            "form": form,
            "preselected": preselected,
            "locaties": ",".join(str(p.pk) for p in preselected),
        },
    )


@require_http_methods(["GET", "POST"])
@guarded("submit")
@private
def request_step(request, slug):
    """One step: GET shows it with what the draft holds, POST checks and saves it."""
    step = steps.BY_SLUG.get(slug)
    if step is None:
        raise Http404
    draft = services.current_draft(request)
    if draft is None and not (step.key == "child" and request.method == "POST"):
        return redirect("request_start")
    rules = rules_for(draft.region if draft else Region.objects.for_request(request))
    if draft is not None:
        missing = steps.first_open_step(draft, before=step)
        if missing is not None:
            return redirect(step_url(missing))
    if step.key == "locations":
        return _locations_step(request, step, draft, rules)
    if step.key == "review":
        return _review_step(request, step, draft, rules)
    if request.method == "GET":
        form = steps.build_form(step, draft, rules, user=request.user)
        return _page(request, step, draft, rules, {"form": form})
    form = steps.build_form(step, draft, rules, data=request.POST, user=request.user)
    if not form.is_valid():
        return _page(request, step, draft, rules, {"form": form}, status=400)
    if draft is None:
        draft = services.start_draft(request, Region.objects.for_request(request))
    services.save_step(draft, step.key, steps.stored_values(form, request.POST))
    if step.key == "child":
        ids = _locaties(request)
        if ids:
            _added, over, _refused = services.add_locations(draft, ids, rules)
            if over:
                messages.warning(request, _over_limit(rules))
    return redirect(step_url(_following(draft, step)))


def _following(draft, step):
    """The next step; straight back to the review when every step is done (a change made
    from the review page)."""
    if steps.first_open_step(draft) is None:
        return steps.BY_KEY["review"]
    return steps.next_step(step)


def _over_limit(rules):
    return ngettext(
        "You can ask for at most %(count)d location; the others were left out.",
        "You can ask for at most %(count)d locations; the others were left out.",
        rules.max_locations,
    ) % {"count": rules.max_locations}


def _locations_step(request, step, draft, rules):
    """Add by name, remove, move up or down (buttons: no JavaScript needed), then continue."""
    error = None
    if request.method == "POST":
        ids = draft.location_ids
        action, _sep, value = request.POST.get("action", "").partition(":")
        pk = next(iter(parse_location_ids([value])), None)
        if action == "add" and pk is not None:
            _added, over, refused = services.add_locations(draft, [pk], rules)
            if over:
                error = checks.location_count_error(len(ids) + 1, rules)
            elif refused:
                error = _("This location does not exist or takes no requests.")
            else:
                return redirect(step_url(step) + "#gekozen")
        elif action in ("remove", "up", "down") and pk is not None:
            if action == "remove":
                ids = [other for other in ids if other != pk]
            else:
                ids = services.move(ids, pk, -1 if action == "up" else 1)
            services.set_locations(draft, ids)
            return redirect(step_url(step) + "#gekozen")
        elif action == "next":
            chosen = steps.chosen_locations(draft)
            if len(chosen) != len(ids):
                services.set_locations(draft, [page.pk for page in chosen])
                error = _("A location you chose takes no requests any more; we removed it.")
            else:
                error = checks.location_count_error(len(chosen), rules)
            if error is None:
                services.set_locations(draft, ids, completed=True)
                return redirect(step_url(_following(draft, step)))
        else:
            error = _("Choose what to do with the buttons on the page.")
    chosen = steps.chosen_locations(draft)
    child = steps.build_form(steps.BY_KEY["child"], draft, rules)
    birth = start = None
    if child.is_bound and child.is_valid():
        birth, start = child.cleaned_data["child_birth_date"], child.cleaned_data["start_date"]
    for location in chosen:
        location.warnings = policies.location_warnings(location, birth, start)
    search = LocationSearchForm(request.GET or None)
    results = []
    if search.is_bound and search.is_valid():
        results = policies.search_locations(
            search.cleaned_data["zoek"], exclude=[page.pk for page in chosen]
        )
    return _page(
        request,
        step,
        draft,
        rules,
        {
            "chosen": chosen,
            "search_form": search,
            "results": results,
            "searched": search.is_bound,
            "location_error": error,
            "room": len(chosen) < rules.max_locations,
        },
        status=400 if error else 200,
    )


def _review_step(request, step, draft, rules):
    if request.method == "POST":
        return redirect(step_url(step))
    try:
        answers = services.validate_draft(draft, rules, request.user)
    except services.Incomplete as incomplete:
        messages.error(request, _("Please check this step again."))
        return redirect(step_url(incomplete.step))
    return _page(
        request,
        step,
        draft,
        rules,
        {
            "answers": answers,
            "priority_rules": {r.code: r.name for r in rules.priority_rules()},
            "duplicate": services.draft_duplicate(draft),
            "send_form": SendForm(initial={"token": draft.idempotency_token}),
            "sharing_steps": policies.SHARING_STEPS,
        },
    )


@require_POST
@guarded("submit")
@private
def request_send(request):
    """The final submit: idempotent on the form's token (services.submit)."""
    form = SendForm(request.POST)
    draft = services.current_draft(request)
    if not form.is_valid() or form.is_bot():
        # A honeypot answer: nothing is stored and nothing said that helps a bot.
        return render(request, "aanvraagformulier/refused.html", status=400)
    try:
        filed, _created = services.submit(
            draft,
            token=form.cleaned_data["token"],
            user=request.user,
            language=translation.get_language(),
        )
    except services.StaleForm:
        messages.error(request, _("This form was already sent or has expired. Start again."))
        return redirect("request_start")
    except services.Incomplete as incomplete:
        messages.error(request, _("Please check this step again."))
        return redirect(step_url(incomplete.step))
    request.session.pop(services.DRAFT_SESSION_KEY, None)
    request.session[services.DONE_SESSION_KEY] = filed.reference
    return redirect("request_done")


@require_GET
@private
def request_done(request):
    """The reference, where the link went, and a duplicate warning if there was one."""
    reference = request.session.get(services.DONE_SESSION_KEY)
    filed = None
    if reference:
        filed = (
            ChildcareRequest.objects.filter(reference=reference)
            .prefetch_related("locations")
            .first()
        )
    if filed is None:
        return redirect("request_start")
    return render(request, "aanvraagformulier/done.html", {"filed": filed})
