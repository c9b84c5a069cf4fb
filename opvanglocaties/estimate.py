"""The parent's IKT estimate on the fiche and on compare: a GET form, answered server-side.

The family's income is personal: it is never stored (no model, no session, no cache) and
never logged (our access logs leave out query strings: `gunicorn.conf.py`,
`deploy/nginx/opvangpunt.conf`). A page answered with an estimate is marked uncacheable
(`private_response`), so neither our page cache nor a proxy keeps it, and the fiche's cached
fragments never hold it (the estimate is drawn outside them). See `docs/data-protection.md`.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

# The submodule, not the package: the fiche's model imports this module.
from .models.tariff import IncomeTariff
from .tariff import Estimate

# The GET parameters of the form: their presence makes a response personal.
PARAMETERS = ("inkomen", "kinderen")
MAX_INCOME = Decimal("100000")
MAX_CHILDREN = 12
# "2.500" is two thousand five hundred in Dutch: a dot before exactly three digits groups
# thousands (an income of 2.5 euro a month is not what anyone means).
THOUSANDS_DOT = re.compile(r"\.(?=\d{3}(\D|$))")


class IncomeField(forms.DecimalField):
    """A monthly amount as people type it: "2500", "2.500", "2500,50", "€ 2.500,50"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace("\N{NO-BREAK SPACE}", "").replace(" ", "")
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
            else:
                value = THOUSANDS_DOT.sub("", value)
        try:
            return super().to_python(value)
        except (InvalidOperation, forms.ValidationError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class EstimateForm(forms.Form):
    """The family's monthly taxable income and its number of children."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def fields_html(self):
        """Every field drawn by `field_html`."""
        return [field_html(field) for field in self]

    inkomen = IncomeField(
        label=_("Monthly taxable income of your family (euro)"),
        min_value=0,
        max_value=MAX_INCOME,
        decimal_places=2,
        help_text=_(
            "Both parents' taxable income together, per month, e.g. 3200. Not stored or "
            "kept: it is used only to show this estimate."
        ),
        error_messages={
            "required": _("Enter your family's monthly income, e.g. 3200."),
            "invalid": _("Enter the income as an amount in euro, e.g. 3200 or 3.200,50."),
            "min_value": _("The income cannot be negative."),
            "max_value": _("Enter a monthly income of at most 100.000 euro."),
            "max_decimal_places": _("Enter the income in euro and cents, e.g. 3200,50."),
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    kinderen = forms.IntegerField(
        label=_("Number of children in your family"),
        min_value=1,
        max_value=MAX_CHILDREN,
        initial=1,
        help_text=_("This child and its brothers and sisters you are responsible for."),
        error_messages={
            "required": _("Enter the number of children, at least 1."),
            "invalid": _("Enter the number of children as a whole number, e.g. 2."),
            "min_value": _("Count this child too: at least 1."),
            "max_value": _("Enter at most %(limit_value)s children."),
        },
        widget=forms.NumberInput(attrs={"autocomplete": "off"}),
    )


# The inputs' own attributes (the fields' widgets say the same for Django's rendering).
INPUT_ATTRIBUTES = {
    "inkomen": {"type": "text", "inputmode": "decimal", "autocomplete": "off"},
    "kinderen": {"type": "number", "min": "1", "max": str(MAX_CHILDREN), "autocomplete": "off"},
}


def field_html(field):
    """One field of the form (a `BoundField`) as a label, its help, the input and its errors,
    with the ids Django's `aria-describedby` convention uses (`<id>_helptext`, `<id>_error`).

    Drawn in Python: through Django's widget templates the two fields cost more than the rest
    of a cached fiche page.
    """
    described = [f"{field.auto_id}_helptext"]
    if field.errors:
        described.append(f"{field.auto_id}_error")
    value = field.value()
    attributes = {
        **INPUT_ATTRIBUTES[field.name],
        "name": field.html_name,
        "id": field.auto_id,
        "value": "" if value is None else str(value),
        "aria-describedby": " ".join(described),
    }
    if field.errors:
        attributes["aria-invalid"] = "true"
    errors = (
        format_html(
            '<ul class="errors" id="{}_error">{}</ul>',
            field.auto_id,
            format_html_join("", "<li>{}</li>", ((error,) for error in field.errors)),
        )
        if field.errors
        else ""
    )
    return format_html(
        '<div class="field{}"><label for="{}">{}</label>'
        '<p class="help" id="{}_helptext">{}</p><input{}>{}</div>',
        " field-error" if field.errors else "",
        field.auto_id,
        field.label,
        field.auto_id,
        field.help_text,
        format_html_join("", ' {}="{}"', attributes.items()),
        errors,
    )


def asked(request):
    """Whether the request carries the estimate's parameters (its response is then personal)."""
    return any(name in request.GET for name in PARAMETERS)


def estimate_context(request):
    """The template context of the estimate: `estimate_form` (bound when asked), `estimate`
    (an `Estimate` or None) and `estimate_unavailable` (asked, valid, but the loket has
    entered no tariff yet). Reads the tariff only when asked: a plain fiche costs no query."""
    if not asked(request):
        return {"estimate_form": EstimateForm(), "estimate": None, "estimate_unavailable": False}
    form = EstimateForm(request.GET)
    estimate, unavailable = None, False
    if form.is_valid():
        tariff = IncomeTariff.objects.for_year(timezone.localdate().year)
        if tariff is None:
            unavailable = True
        else:
            estimate = Estimate.of(
                form.cleaned_data["inkomen"], form.cleaned_data["kinderen"], tariff
            )
    return {"estimate_form": form, "estimate": estimate, "estimate_unavailable": unavailable}


def private_response(request, response):
    """Mark a response to an estimate uncacheable (`Cache-Control: private, no-store`): the
    page cache (`core.cache.response_is_cacheable`) and proxies then keep nothing of it."""
    if asked(request):
        add_never_cache_headers(response)
    return response
