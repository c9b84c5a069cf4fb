"""An English copy of a page made in code, for the demo and the tests.

Editors translate in the admin with wagtail-localize ("Vertalen", docs/guides/communication.md);
this is the same copy made with Wagtail's own API (`copy_for_translation`), its text set
directly: a translation wagtail-localize does not manage, which editors change in the usual
page editor.
"""

from wagtail.models import Locale


def publish_translation(page, language_code, **fields):
    """`page`'s copy in `language_code`, with `fields` set, published; made where missing.

    The copy's parents must have a copy in that language already (translate the home page
    first): a section copied along would be a draft, and its pages unreachable.
    """
    locale = Locale.objects.get(language_code=language_code)
    page = page.specific
    copy = page.get_translation_or_none(locale)
    if copy is None:
        copy = page.copy_for_translation(locale)
    copy = copy.specific
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy
