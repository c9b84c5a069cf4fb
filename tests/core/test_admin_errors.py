"""Bad input from logged-in users gets a form error, never a 500 (issue 10 item 9)."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Site

from home.permissions import grant_section_permissions

from ..admin_forms import form_data
from ..factories import InformationPageFactory

pytestmark = pytest.mark.django_db


def not_an_image():
    # A PNG signature, then no PNG: the image library recognises the type, then fails.
    return SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 50, "image/png")


def test_an_image_upload_that_is_no_image_gets_a_form_error(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("wagtailimages:add"), {"title": "Foto", "file": not_an_image()})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_a_multiple_image_upload_that_is_no_image_gets_a_form_error(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("wagtailimages:add_multiple"), {"files[]": not_an_image()})
    assert response.status_code == 200
    assert response.json()["success"] is False


def test_an_image_chooser_upload_that_is_no_image_gets_a_form_error(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("wagtailimages_chooser:create"),
        {"image-chooser-upload-title": "Foto", "image-chooser-upload-file": not_an_image()},
    )
    assert response.status_code == 200
    assert response.json()["step"] == "reshow_creation_form"


def test_a_real_image_still_uploads(client, admin_user):
    buffer = BytesIO()
    PILImage.new("RGB", (4, 3), "red").save(buffer, "PNG")
    client.force_login(admin_user)
    upload = SimpleUploadedFile("rood.png", buffer.getvalue(), "image/png")
    response = client.post(reverse("wagtailimages:add"), {"title": "Rood", "file": upload})
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Rood")
    assert (image.width, image.height) == (4, 3)


@pytest.mark.parametrize("count", [None, "veel", "-1"], ids=["missing", "junk", "negative"])
def test_a_page_edit_without_the_stream_count_gets_a_form_error(
    client, admin_user, home_page, count
):
    client.force_login(admin_user)
    url = reverse("wagtailadmin_pages:edit", args=[home_page.pk])
    data = form_data(client.get(url))
    data.pop("how_it_works-count", None)
    if count is not None:
        data["how_it_works-count"] = count
    data["search_title"] = "Niet bewaard"
    response = client.post(url, data)
    if count == "-1":
        # A negative count reads as an empty stream: saved, nothing to complain about.
        assert response.status_code == 302
        return
    assert response.status_code == 200
    assert response.context["form"].errors["how_it_works"]
    home_page.refresh_from_db()
    assert home_page.search_title != "Niet bewaard"


def test_an_information_page_edit_without_the_body_count(client, communication_user, home_page):
    page = InformationPageFactory(parent=home_page, title="Info", slug="info")
    grant_section_permissions(page)
    client.force_login(communication_user)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(client.get(url))
    data.update({"title": "Nieuw", "action-publish": "action-publish"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "niet volledig" in response.content.decode()


def test_the_menu_settings_without_the_stream_count_get_a_form_error(client, admin_user, home_page):
    site = Site.objects.get(root_page=home_page)
    url = reverse("wagtailsettings:edit", args=["home", "navigationsettings", site.pk])
    client.force_login(admin_user)
    data = form_data(client.get(url), form_id=None)
    data.pop("main_menu-count", None)
    data["footer_text"] = "Niet bewaard"
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["main_menu"]
