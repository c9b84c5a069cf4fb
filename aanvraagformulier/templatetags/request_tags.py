"""Template helpers of the request form: accessible widgets, care parts, dates."""

from django import template
from django.utils.translation import gettext as _

from opvanglocaties.choices import Weekday

from ..models import CarePart, RequestStatus

register = template.Library()


@register.simple_tag
def widget(field, **attrs):
    """The field's widget, described by its hint and its error (GOV.UK pattern)."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(f"{field.auto_id}_error")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def care_plan(parts):
    """{"0": "full", "2": "half"} as "Monday: full day, Wednesday: half day"."""
    labels = dict(CarePart.choices)
    return ", ".join(
        f"{Weekday(int(day)).label}: {labels.get(part, part)}"
        for day, part in sorted((parts or {}).items(), key=lambda item: int(item[0]))
    ) or _("none")


@register.filter
def status_label(value):
    return dict(RequestStatus.choices).get(value, value)


@register.filter
def is_choice_list(field):
    return getattr(field.field.widget, "input_type", "") == "radio" or getattr(
        field.field.widget, "allow_multiple_selected", False
    )


@register.filter
def is_checkbox(field):
    return getattr(field.field.widget, "input_type", "") == "checkbox" and not getattr(
        field.field.widget, "allow_multiple_selected", False
    )


@register.filter
def get_item(mapping, key):
    return mapping.get(key, key)
