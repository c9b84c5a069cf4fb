"""Step 5: consent for what goes to which location."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .base import StepForm


class ConsentForm(StepForm):
    """The general consent, one more per location outside the parent's municipality or region
    (policies.sharing_needs), and the parent's consent when a referrer files."""

    processing = forms.BooleanField(
        label=_(
            "I agree that the portal keeps my request and shares it with the locations I chose, "
            "as explained above."
        ),
        error_messages={"required": _("Without this consent we cannot send your request.")},
    )

    def __init__(self, *args, sharing_needs=(), referrer=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.sharing_needs = list(sharing_needs)
        for need in self.sharing_needs:
            self.fields[need.field_name] = forms.BooleanField(
                label=_("I agree that my request goes to %(location)s.")
                % {"location": need.location.title},
                help_text=" ".join(need.reasons),
            )
            self.fields[need.field_name].error_messages["required"] = _(
                "Agree to share with %(location)s, or remove it from your locations."
            ) % {"location": need.location.title}
        if referrer:
            self.fields["referrer_consent"] = forms.BooleanField(
                label=_(
                    "The parent agreed that I file this request on their behalf, and knows "
                    "they will get the private link by email."
                ),
                error_messages={
                    "required": _("As a referrer you can only file with the parent's consent.")
                },
            )

    def sharing_fields(self):
        return [(need, self[need.field_name]) for need in self.sharing_needs]
