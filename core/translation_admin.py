"""The admin's "Translate" (wagtail-localize) for a page, refused for a fiche or its folders.

Their copy would be refused anyway (core.i18n.OneLanguagePageMixin), but wagtail-localize then
fails looking for it; the editor gets the reason instead.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from wagtail.models import Page
from wagtail_localize.views.submit_translations import SubmitPageTranslationView

from .i18n import NOT_TRANSLATED, OneLanguagePageMixin


def submit_page_translation(request, page_id):
    """wagtail-localize's submit view, except for pages kept in one language."""
    page = get_object_or_404(Page, id=page_id)
    if issubclass(page.specific_class or Page, OneLanguagePageMixin):
        messages.error(request, NOT_TRANSLATED)
        # (Not to the fiche's folder: the editor who asked may have no access there.)
        return redirect("wagtailadmin_home")
    return SubmitPageTranslationView.as_view()(request, page_id=page_id)
