"""Uploaded files in development (`DEBUG`), never the documents.

Documents go through Wagtail's view (`/documenten/<id>/<name>`), which checks the privacy of
their collection: the manuals for providers are not for the public. Their files also sit
under MEDIA_ROOT, at a name anyone who saw the link can guess, so the media route refuses
that folder; in production nginx does the same (docs/operations.md).
"""

import posixpath

from django.conf import settings
from django.http import Http404
from django.views.static import serve
from wagtail.documents import get_document_model


def documents_folder():
    """The folder under MEDIA_ROOT where Wagtail stores document files."""
    return get_document_model()._meta.get_field("file").upload_to.strip("/")


def serve_media(request, path):
    """Serve an uploaded file from MEDIA_ROOT, except a document's."""
    # Normalised as django.views.static does, so "images/../documents/x.pdf" is refused too.
    normalised = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
    folder = documents_folder()
    if normalised == folder or normalised.startswith(folder + "/"):
        raise Http404("Documents are served by /documenten/.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)
