"""An editor translates a page in the admin: wagtail-localize's real views, as the editor's
browser calls them (submit, one string at a time, publish)."""

from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation

from home.models import HomePage, InformationPage
from home.permissions import grant_section_permissions, put_under_review

from ..conftest import logged_in
from ..factories import InformationPageFactory, PrivacyPageFactory

pytestmark = pytest.mark.django_db

ENGLISH = {
    "Veelgestelde vragen": "Frequently asked questions",
    "Antwoorden op wat ouders vragen.": "Answers to what parents ask.",
}


@pytest.fixture
def faq(home_page):
    page = InformationPageFactory(
        parent=home_page,
        title="Veelgestelde vragen",
        slug="faq",
        summary="Antwoorden op wat ouders vragen.",
        body=[],
    )
    grant_section_permissions(page)
    return page


def submit(client, page):
    """The "Translate" action: the English copy is made as a draft, the editor is sent to it."""
    english = Locale.objects.get(language_code="en")
    response = client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [english.pk]})
    assert response.status_code == 302, response.status_code
    copy = page.get_translation(english)
    assert response["Location"] == f"/admin/pages/{copy.pk}/edit/"
    assert not copy.live  # a copy still in Dutch does not go live by itself
    return copy


def translate_strings(client, page, copy, english_for):
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=copy.locale
    )
    for segment in StringSegment.objects.filter(source=translation.source):
        value = english_for.get(segment.string.data)
        if value is None:
            continue
        response = client.put(
            f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
            urlencode({"value": value}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201), response.content


def publish(client, copy, on_commit):
    # wagtail-localize publishes once the transaction commits.
    with on_commit(execute=True):
        response = client.post(f"/admin/pages/{copy.pk}/edit/", {"action": "publish"}, follow=True)
    assert response.status_code == 200, response.status_code
    said = [str(message) for message in response.context["messages"]]
    assert any("gepubliceerd" in message for message in said), said


def test_communication_staff_translate_a_page_in_the_admin(
    client, home_page, faq, communication_user, django_capture_on_commit_callbacks
):
    editor = logged_in(communication_user)

    # The home page first: the English pages live below its English copy.
    english_home = submit(editor, home_page)
    assert isinstance(english_home.specific, HomePage)
    translate_strings(editor, home_page, english_home, {home_page.title: "Childcare in Ghent"})
    publish(editor, english_home, django_capture_on_commit_callbacks)

    # The translation editor opens on the copy.
    copy = submit(editor, faq)
    editing = editor.get(f"/admin/pages/{copy.pk}/edit/")
    assert editing.status_code == 200
    assert "wagtail_localize" in editing.content.decode() or "localize" in editing.content.decode()
    translate_strings(editor, faq, copy, ENGLISH)
    publish(editor, copy, django_capture_on_commit_callbacks)

    copy = InformationPage.objects.get(pk=copy.pk)
    assert copy.live and copy.title == "Frequently asked questions"
    html = BeautifulSoup(client.get("/en/faq/").content, "html.parser")
    assert html.find("h1").get_text(strip=True) == "Frequently asked questions"
    assert html.select_one(".lead").get_text(strip=True) == "Answers to what parents ask."
    assert html.select_one(".translation-notice") is None
    dutch = BeautifulSoup(client.get("/faq/").content, "html.parser")
    assert dutch.find("h1").get_text(strip=True) == "Veelgestelde vragen"


def test_the_english_copy_of_a_section_is_the_editors_too(home_page, faq, communication_user):
    editor = logged_in(communication_user)
    submit(editor, home_page)
    copy = submit(editor, faq)
    assert Page.objects.get(pk=copy.pk).permissions_for_user(communication_user).can_edit()


def test_translating_the_home_page_with_its_subtree_leaves_the_fiches_alone(
    home_page, faq, make_location, communication_user
):
    fiche = make_location()
    editor = logged_in(communication_user)
    english = Locale.objects.get(language_code="en")
    response = editor.post(
        f"/admin/localize/submit/page/{home_page.pk}/",
        {"locales": [english.pk], "include_subtree": "on"},
    )
    assert response.status_code == 302
    assert faq.has_translation(english)
    assert not fiche.has_translation(english)
    assert not fiche.get_parent().has_translation(english)


def test_providers_cannot_translate(home_page, make_location, provider):
    fiche = make_location()
    english = Locale.objects.get(language_code="en")
    response = logged_in(provider).post(
        f"/admin/localize/submit/page/{fiche.pk}/", {"locales": [english.pk]}
    )
    assert response.status_code in (302, 403)
    assert not fiche.has_translation(english)


def test_translate_on_a_fiche_says_why_not(home_page, make_location, communication_user):
    fiche = make_location()
    english = Locale.objects.get(language_code="en")
    response = logged_in(communication_user).post(
        f"/admin/localize/submit/page/{fiche.pk}/", {"locales": [english.pk]}, follow=True
    )
    assert response.status_code == 200
    said = [str(message) for message in response.context["messages"]]
    assert said == ["Fiches en hun mappen worden niet vertaald: de interface errond wel."]
    assert not fiche.has_translation(english)


def test_a_section_under_review_stays_under_review_in_english(home_page, communication_user):
    privacy = PrivacyPageFactory(parent=home_page, title="Privacy", slug="privacy")
    grant_section_permissions(privacy)
    put_under_review(privacy)
    editor = logged_in(communication_user)
    submit(editor, home_page)
    copy = submit(editor, privacy)
    assert copy.get_workflow() == privacy.get_workflow()
    rights = Page.objects.get(pk=copy.pk).permissions_for_user(communication_user)
    assert rights.can_edit() and not rights.can_publish()
