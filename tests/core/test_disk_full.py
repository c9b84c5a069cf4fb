"""A full disk does not take public pages down (issue 16, item 5).

The media folder is a small tmpfs that the test fills for real, so every write meets the
kernel's own "no space left on device", partway through the file as on a real disk. Needs
root (mount); skipped with that reason otherwise. tests/core/test_faults.py keeps the
editor's 507 with a storage that writes to /dev/full.
"""

import io
import os
import random
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images.models import Image, Rendition
from wagtail.images.tests.utils import get_test_image_file

from opvanglocaties.models import LocationPhoto
from portal.settings import base as production_settings

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_disk(tmp_path, settings):
    """MEDIA_ROOT on a 2 MB tmpfs, with the storage production uses (the test settings keep
    files in memory)."""
    media = tmp_path / "media"
    media.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(media)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs to fill (needs root): {mounted.stderr.strip()}")
    settings.MEDIA_ROOT = media
    settings.STORAGES = {
        **settings.STORAGES,
        "default": production_settings.STORAGES["default"],
    }
    try:
        yield media
    finally:
        subprocess.run(["umount", str(media)], check=True)


def fill(media):
    """Write a filler file until the disk is full; returns it so the test can free space."""
    filler = media / "filler.bin"
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError:
            pass
    return filler


def files_in(media):
    return sorted(
        str(path.relative_to(media))
        for path in media.rglob("*")
        if path.is_file() and path.name != "filler.bin"
    )


def noisy_png(width=900, height=700):
    """A PNG of about 1.9 MB: random pixels do not compress."""
    generator = random.Random(16)
    image = PILImage.frombytes("RGB", (width, height), generator.randbytes(width * height * 3))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def fiche_with_photo(small_disk, make_location):
    page = make_location(title="Kinderdagverblijf De Tuin")
    image = Image.objects.create(title="Tuin", file=get_test_image_file())
    LocationPhoto.objects.create(page=page, image=image, alt_text="De tuin met zandbak")
    return page, image


def test_fiche_renders_without_the_photo_when_its_rendition_cannot_be_written(
    fiche_with_photo, small_disk
):
    page, image = fiche_with_photo
    before = files_in(small_disk)
    filler = fill(small_disk)

    for _ in range(10):
        response = Client(raise_request_exception=False).get(page.url)
        assert response.status_code == 200
    text = response.content.decode()
    assert "Kinderdagverblijf De Tuin" in text
    assert "fill-480x320" not in text  # no rendition to link to
    # Ten views, no leftovers: no empty or partial rendition files, no rendition rows.
    assert files_in(small_disk) == before
    assert not Rendition.objects.exists()

    filler.unlink()  # space again: the next view makes the rendition
    response = Client().get(page.url)
    assert "fill-480x320" in response.content.decode()
    assert Rendition.objects.filter(image=image).count() == 1


def test_admin_image_listing_answers_with_a_full_disk(fiche_with_photo, small_disk):
    fill(small_disk)
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(is_superuser=True))
    response = client.get(reverse("wagtailimages:index"))
    assert response.status_code == 200
    assert "Tuin" in response.content.decode()


def test_failed_upload_says_507_and_leaves_no_partial_file(small_disk, loket_user):
    png = noisy_png()
    free = os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize
    assert len(png) > free // 2, "the upload must be large enough to fill what is left"
    filler = small_disk / "filler.bin"
    # Leave room for part of the upload only, so the write fails partway.
    filler.write_bytes(b"\0" * (free - len(png) // 2))
    before = files_in(small_disk)
    client = Client(raise_request_exception=False)
    client.force_login(loket_user)

    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "Groot", "file": SimpleUploadedFile("groot.png", png, "image/png")},
    )

    assert response.status_code == 507
    assert "schijf is vol" in response.content.decode()
    assert files_in(small_disk) == before
    assert not Image.objects.exists()
