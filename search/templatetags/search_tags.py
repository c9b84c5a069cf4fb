"""`{% search_field form.q %}`: one field of the search form, drawn in Python
(`search.widgets.field_html`, the same HTML as `search/includes/field.html`; an empty field
kept per publication, `kept_field_html`);
`{% search_query key=value %}`: Django's `{% querystring %}` for the page's many links."""

from django import template

from search import links
from search.widgets import kept_field_html

register = template.Library()


@register.simple_tag
def search_field(field, hide_legend=False):
    """The field's label, help text, input and errors (see `search.widgets.field_html`)."""
    return kept_field_html(field, hide_legend=hide_legend)


@register.simple_tag(takes_context=True)
def search_query(context, **changes):
    """`{% querystring %}` of the request's query, read once per page (`search.links`)."""
    return links.for_request(context.request).href(**changes)
