"""Step 3: the parent and how to reach them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .. import checks
from ..models import IncomeIndicator
from .base import StepForm, date_field


class ParentForm(StepForm):
    """Name, contact, address; the national number and income only where the region asks."""

    parent_first_name = forms.CharField(label=_("First name"), max_length=100)
    parent_last_name = forms.CharField(label=_("Last name"), max_length=100)
    partner_name = forms.CharField(
        label=_("Name of the other parent (optional)"), max_length=200, required=False
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We send your reference and your private link here."),
        error_messages={"invalid": _("Enter an email address such as name@example.be.")},
    )
    phone = forms.CharField(label=_("Phone number"), max_length=30)
    street = forms.CharField(label=_("Street"), max_length=150)
    house_number = forms.CharField(label=_("House number"), max_length=20)
    postcode = forms.CharField(label=_("Postcode"), max_length=4, min_length=1)
    parent_birth_date = date_field(_("Your date of birth"), required=False)

    def __init__(self, *args, postcode_municipality_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The municipalities of the postcode in `data` when the caller knows them already
        # (the final submit looked them up for the consents): no second query for it.
        self.postcode_municipality_ids = postcode_municipality_ids
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.input_type = "tel"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["postcode"].widget.attrs.update(inputmode="numeric", autocomplete="postal-code")
        self.fields["parent_first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["parent_last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["street"].widget.attrs["autocomplete"] = "address-line1"
        if self.rules.asks_national_number:
            self.fields["national_number"] = forms.CharField(
                label=_("National register number (optional)"),
                max_length=20,
                required=False,
                help_text=_(
                    "On the back of your identity card, such as 85.07.30-033.28. "
                    "Leave empty if you have none."
                ),
            )
            self.fields["national_number"].widget.attrs["inputmode"] = "numeric"
        if self.rules.asks_income_indicator:
            self.fields["income_indicator"] = forms.ChoiceField(
                label=_("Your family's income"),
                choices=IncomeIndicator.choices,
                widget=forms.RadioSelect,
                help_text=_("For the income-related tariff. You prove it later, not now."),
            )

    def clean_phone(self):
        value = self.cleaned_data["phone"]
        error = checks.phone_error(value)
        if error:
            raise forms.ValidationError(error)
        return checks.parse_phone(value)

    def clean_postcode(self):
        value = self.cleaned_data["postcode"].strip()
        error = checks.postcode_error(value, getattr(self, "postcode_municipality_ids", None))
        if error:
            raise forms.ValidationError(error)
        return value

    def clean_parent_birth_date(self):
        value = self.cleaned_data.get("parent_birth_date")
        if value:
            error = checks.parent_birth_date_error(value, self.today)
            if error:
                raise forms.ValidationError(error)
        return value

    def clean_national_number(self):
        value = self.cleaned_data.get("national_number", "").strip()
        if not value:
            return ""
        try:
            return checks.clean_national_number(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self):
        data = super().clean()
        digits = data.get("national_number")
        if digits and "parent_birth_date" not in self.errors:
            error = checks.national_number_birth_date_error(digits, data.get("parent_birth_date"))
            if error:
                self.add_error(
                    "parent_birth_date"
                    if data.get("parent_birth_date") is None
                    else "national_number",
                    error,
                )
        return data
