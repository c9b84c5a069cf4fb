"""The search form's widgets, drawn in Python instead of through Django's widget templates.

The same context (`Widget.get_context`: name, value, type, and the attributes Django and the
bound field add, such as `required`, `min`, `aria-describedby` or `aria-invalid`) and the
same elements as `django/forms/widgets/input.html` and `select.html`, their attributes
written by Django's `flatatt`; only the drawing differs.
Every search page draws the whole form: through the template engine its twenty fields cost
a tenth of the page's time.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class PythonRenderedInput:
    """Mixin for an `<input>` widget (text, number, time, month, hidden, checkbox)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value_attribute = (
            format_html(' value="{}"', widget["value"]) if widget["value"] is not None else ""
        )
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            widget["type"],
            widget["name"],
            value_attribute,
            flatatt(widget["attrs"]),
        )


class TextInput(PythonRenderedInput, forms.TextInput):
    pass


class NumberInput(PythonRenderedInput, forms.NumberInput):
    pass


class HiddenInput(PythonRenderedInput, forms.HiddenInput):
    pass


class TimeInput(PythonRenderedInput, forms.TimeInput):
    pass


class DateInput(PythonRenderedInput, forms.DateInput):
    pass


class CheckboxInput(PythonRenderedInput, forms.CheckboxInput):
    pass


class Select(forms.Select):
    """A `<select>` of plain options (no groups: the search form has none)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for _group, choices, _index in widget["optgroups"]
                for option in choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )
