"""Uploaded files in development (`DEBUG`), never the documents.

Documents go through Wagtail's view (`/documenten/<id>/<name>`), which checks the privacy of
their collection: the manuals for providers are not for the public. Their files also sit
under MEDIA_ROOT, at a name anyone who saw the link can guess, so the media route refuses
that folder; in production nginx does the same (docs/operations.md).
"""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404
from django.utils._os import safe_join
from django.views.static import serve
from wagtail.documents import get_document_model


def documents_folder():
    """The folder under MEDIA_ROOT where Wagtail stores document files."""
    return get_document_model()._meta.get_field("file").upload_to.strip("/")


def media_file(path):
    """The path of `path` relative to MEDIA_ROOT, resolved as the file system would.

    Normalised first, checked after: "images/../documents/x.pdf" and
    "../media/documents/x.pdf" (from "/media/%2e%2e/media/documents/x.pdf", where MEDIA_ROOT
    is a folder called "media") both name a document's file. Anything that leaves MEDIA_ROOT
    is refused.
    """
    root = Path(settings.MEDIA_ROOT).resolve()
    try:
        target = Path(safe_join(root, path.replace("\\", "/"))).resolve()
    except SuspiciousFileOperation as error:  # outside MEDIA_ROOT
        raise Http404("Not a media file.") from error
    if not target.is_relative_to(root):
        raise Http404("Not a media file.")
    return target.relative_to(root).as_posix()


def serve_media(request, path):
    """Serve an uploaded file from MEDIA_ROOT, except a document's."""
    relative = media_file(path)
    folder = documents_folder()
    if relative == folder or relative.startswith(folder + "/"):
        raise Http404("Documents are served by /documenten/.")
    return serve(request, relative, document_root=settings.MEDIA_ROOT)
