"""The loket's forms for the emergency list: flag a request, record a contact, propose a
location. Bad input comes back as a Dutch message next to the field."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import ContactOutcome
from . import services

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def not_in_the_future(day):
    if day > timezone.localdate():
        raise forms.ValidationError(_("This date lies in the future."))
    return day


class FlagForm(forms.Form):
    """Put a request of the loket's region on the list, by its reference code."""

    reference = forms.CharField(
        label=_("reference"),
        max_length=9,
        help_text=_("The code the parent quotes, for example K7QM-3XRA."),
    )
    reason = forms.CharField(
        label=_("reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why this family needs care urgently (no more than the loket needs)."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip().upper()
        filed = services.requests_to_flag(self.user).filter(reference=reference).first()
        if filed is None:
            raise forms.ValidationError(
                _("No open request of your region has this reference."), code="unknown"
            )
        self.request_found = filed
        return reference


class ContactForm(forms.Form):
    """One contact with the family."""

    contacted_on = forms.DateField(label=_("contacted on"), widget=DATE_INPUT)
    outcome = forms.ChoiceField(label=_("outcome"), choices=ContactOutcome.choices)
    note = forms.CharField(
        label=_("note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_contacted_on(self):
        return not_in_the_future(self.cleaned_data["contacted_on"])


class ProposalForm(forms.Form):
    """A location with free places, proposed with the parent's consent."""

    location = forms.ModelChoiceField(
        label=_("location with free places"), queryset=None, empty_label=None
    )
    consent = forms.BooleanField(
        label=_("The parent agreed that this location sees their request"),
        help_text=_("Ask the parent first, on the phone or in person (seed 000 art. 4 §1 c)."),
        error_messages={"required": _("Propose a location only with the parent's consent.")},
    )
    consent_on = forms.DateField(label=_("consent given on"), widget=DATE_INPUT)

    def __init__(self, *args, entry, **kwargs):
        kwargs.setdefault("initial", {"consent_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = services.proposable_locations(entry)
        self.fields["location"].error_messages["invalid_choice"] = _(
            "Choose a location with free places that is not on the request yet."
        )

    def clean_consent_on(self):
        return not_in_the_future(self.cleaned_data["consent_on"])
