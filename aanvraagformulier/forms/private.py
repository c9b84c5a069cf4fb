"""Forms of the parent's private page and of the new-link page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .base import REQUIRED, ErrorSummaryMixin, StepForm
from .parent import ParentForm


class EmailLinkForm(ErrorSummaryMixin, forms.Form):
    """Ask a new private link: the answer never says whether the address is known."""

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": REQUIRED,
            "invalid": _("Enter an email address such as name@example.be."),
        },
    )
    website = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)


class LocationSearchForm(forms.Form):
    """The name search of the locations step and of the private page."""

    zoek = forms.CharField(label=_("Search a location by name"), required=False, max_length=100)


class EraseForm(ErrorSummaryMixin, forms.Form):
    """Erasure asks for a tick first: it cannot be undone."""

    confirm = forms.BooleanField(
        label=_("I understand that my request stops and my data is erased for good."),
        error_messages={"required": _("Tick the box to confirm the erasure.")},
    )


class ContactForm(StepForm):
    """The contact details a parent changes on the private page."""

    partner_name = ParentForm.base_fields["partner_name"]
    email = ParentForm.base_fields["email"]
    phone = ParentForm.base_fields["phone"]
    clean_phone = ParentForm.clean_phone
