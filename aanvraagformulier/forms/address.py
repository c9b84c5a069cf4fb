"""The parent's address as changed on the private page (street, number, postcode).

The same fields and checks as the parent step (forms/parent.py): the municipality follows
from the postcode, as it does when the request is filed. When the new address puts a location
of the request in another municipality than the parent's, the form is bound again with the
locations that then need the parent's own consent (`needs`, from changes.new_sharing_needs):
it gains a tick box that must be ticked before the address is saved.
"""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .base import StepForm
from .parent import ParentForm


def _names(needs):
    return ", ".join(need.location.title for need in needs)


class AddressForm(StepForm):
    """Street, house number and postcode; plus the sharing consent the new address needs."""

    street = ParentForm.base_fields["street"]
    house_number = ParentForm.base_fields["house_number"]
    postcode = ParentForm.base_fields["postcode"]
    clean_postcode = ParentForm.clean_postcode

    def __init__(self, *args, needs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.needs = list(needs)
        self.fields["postcode"].widget.attrs.update(inputmode="numeric", autocomplete="postal-code")
        self.fields["street"].widget.attrs["autocomplete"] = "address-line1"
        if self.needs:
            names = _names(self.needs)
            self.fields["share"] = forms.BooleanField(
                label=format_lazy(
                    _("I agree that my request is shared with {locations}."), locations=names
                ),
                help_text=_(
                    "Your new address lies in another municipality than these locations: "
                    "they only see your request with your consent."
                ),
                error_messages={
                    "required": format_lazy(
                        _(
                            "Your new address lies in another municipality than {locations}: "
                            "tick the box to share your request with them, or withdraw your "
                            "request there first."
                        ),
                        locations=names,
                    )
                },
            )
