"""Step 1: the child and the care plan."""

from django import forms
from django.utils.translation import gettext_lazy as _

from opvanglocaties.choices import Weekday

from .. import checks
from ..models import CarePart
from .base import StepForm, date_field

# Monday to Friday: the days childcare locations open (a Saturday place is asked in person).
CARE_DAYS = [(day, Weekday(day).label) for day in Weekday.values[:5]]
CHILD_STATUS = [("born", _("My child is born")), ("expected", _("I am expecting a child"))]


class ChildForm(StepForm):
    """The child's (expected) date of birth and the care plan."""

    child_status = forms.ChoiceField(
        label=_("Your child"), choices=CHILD_STATUS, widget=forms.RadioSelect
    )
    child_birth_date = date_field(
        _("Date of birth, or expected date of birth"),
        help_text=_("For example 15/03/2026."),
    )
    start_date = date_field(_("Start of care"), help_text=_("The first day you need care."))
    end_date = date_field(
        _("End of care (optional)"),
        required=False,
        help_text=_("Leave empty when care lasts until school."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for day, label in CARE_DAYS:
            self.fields[f"care_{day}"] = forms.ChoiceField(
                label=label,
                required=False,
                choices=[("", _("no care")), *CarePart.choices],
            )

    def care_fields(self):
        return [self[f"care_{day}"] for day, _label in CARE_DAYS]

    def other_fields(self):
        return [
            self[name] for name in ("child_status", "child_birth_date", "start_date", "end_date")
        ]

    def clean(self):
        data = super().clean()
        birth, start, end = (data.get(k) for k in ("child_birth_date", "start_date", "end_date"))
        expected = data.get("child_status") == "expected"
        if birth and "child_status" in data:
            error = checks.child_birth_date_error(birth, expected, self.today)
            if error:
                self.add_error("child_birth_date", error)
        if start:
            error = checks.start_date_error(start, self.rules, self.today)
            error = error or checks.start_after_birth_error(start, birth)
            if error:
                self.add_error("start_date", error)
        error = checks.end_date_error(start, end)
        if error:
            self.add_error("end_date", error)
        parts = {str(day): data.get(f"care_{day}") or "" for day, _label in CARE_DAYS}
        error = checks.care_parts_error(parts)
        if error:
            self.add_error(f"care_{CARE_DAYS[0][0]}", error)
        data["care_parts"] = {day: part for day, part in parts.items() if part}
        return data
