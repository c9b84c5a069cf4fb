"""Step 6: review and send, with the idempotency token and a honeypot."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SendForm(forms.Form):
    """The send button's form. `website` is a honeypot: hidden from people, filled by bots."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_bot(self):
        return bool(self.data.get("website"))
