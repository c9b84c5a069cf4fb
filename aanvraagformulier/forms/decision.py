"""The back-office's forms on one row: a decision with a message, "no longer current"."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import MessageTemplate, StaleReason

MESSAGE_MAX = 2000


class DecisionForm(forms.Form):
    """A decision on a row (an allowed action), with one of the location's templates and/or
    a free text for the parent."""

    action = forms.ChoiceField(
        error_messages={"invalid_choice": _("This action is not possible now.")}
    )
    template = forms.ModelChoiceField(
        label=_("Message template"),
        queryset=MessageTemplate.objects.none(),
        required=False,
        empty_label=_("(no template)"),
        error_messages={"invalid_choice": _("Choose one of your location's templates.")},
    )
    message = forms.CharField(
        label=_("Message to the parent"),
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Added to the mail the parent gets. Do not repeat their personal data."),
    )

    def __init__(self, *args, row, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [(name, t.label) for name, t in actions]
        self.fields["template"].queryset = MessageTemplate.for_row(row)
        self.fields["template"].label_from_instance = lambda template: (
            f"{template.name} ({template.get_action_display()})"
        )

    def clean(self):
        cleaned = super().clean()
        template = cleaned.get("template")
        if template is not None and cleaned.get("action") not in (None, template.action):
            self.add_error(
                "template",
                _("This template is for “%(action)s”: choose one for the button you clicked.")
                % {"action": template.get_action_display()},
            )
        return cleaned

    def text(self):
        """The message the parent gets: the template's text, then the free text."""
        parts = [self.cleaned_data.get("template"), self.cleaned_data.get("message", "")]
        parts[0] = parts[0].text if parts[0] is not None else ""
        return "\n\n".join(part.strip() for part in parts if part.strip())


class StaleForm(forms.Form):
    """A location's proposal that the request is no longer current (seed 000 art. 2 §6)."""

    reason = forms.ChoiceField(
        label=_("Why is the request no longer current?"),
        choices=StaleReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why the request is no longer current.")},
    )
    note = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=300,
        help_text=_("Needed for “other reason”. No personal data of the family."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == StaleReason.OTHER and not cleaned.get("note", "").strip():
            self.add_error("note", _("Explain the other reason."))
        return cleaned
