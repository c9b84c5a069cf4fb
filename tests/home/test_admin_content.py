"""Communication staff's daily work, through Wagtail's real admin views and rendered forms.

A leaflet in two languages, a PDF in the document library, the privacy page and the
accessibility statement: each posted back as the admin's own form renders it
(tests/admin_forms.py), and checked in the database afterwards.
"""

import datetime

import pytest
import wagtail_factories
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

from home.models import (
    AccessibilityStatementPage,
    LeafletPage,
    NewsPage,
    PrivacyPage,
)
from home.pdf import simple_pdf

from ..admin_forms import form_data
from ..factories import PdfDocumentFactory

pytestmark = pytest.mark.django_db

# StreamFields are drawn by the admin's JavaScript: their inputs are not in the HTML.
EMPTY_STREAMS = {"body-count": "0"}


def add_url(model, parent):
    meta = model._meta
    return reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def publish(client, url, changes):
    """Post the admin's form for `url` back with `changes`, and the Publish button."""
    data = {**EMPTY_STREAMS, **form_data(client.get(url)), **changes}
    data["action-publish"] = "action-publish"
    return client.post(url, data)


def field_errors(response):
    """The errors of the admin form in a response that was refused (status 200)."""
    assert response.status_code == 200, response.status_code
    return response.context["form"].errors


@pytest.fixture
def administrator(db):
    return get_user_model().objects.create_superuser("beheer", "beheer@example.org", "x")


def test_communication_adds_a_leaflet_in_two_languages(client, communication_user, leaflet_index):
    dutch, english = PdfDocumentFactory(title="Folder (nl)"), PdfDocumentFactory(title="Folder")
    client.force_login(communication_user)
    response = publish(
        client,
        add_url(LeafletPage, leaflet_index),
        {
            "title": "Kinderopvang zoeken",
            "slug": "kinderopvang-zoeken",
            "versions-TOTAL_FORMS": "2",
            "versions-INITIAL_FORMS": "0",
            "versions-MIN_NUM_FORMS": "1",
            "versions-MAX_NUM_FORMS": "1000",
            "versions-0-language": "nl",
            "versions-0-document": str(dutch.pk),
            "versions-0-ORDER": "1",
            "versions-1-language": "en",
            "versions-1-document": str(english.pk),
            "versions-1-ORDER": "2",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    leaflet = LeafletPage.objects.get(slug="kinderopvang-zoeken")
    assert leaflet.live and leaflet.get_parent().pk == leaflet_index.pk
    versions = leaflet.versions.order_by("sort_order")
    assert [(v.language, v.document_id) for v in versions] == [
        ("nl", dutch.pk),
        ("en", english.pk),
    ]


def test_communication_uploads_a_pdf_and_deletes_it(client, communication_user, home_page):
    Document = get_document_model()
    client.force_login(communication_user)
    url = reverse("wagtaildocs:add")
    data = form_data(client.get(url), form_id=None)
    data.update(
        title="Folder kinderopvang (fr)",
        file=SimpleUploadedFile(
            "folder-fr.pdf", simple_pdf("Folder", ["Bonjour."]), "application/pdf"
        ),
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    document = Document.objects.get(title="Folder kinderopvang (fr)")
    assert document.file.name.endswith(".pdf") and document.file_size > 0
    assert document.uploaded_by_user == communication_user

    response = client.post(reverse("wagtaildocs:delete", args=[document.pk]))
    assert response.status_code == 302, response.content[:2000]
    assert not Document.objects.filter(pk=document.pk).exists()


PRIVACY = {
    "title": "Privacy",
    "slug": "privacy",
    "summary": "Wat we met je gegevens doen.",
    "controller": "Stad Gent, Kinderopvangpunt Gent\nBotermarkt 1, 9000 Gent",
    "controller_email": "kinderopvang@stad.gent",
    "dpo_email": "privacy@stad.gent",
    "legal_basis": "Met je toestemming (artikel 6.1 a AVG).",
}


def test_privacy_page_is_made_by_an_administrator_and_kept_by_communication(
    client, administrator, communication_user, home_page
):
    # A new section directly under the home page is an administrator's decision
    # (docs/guides/communication.md); it is handed to communication staff at once.
    client.force_login(communication_user)
    assert client.get(add_url(PrivacyPage, home_page)).status_code in (302, 403)

    client.force_login(administrator)
    url = add_url(PrivacyPage, home_page)
    # GDPR art. 13: no publishing without the controller, the DPO and the legal basis.
    incomplete = {**PRIVACY, "controller": "", "dpo_email": "", "legal_basis": ""}
    errors = field_errors(publish(client, url, incomplete))
    assert {"controller", "dpo_email", "legal_basis"} <= set(errors)
    assert not PrivacyPage.objects.exists()
    response = publish(client, url, PRIVACY)
    assert response.status_code == 302, response.content[:2000]
    page = PrivacyPage.objects.get(slug="privacy")
    assert page.live and page.dpo_email == "privacy@stad.gent"

    client.force_login(communication_user)
    response = publish(client, edit_url(page), {"dpo_email": "dpo@stad.gent"})
    assert response.status_code == 302, response.content[:2000]
    page.refresh_from_db()
    assert page.dpo_email == "dpo@stad.gent" and not page.has_unpublished_changes


def test_accessibility_statement_is_made_by_an_administrator_and_kept_by_communication(
    client, administrator, communication_user, home_page
):
    client.force_login(administrator)
    response = publish(
        client,
        add_url(AccessibilityStatementPage, home_page),
        {
            "title": "Toegankelijkheidsverklaring",
            "slug": "toegankelijkheid",
            "compliance_status": "partial",
            "prepared_on": "2026-03-01",
            "evaluation_method": "Zelfevaluatie.",
            "feedback_email": "toegankelijkheid@stad.gent",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    page = AccessibilityStatementPage.objects.get(slug="toegankelijkheid")
    assert page.live and page.prepared_on == datetime.date(2026, 3, 1)

    client.force_login(communication_user)
    response = publish(
        client, edit_url(page), {"compliance_status": "full", "reviewed_on": "2026-09-01"}
    )
    assert response.status_code == 302, response.content[:2000]
    page.refresh_from_db()
    assert page.compliance_status == "full"
    assert page.reviewed_on == datetime.date(2026, 9, 1)


def test_a_news_image_needs_alternative_text_or_the_decorative_box(
    client, communication_user, news_index
):
    image = wagtail_factories.ImageFactory()
    client.force_login(communication_user)
    url = add_url(NewsPage, news_index)
    item = {"title": "Infoavond", "slug": "infoavond", "summary": "Kom langs.", "image": image.pk}

    errors = field_errors(publish(client, url, item))
    assert list(errors) == ["image_alt_text"]  # next to the field it is about
    response = publish(client, url, {**item, "image_is_decorative": "on"})
    assert response.status_code == 302, response.content[:2000]
    assert NewsPage.objects.get(slug="infoavond").image_is_decorative


def test_an_image_block_needs_alternative_text_or_the_decorative_box(
    client, communication_user, information_page
):
    image = wagtail_factories.ImageFactory()
    client.force_login(communication_user)

    def post_image(**value):
        return publish(
            client,
            edit_url(information_page),
            {
                "body-count": "1",
                "body-0-type": "image",
                "body-0-deleted": "",
                "body-0-order": "0",
                "body-0-id": "",
                "body-0-value-image": str(image.pk),
                "body-0-value-alt_text": "",
                "body-0-value-caption": "",
                **{f"body-0-value-{name}": v for name, v in value.items()},
            },
        )

    errors = field_errors(post_image())
    block_errors = errors.as_data()["body"][0].block_errors[0].block_errors
    assert list(block_errors) == ["alt_text"]
    assert post_image(alt_text="Twee peuters aan het spelen").status_code == 302
    assert post_image(decorative="on").status_code == 302
    information_page.refresh_from_db()
    assert information_page.body[0].value.decorative is True
    # The caption, our addition to Wagtail's image block, survives the editor's round trip.
    assert post_image(alt_text="Peuters", caption="In de tuin").status_code == 302
    information_page.refresh_from_db()
    assert information_page.body[0].value.caption == "In de tuin"
    assert information_page.body.raw_data[0]["value"]["caption"] == "In de tuin"
