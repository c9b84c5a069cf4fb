"""Which language a page's text is in, and pages kept in one language for every visitor.

Editors write in Dutch (settings.LANGUAGE_CODE); with Wagtail's localisation on
(WAGTAIL_I18N_ENABLED, wagtail-localize) a page may have an English copy that a translator made
(docs/guides/communication.md). A page without one is served under /en/ as it is, in Dutch,
with a notice (`core/includes/translation_notice.html`): the English home page routes what it
has no copy of from the Dutch one (core.routing.route_in_language).

Fiches and their folders are the provider's own words (docs/architecture.md, "Languages"):
they have one copy, in Dutch, served under every language prefix with the interface around
them translated. `OneLanguagePageMixin` gives those page types their URL in the visitor's
language and refuses a translated copy of them, so that lists and search never meet a fiche
twice.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Site

# Locale ids never change meaning (a locale is created once per language); read once per
# process and again when an unknown id turns up.
_language_of_locale = {}


def language_of_locale(locale_id):
    """The language code of a Locale id, without a query once the locales are known."""
    code = _language_of_locale.get(locale_id)
    if code is None:
        _language_of_locale.clear()
        _language_of_locale.update(Locale.all_objects.values_list("pk", "language_code"))
        code = _language_of_locale.get(locale_id, settings.LANGUAGE_CODE)
    return code


def active_content_language():
    """The content language (WAGTAIL_CONTENT_LANGUAGES) of the interface language, or the
    default when the interface speaks none of them."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return settings.LANGUAGE_CODE


def content_language(page):
    """The language the text of `page` is written in.

    An alias (Wagtail's copy that follows its source) shows its source's text; a fiche is
    always Dutch; any other page is written in its locale's language.
    """
    if isinstance(page, OneLanguagePageMixin) or not getattr(page, "locale_id", None):
        return settings.LANGUAGE_CODE
    if getattr(page, "alias_of_id", None):
        return language_of_locale(page.alias_of.locale_id)
    return language_of_locale(page.locale_id)


def untranslated_notice(page, request=None):
    """What a visitor needs when `page` is not in the interface's language, else None.

    {"language": the content's language code, "url": the page in that language}. A page kept
    in one language on purpose (a fiche) gets no notice: its interface is translated, and
    its text is the provider's.
    """
    if page is None or isinstance(page, OneLanguagePageMixin):
        return None
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return None
    wanted = active_content_language()
    if wanted == settings.LANGUAGE_CODE:
        # Dutch is every page's source: under / a page is always served in Dutch.
        return None
    written_in = content_language(page)
    if written_in == wanted:
        return None
    source = page.alias_of if page.alias_of_id else page
    with translation.override(written_in):
        url = source.specific_deferred.get_url(request)
    if not url:
        return None
    return {"language": written_in, "url": url}


def in_interface_language(url_parts):
    """Wagtail's URL parts of a Dutch page, with the path under the interface's language.

    Wagtail reverses a page's path in the page's own language (no prefix for Dutch); the
    same page under /en/ is served in Dutch with the English interface around it.
    """
    if not url_parts or url_parts[2] is None:
        return url_parts
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return url_parts
    language = translation.get_language()
    if not language or active_content_language() == settings.LANGUAGE_CODE:
        return url_parts
    return in_language(url_parts, language)


def in_language(url_parts, language):
    """Wagtail's URL parts of a Dutch page, with the path under `language`'s prefix."""
    site_id, root_url, page_path = url_parts
    below_prefix = page_path[len(get_script_prefix()) :]
    with translation.override(language):
        return site_id, root_url, reverse("wagtail_serve", args=(below_prefix,))


def url_in_interface_language(page, request=None):
    """The URL of `page`'s copy in the interface's language, or of the page itself served
    under that language (in Dutch, with the notice) when it has no live copy in it."""
    if active_content_language() == settings.LANGUAGE_CODE:
        return page.get_url(request)  # under / every page is served from the Dutch tree
    localized = page.localized
    if localized.pk != page.pk or language_of_locale(page.locale_id) != settings.LANGUAGE_CODE:
        return localized.get_url(request)  # a copy in this language: its own URL has it
    parts = in_interface_language(page.get_url_parts(request))
    if not parts or parts[2] is None:
        return None
    site_id, root_url, path = parts
    current = Site.find_for_request(request) if request is not None else None
    if current is not None and current.pk == site_id:
        return path
    return (root_url or "") + path


NOT_TRANSLATED = _("Fiches and their folders are not translated: the interface around them is.")


class OneLanguagePageMixin:
    """A page type with one copy, in the default language, served under every language.

    Its URL follows the visitor's language (/en/... under English), so the interface around
    it stays in the language the visitor chose; a translated copy is refused (clean), also
    when a translator asks for a whole section with its subtree.
    """

    def get_url_parts(self, request=None):
        return in_interface_language(super().get_url_parts(request))

    def clean(self):
        super().clean()
        self._refuse_translated_copy()

    def minimal_clean(self):
        # What Wagtail checks when it saves a draft, as every translated copy starts.
        super().minimal_clean()
        self._refuse_translated_copy()

    def _refuse_translated_copy(self):
        # A new page arrives with its locale set only when it is a translated copy.
        adding_copy = self._state.adding and self.locale_id
        if adding_copy and language_of_locale(self.locale_id) != settings.LANGUAGE_CODE:
            raise ValidationError(NOT_TRANSLATED)
