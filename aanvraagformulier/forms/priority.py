"""Step 4: the region's priority rules, declared on honour."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .base import StepForm


class PriorityForm(StepForm):
    """Which of the region's rules apply to the family (the loket may ask for proof)."""

    declaration = forms.BooleanField(
        label=_("I declare on my honour that what I ticked is true."), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.priority_rules = list(self.rules.priority_rules())
        self.fields["rules"] = forms.MultipleChoiceField(
            label=_("Which of these apply to your family?"),
            required=False,
            choices=[(rule.code, rule.name) for rule in self.priority_rules],
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": _("Choose from the rules in the list.")},
        )
        self.order_fields(["rules", "declaration"])

    def rule_descriptions(self):
        return {rule.code: rule.description for rule in self.priority_rules}

    def clean(self):
        data = super().clean()
        if data.get("rules") and not data.get("declaration"):
            self.add_error(
                "declaration",
                _("Tick the declaration on honour, or untick the priority rules."),
            )
        return data
