"""Leaflets with language versions, and documents only provider staff may download."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from wagtail.models import Collection

from core.media import serve_media
from core.roles import LOCATION
from home.permissions import provider_documents_collection

from ..conftest import role
from ..factories import (
    LeafletPageFactory,
    LeafletVersionFactory,
    PdfDocumentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_on_disk(settings, tmp_path):
    """Documents on a real disk, as in production: Wagtail's document view sends local files.

    (The test settings' in-memory storage claims a local path it does not have.)
    """
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def download(client, document):
    response = client.get(document.url)
    if response.status_code == 200:
        return b"".join(response.streaming_content)
    return response


def test_leaflet_page_lists_each_language_with_type_and_size(client, leaflet_index):
    leaflet = LeafletPageFactory(parent=leaflet_index, title="Zo zoek je opvang")
    for language in ("nl", "en", "fr"):
        LeafletVersionFactory(leaflet=leaflet, language=language)
    html = client.get(leaflet.url).content.decode()
    for name in ("Nederlands", "Engels", "Frans"):
        assert name in html  # language names in the interface language (Dutch)
    size = filesizeformat(leaflet.versions.first().document.get_file_size())
    assert f"(PDF, {size})" in html
    assert 'hreflang="fr"' in html


def test_public_leaflet_pdf_downloads_for_anyone(client, leaflet_index):
    version = LeafletVersionFactory(leaflet=LeafletPageFactory(parent=leaflet_index))
    body = download(client, version.document)
    assert body.startswith(b"%PDF-1.4") and body.rstrip().endswith(b"%%EOF")


@pytest.fixture
def manual():
    return PdfDocumentFactory(title="Handleiding", collection=provider_documents_collection())


def test_provider_documents_collection_is_made_once():
    assert provider_documents_collection() == provider_documents_collection()
    assert Collection.objects.filter(name=provider_documents_collection().name).count() == 1


def test_anonymous_visitors_cannot_download_provider_documents(client, manual):
    response = download(client, manual)
    assert response.status_code == 302
    assert "login" in response["Location"] and "next=/documenten/" in response["Location"]


def test_other_users_cannot_download_provider_documents(client, manual):
    client.force_login(UserFactory(username="ouder"))
    assert download(client, manual).status_code == 302


def test_provider_staff_download_provider_documents(client, manual, provider):
    client.force_login(provider)
    assert download(client, manual).startswith(b"%PDF")


def test_location_staff_and_loket_download_provider_documents(client, manual, loket_user):
    for user in (UserFactory(username="locatie", groups=[role(LOCATION)]), loket_user):
        client.force_login(user)
        assert download(client, manual).startswith(b"%PDF"), user


@pytest.mark.real_otp
def test_provider_documents_ask_for_the_second_factor(client, manual, provider):
    # A password alone opens no admin page; it must not open the provider documents either.
    client.force_login(provider)
    response = download(client, manual)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("opvangpunt_2fa_setup"))
    assert f"next=%2Fdocumenten%2F{manual.pk}%2F" in response["Location"]


@pytest.mark.real_otp
def test_public_leaflets_do_not_ask_staff_for_a_second_factor(client, leaflet_index, provider):
    version = LeafletVersionFactory(leaflet=LeafletPageFactory(parent=leaflet_index))
    client.force_login(provider)
    assert download(client, version.document).startswith(b"%PDF")


@pytest.mark.parametrize(
    "prefix",
    ["", "images/../", "./", "/", "images/..\\"],
    ids=["plain", "up", "dot", "slash", "bs"],
)
def test_the_development_media_route_refuses_document_files(rf, manual, prefix):
    # The file sits under MEDIA_ROOT at a name its download link gives away.
    assert (Path(django_settings.MEDIA_ROOT) / manual.file.name).is_file()
    with pytest.raises(Http404):
        serve_media(rf.get("/"), prefix + manual.file.name)


def test_the_development_media_route_refuses_a_way_back_into_media_root(rf, manual, settings):
    # "/media/%2e%2e/media/documents/<file>": up out of MEDIA_ROOT and into it again by name.
    back_in = f"../{Path(settings.MEDIA_ROOT).name}/"
    with pytest.raises(Http404):
        serve_media(rf.get("/"), back_in + manual.file.name)
    with pytest.raises(Http404):
        serve_media(rf.get("/"), "../../etc/passwd")


def test_the_development_media_route_serves_other_uploads(rf, settings):
    (Path(settings.MEDIA_ROOT) / "images").mkdir()
    (Path(settings.MEDIA_ROOT) / "images" / "logo.png").write_bytes(b"\x89PNG")
    response = serve_media(rf.get("/"), "images/logo.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"\x89PNG"
