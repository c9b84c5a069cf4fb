"""The search form's widgets draw the same HTML as Django's widget templates, only faster."""

import pytest
from bs4 import BeautifulSoup
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import translation

from search import widgets
from search.forms import SearchForm

pytestmark = pytest.mark.django_db

FILLED_IN = (
    'q=a"b<x>&gemeente=gent&buurgemeenten=on&postcode=9000&afstand=-3&lat=51&lng=3.7'
    "&type=group&leeftijd=abc&ikt=on&beschikbaar=vanaf&vanaf=2027-03&opent_voor=07:30"
    "&sluit_na=25:00&dag=2&sorteer=naam"
)


def normalised(html):
    """The elements with their attributes and text; attribute order is not part of HTML."""
    return [
        (tag.name, dict(tag.attrs), tag.string and tag.string.strip())
        for tag in BeautifulSoup(html, "html.parser").find_all(True)
    ]


def drawn_by_django(bound_field):
    """The field as Django's own widget class (and so its templates) draws it."""
    widget = bound_field.field.widget
    ours = type(widget)
    django_class = next(c for c in ours.__mro__ if c.__module__.startswith("django.forms"))
    widget.__class__ = django_class
    try:
        return str(bound_field)
    finally:
        widget.__class__ = ours


@pytest.mark.parametrize("query", ["", FILLED_IN], ids=["empty", "filled-in-with-errors"])
def test_python_drawn_widgets_match_djangos_templates(gent, query):
    form = SearchForm(QueryDict(query))
    form.is_valid()
    drawn = [
        name
        for name, field in form.fields.items()
        if isinstance(field.widget, widgets.PythonRenderedInput | widgets.Select)
    ]
    assert len(drawn) == 17  # every field but the lists of checkboxes (wijken, subsidy, ...)
    for name in drawn:
        assert normalised(str(form[name])) == normalised(drawn_by_django(form[name])), name
    if query:
        # The bound field's own attributes come through: the error state, the typed value.
        assert 'aria-invalid="true"' in str(form["leeftijd"])
        assert 'value="a&quot;b&lt;x&gt;"' in str(form["q"])


@pytest.mark.parametrize(
    "query",
    ["", FILLED_IN, "gemeente=gent&wijk=ledeberg&wijk=nergens&subsidie=x&taal=nl"],
    ids=["empty", "filled-in-with-errors", "wijken-chosen-and-unknown"],
)
def test_python_drawn_fields_match_the_field_template(gent, wijken, query):
    form = SearchForm(QueryDict(query))
    form.is_valid()
    for name in form.fields:
        for hide_legend in (False, True):
            template = render_to_string(
                "search/includes/field.html", {"field": form[name], "hide_legend": hide_legend}
            )
            ours = widgets.field_html(form[name], hide_legend=hide_legend)
            assert normalised(ours) == normalised(template), name
            # The same text too, but for the template's line breaks and indentation.
            assert "".join(ours.split()) == "".join(template.split()), name
    if query.startswith("gemeente"):
        assert "checked" in widgets.field_html(form["wijk"])
        assert 'class="errors"' in widgets.field_html(form["wijk"])


def test_an_empty_field_is_kept_per_language_and_choices(settings, gent, wijken, buren):
    """`kept_field_html`: a field the parent left empty is drawn once per language and set of
    choices (per publication); a field with a value or an error is drawn every time."""
    settings.FRAGMENT_CACHE_SECONDS = 600
    merelbeke, _destelbergen = buren

    def drawn(query, name, language="nl", hide_legend=False):
        """(the field from the keep, the field drawn afresh)."""
        with translation.override(language):
            form = SearchForm(QueryDict(query))
            form.is_valid()
            return (
                widgets.kept_field_html(form[name], hide_legend=hide_legend),
                widgets.field_html(form[name], hide_legend=hide_legend),
            )

    for name in ("q", "leeftijd", "taal", "sorteer", "buurgemeenten", "wijk"):
        drawn("gemeente=gent", name)  # kept
        kept, fresh = drawn("gemeente=gent", name)
        assert kept == fresh, name
        drawn("gemeente=gent", name, language="en")
        english, fresh = drawn("gemeente=gent", name, language="en")
        assert english == fresh, name
        assert english != kept, name  # the labels in English, not the Dutch copy
    # The wijken offered are those of the municipality searched: not Gent's kept list.
    assert "Ledeberg" in drawn("gemeente=gent", "wijk")[0]
    assert "Ledeberg" not in drawn(f"gemeente={merelbeke.slug}", "wijk")[0]
    assert "visually-hidden" in drawn("gemeente=gent", "wijk", hide_legend=True)[0]
    # A value, an error: drawn for this form.
    assert 'value="7"' in drawn("leeftijd=7", "leeftijd")[0]
    assert 'value="8"' in drawn("leeftijd=8", "leeftijd")[0]
    assert 'class="errors"' in drawn("leeftijd=abc", "leeftijd")[0]
    assert "checked" in drawn("gemeente=gent&wijk=ledeberg", "wijk")[0]
    assert "checked" not in drawn("gemeente=gent", "wijk")[0]


def test_an_empty_field_is_drawn_once_and_a_filled_in_one_every_time(settings, gent, monkeypatch):
    settings.FRAGMENT_CACHE_SECONDS = 600
    drawn = []
    field_html = widgets.field_html

    def counting(field, hide_legend=False):
        drawn.append(field.name)
        return field_html(field, hide_legend=hide_legend)

    monkeypatch.setattr(widgets, "field_html", counting)
    for age in (7, 8, 9):
        form = SearchForm(QueryDict(f"gemeente=gent&leeftijd={age}"))
        form.is_valid()
        widgets.kept_field_html(form["taal"])
        assert f'value="{age}"' in widgets.kept_field_html(form["leeftijd"])
    assert drawn.count("taal") == 1
    assert drawn.count("leeftijd") == 3


def test_the_kept_wijken_follow_their_labels_too(settings):
    # Two municipalities can both have a wijk "centrum": the same value, another label.
    settings.FRAGMENT_CACHE_SECONDS = 600
    html = []
    for label in ("Centrum", "Centrum (Aalst)"):
        form = SearchForm(QueryDict(""))
        form.fields["wijk"].choices = [("centrum", label)]
        form.is_valid()
        html.append(widgets.kept_field_html(form["wijk"]))
    assert "(Aalst)" not in html[0]
    assert "(Aalst)" in html[1]
