"""File storage that keeps a full disk from taking public pages down.

- `FileSystemStorage` (the default storage) removes what a failed save had written: a full
  disk otherwise keeps every partial file (a failed 5 MB upload left 2 MB behind, and each
  failed rendition an empty file), which fills the disk further.
- `RenditionStorage` (WAGTAILIMAGES_RENDITION_STORAGE) stores renditions in the default
  storage. When the disk is full it raises `RenditionNotSaved`, a `SourceImageIOError`:
  Wagtail's `{% image %}` tag and admin listings render a missing picture for that error
  instead of failing the page, so a parent still gets the fiche (without that photo) and an
  editor the image listing. The next view tries again, once there is space. An editor's own
  upload (the original image or a document) still fails with the 507 page (core.faults).
"""

import contextlib
import os

from django.core.files.storage import FileSystemStorage as DjangoFileSystemStorage
from django.core.files.storage import Storage, default_storage
from django.utils.deconstruct import deconstructible
from wagtail.images.models import SourceImageIOError

from .faults import DISK_FULL


@deconstructible(path="core.storage.FileSystemStorage")
class FileSystemStorage(DjangoFileSystemStorage):
    """Django's file system storage, without partial files after a failed save."""

    def _save(self, name, content):
        full_path = self.path(name)
        existed = os.path.lexists(full_path)
        try:
            return super()._save(name, content)
        except OSError:
            if not existed:
                with contextlib.suppress(OSError):
                    os.remove(full_path)
            raise


class RenditionNotSaved(SourceImageIOError):
    """A rendition could not be written (disk full): render the page without it."""


@deconstructible(path="core.storage.RenditionStorage")
class RenditionStorage(Storage):
    """The default storage for renditions; a full disk becomes a missing picture."""

    def _save(self, name, content):
        try:
            return default_storage._save(name, content)
        except OSError as error:
            if error.errno in DISK_FULL:
                raise RenditionNotSaved(f"rendition not saved: {error.strerror}") from error
            raise

    # Everything else as the default storage does it (looked up at each call, so that a
    # changed STORAGES setting, in tests, applies here too).
    def _open(self, name, mode="rb"):
        return default_storage._open(name, mode)

    def delete(self, name):
        return default_storage.delete(name)

    def exists(self, name):
        return default_storage.exists(name)

    def listdir(self, path):
        return default_storage.listdir(path)

    def size(self, name):
        return default_storage.size(name)

    def url(self, name):
        return default_storage.url(name)

    def path(self, name):
        return default_storage.path(name)

    def get_valid_name(self, name):
        return default_storage.get_valid_name(name)

    def get_available_name(self, name, max_length=None):
        return default_storage.get_available_name(name, max_length=max_length)

    def generate_filename(self, filename):
        return default_storage.generate_filename(filename)

    def get_accessed_time(self, name):
        return default_storage.get_accessed_time(name)

    def get_created_time(self, name):
        return default_storage.get_created_time(name)

    def get_modified_time(self, name):
        return default_storage.get_modified_time(name)
