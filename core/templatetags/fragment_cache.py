"""`{% generation_cache "name" part … %}…{% endgeneration_cache %}`: a rendered fragment kept
until the next publication.

The fragment is stored under the page cache's generation (`core.cache`: any publish,
unpublish, move or delete of a page, a view restriction or a site setting bumps it), the
interface language, today's date (a text that says how old something is must not outlive the
day) and the parts given (e.g. the page's id). Only for fragments that are the same for every
visitor: nothing of the request, the user or the session may be drawn inside. A preview or a
request without a generation-safe page (Wagtail's preview of a draft) renders afresh and
stores nothing. `FRAGMENT_CACHE_SECONDS` (0 in the tests' settings) says how long at most.
"""

from django import template
from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from django.utils.translation import get_language

from core import cache as page_cache

register = template.Library()


class GenerationCacheNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context):
        request = context.get("request")
        seconds = settings.FRAGMENT_CACHE_SECONDS
        if not seconds or request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        parts = ":".join(str(part.resolve(context)) for part in self.parts)
        key = (
            f"fragment:{page_cache.generation()}:{get_language()}:"
            f"{timezone.localdate().isoformat()}:{parts}"
        )
        store = caches[settings.PAGE_CACHE_ALIAS]
        html = store.get(key)
        if html is None:
            html = self.nodelist.render(context)
            store.set(key, html, seconds)
        return html


@register.tag
def generation_cache(parser, token):
    """`{% generation_cache "name" part … %}…{% endgeneration_cache %}` (see the module)."""
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("generation_cache needs a fragment name")
    nodelist = parser.parse(("endgeneration_cache",))
    parser.delete_first_token()
    return GenerationCacheNode(nodelist, [parser.compile_filter(bit) for bit in bits])
