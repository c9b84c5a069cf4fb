"""What every step's form shares: Dutch messages, dates a phone can type, the error summary."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

REQUIRED = _("Fill in this field.")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]


class DateInput(forms.DateInput):
    """A native date picker where the browser has one; a text box taking 15/03/2026 elsewhere."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={
            "required": REQUIRED,
            "invalid": _("Enter a real date, such as 15/03/2026."),
        },
    )


class ErrorSummaryMixin:
    """The GOV.UK error summary: a list at the top linking to each field with an error."""

    def error_summary(self):
        """(id of the field, message) for every error, in the order of the form."""
        items = [(f"{self.prefix or 'form'}-errors", error) for error in self.non_field_errors()]
        for name, field in self.fields.items():
            if name in self.errors:
                bound = self[name]
                anchor = bound.id_for_label or bound.auto_id
                if isinstance(field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
                    anchor = f"{bound.auto_id}_0"
                items.extend((anchor, error) for error in self.errors[name])
        return items


class StepForm(ErrorSummaryMixin, forms.Form):
    """A step of the request form, given the region's rules and today's date."""

    template_name = "aanvraagformulier/includes/form_fields.html"

    def __init__(self, *args, rules, today=None, **kwargs):
        self.rules = rules
        self.today = today or timezone.localdate()
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if "required" not in field.error_messages or field.error_messages["required"] in (
                forms.Field.default_error_messages["required"],
            ):
                field.error_messages["required"] = REQUIRED

    @staticmethod
    def iso(value):
        return value.isoformat() if isinstance(value, datetime.date) else value
