"""Contract forms and days a week: which fiches suit a parent who needs care so many days.

Issue 14.5: a parent who needs four days a week could neither filter on it nor see whether a
location offers part-time contracts. A fiche records the contract forms it accepts
(`LocationPage.contract_forms`) and, optionally, the fewest days a week it takes a child
(`min_days_per_week`). The one rule of which form allows how many days lives here; the
search's filter, the fiche and the cards read it.

- full-time: five days a week;
- part-time: fewer than five, at least the location's minimum;
- flexible: days that change from week to week, so any number from the minimum up;
- occasional: now and then, without fixed days, so it does not answer a need for fixed days.
"""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .choices import ContractForm

DAYS_IN_WEEK = 5


def forms_allowing(days):
    """The contract forms under which a child can come `days` (1 to 5) fixed days a week."""
    if days >= DAYS_IN_WEEK:
        return (ContractForm.FULL_TIME, ContractForm.FLEXIBLE)
    return (ContractForm.PART_TIME, ContractForm.FLEXIBLE)


def allows_days(contract_forms, min_days_per_week, days):
    """Whether a fiche with these contract forms and minimum takes a child `days` a week."""
    if min_days_per_week is not None and min_days_per_week > days:
        return False
    return any(form in (contract_forms or ()) for form in forms_allowing(days))


def offers_q(contract_forms):
    """Fiches that accept at least one of `contract_forms`.

    The forms are a JSON list; its text holds each value in quotes on every database (as the
    languages' filter reads them).
    """
    condition = Q()
    for form in contract_forms:
        condition |= Q(contract_forms__icontains=f'"{form}"')
    return condition


def days_q(days):
    """Fiches that take a child `days` a week: their minimum is at most `days` (or none)
    and they offer a form that allows that many days (`allows_days`, in SQL)."""
    minimum = Q(min_days_per_week__isnull=True) | Q(min_days_per_week__lte=days)
    return minimum & offers_q(forms_allowing(days))


def summary(contract_forms, min_days_per_week):
    """What a parent reads: "full-time, part-time (at least 3 days a week)", or "" when the
    fiche names no contract form."""
    chosen = set(contract_forms or ())
    labels = [label for value, label in ContractForm.choices if value in chosen]
    if not labels:
        return ""
    text = ", ".join(str(label) for label in labels)
    if min_days_per_week:
        text += " (%s)" % (
            ngettext(
                "at least %(days)d day a week",
                "at least %(days)d days a week",
                min_days_per_week,
            )
            % {"days": min_days_per_week}
        )
    return text[:1].upper() + text[1:]


def errors(contract_forms, min_days_per_week):
    """The fiche's contract rules as {field: [Dutch message]} (`validation.py`'s shape).

    The minimum only means something for a form with a choice of days (part-time or
    flexible), and part-time is fewer than five days. That it lies from 1 to 5 is the model
    field's validators' message, next to the field, not repeated here.
    """
    found = {}
    if min_days_per_week is None or not 1 <= min_days_per_week <= DAYS_IN_WEEK:
        return found
    chosen = set(contract_forms or ())
    if not chosen & {ContractForm.PART_TIME, ContractForm.FLEXIBLE}:
        found["min_days_per_week"] = [
            _(
                "A minimum number of days applies to part-time or flexible contracts: tick "
                "one of them, or leave the minimum empty."
            )
        ]
    elif min_days_per_week == DAYS_IN_WEEK and ContractForm.FLEXIBLE not in chosen:
        found["min_days_per_week"] = [
            _("Part-time means fewer than 5 days a week: enter a lower minimum.")
        ]
    return found
