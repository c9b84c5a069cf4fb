"""The steps of the request form, in order, and how each one's form is built from the draft.

The draft stores what the parent POSTed per step (not the cleaned values): rebinding the same
data re-runs every check at the final submit, with the rules and the date of that moment.
"""

from dataclasses import dataclass

from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from core.roles import REFERRER, has_role
from opvanglocaties.models import PostalCode

from . import policies
from .forms import ChildForm, ConsentForm, ParentForm, PriorityForm


@dataclass(frozen=True)
class Step:
    key: str  # in the draft's data
    slug: str  # in the URL
    title: str
    form_class: type | None = None


STEPS = (
    Step("child", "kind", _("Your child and the care you need"), ChildForm),
    Step("locations", "locaties", _("Locations")),
    Step("parent", "ouder", _("About you"), ParentForm),
    Step("priority", "voorrang", _("Priority rules"), PriorityForm),
    Step("consent", "toestemming", _("Consent")),
    Step("review", "nakijken", _("Check and send")),
)
BY_SLUG = {step.slug: step for step in STEPS}
BY_KEY = {step.key: step for step in STEPS}


def number(step):
    """The step's position, from 1."""
    return STEPS.index(step) + 1


def next_step(step):
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def previous_step(step):
    index = STEPS.index(step)
    return STEPS[index - 1] if index > 0 else None


def first_open_step(draft, before=None):
    """The first step before `before` (or of all) that is not done yet, or None."""
    for step in STEPS:
        if step is before or step.key == "review":
            return None
        if step.key not in draft.completed_steps:
            return step
    return None


def is_referrer(user):
    return user is not None and user.is_authenticated and has_role(user, REFERRER)


def parent_municipality_ids(postcode):
    """The municipalities a postcode serves (one, or a few for shared codes)."""
    if not postcode:
        return set()
    return set(PostalCode.objects.filter(code=postcode).values_list("municipality_id", flat=True))


def chosen_locations(draft):
    return policies.locations_in_order(draft.location_ids)


def draft_municipality_ids(draft):
    """The municipalities of the postcode the draft's parent step holds."""
    return parent_municipality_ids((draft.step_data("parent").get("postcode") or [""])[0].strip())


def sharing_needs_of(draft, locations=None, municipality_ids=None):
    locations = chosen_locations(draft) if locations is None else locations
    if municipality_ids is None:
        municipality_ids = draft_municipality_ids(draft)
    return policies.sharing_needs(locations, municipality_ids, draft.region)


def build_form(step, draft, rules, *, data=None, user=None, locations=None, municipality_ids=None):
    """The step's form, bound to `data` (a POST) or to what the draft holds for it."""
    if data is None and draft is not None and step.key in draft.data:
        data = MultiValueDict(draft.data[step.key])
    kwargs = {"rules": rules}
    if step.key == "parent" and municipality_ids is not None:
        kwargs["postcode_municipality_ids"] = municipality_ids
    if step.key == "consent":
        return ConsentForm(
            data,
            sharing_needs=sharing_needs_of(draft, locations, municipality_ids),
            referrer=is_referrer(user),
            **kwargs,
        )
    return step.form_class(data, **kwargs)


def stored_values(form, data):
    """What to keep of a POST: the form's own fields only, as lists (MultiValueDict)."""
    return {name: data.getlist(name) for name in form.fields if name in data}
