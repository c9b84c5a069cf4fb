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
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.cache import remembered


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


def _label(field):
    # BoundField.label_tag() for the search form (no label suffix, no required class),
    # without drawing django/forms/label.html and attrs.html for every field.
    widget = field.field.widget
    id_ = widget.attrs.get("id") or field.auto_id
    if not id_:
        return conditional_escape(field.label)
    id_for_label = widget.id_for_label(id_)
    if not id_for_label:
        return format_html("<label>{}</label>", field.label)
    return format_html('<label for="{}">{}</label>', id_for_label, field.label)


def field_html(field, hide_legend=False):
    """One field of the search form as `search/includes/field.html` draws it: its label (a
    legend over a list of checkboxes), help text, input and errors, in a `div.field`.

    The template stays the readable form of this; `tests/search/test_widgets.py` checks that
    both draw the same elements. Through the template the seventeen fields took about a
    third of the page's drawing time."""
    widget = field.field.widget
    errors = field.errors
    is_checkbox = getattr(widget, "input_type", None) == "checkbox"
    classes = (
        "field" + (" field-error" if errors else "") + (" field-checkbox" if is_checkbox else "")
    )
    auto_id = field.auto_id
    if getattr(widget, "allow_multiple_selected", False):
        selected = field.value() or ()
        boxes = format_html_join(
            "",
            '\n        <div><input type="checkbox" name="{}" value="{}" id="{}_{}"{}> '
            '<label for="{}_{}">{}</label></div>',
            (
                (
                    field.html_name,
                    value,
                    auto_id,
                    index,
                    mark_safe(" checked") if value in selected else "",
                    auto_id,
                    index,
                    label,
                )
                for index, (value, label) in enumerate(field.field.choices)
            ),
        )
        described = format_html(' aria-describedby="{}_error"', auto_id) if errors else ""
        legend_class = mark_safe(' class="visually-hidden"') if hide_legend else ""
        body = format_html(
            "<fieldset{}><legend{}>{}</legend>{}</fieldset>",
            described,
            legend_class,
            field.label,
            boxes,
        )
    elif is_checkbox:
        body = format_html("{} {}", field.as_widget(), _label(field))
    else:
        help_text = (
            format_html('<p class="help" id="{}_helptext">{}</p>', auto_id, field.help_text)
            if field.help_text
            else ""
        )
        body = format_html("{}\n    {}\n    {}", _label(field), help_text, field.as_widget())
    error_list = (
        format_html(
            '<ul class="errors" id="{}_error">{}</ul>',
            auto_id,
            format_html_join("", "<li>{}</li>", ((error,) for error in errors)),
        )
        if errors
        else ""
    )
    return format_html('<div class="{}">\n    {}\n{}\n</div>', classes, body, error_list)


def _is_empty(value):
    # What `BoundField.value()` gives for a parameter the parent left out or blank (a 0 the
    # parent typed is the string "0").
    return value is None or value is False or (isinstance(value, str | list | tuple) and not value)


def _choice_key(value, label):
    # A label in the code (a lazy translation) follows from the language, which the key has:
    # hashing it would translate it. A label from the database (a wijk's name) goes in.
    return (value, label) if isinstance(label, str) else value


def kept_field_html(field, hide_legend=False):
    """`field_html`, kept per publication generation for a field the parent left empty.

    Most searches set a few of the form's nineteen fields; an empty field without errors is
    drawn the same for every search of the language, so it is drawn once (`core.cache.
    remembered`: each process, until the next publication). Its choices (values and labels)
    are part of the key: the wijken offered depend on the municipality or region searched (a
    bounded set, chosen by the server, never text a visitor typed). A field with a value or an
    error is drawn every time."""
    if field.errors or not _is_empty(field.value()):
        return field_html(field, hide_legend=hide_legend)
    choices = getattr(field.field, "choices", None)
    key = (
        "empty-field",
        get_language(),
        field.html_name,
        field.auto_id,
        hide_legend,
        tuple(_choice_key(value, label) for value, label in choices) if choices else None,
    )
    return remembered(key, lambda: field_html(field, hide_legend=hide_legend))
