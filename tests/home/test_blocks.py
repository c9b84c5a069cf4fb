"""The blocks' own rules: alternative text unless decorative, links that lead somewhere."""

import pytest
import wagtail_factories
from wagtail.blocks import StructBlockValidationError

from home.blocks import CallToActionBlock, ImageBlock, LinkBlock

from ..factories import InformationPageFactory

pytestmark = pytest.mark.django_db


def errors_of(block, value):
    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(block.to_python(value))
    return set(raised.value.block_errors)


@pytest.fixture
def image():
    return wagtail_factories.ImageFactory()


@pytest.mark.parametrize("alt_text", ["", "   "])
def test_an_image_without_alternative_text_must_be_called_decorative(image, alt_text):
    block = ImageBlock()
    assert errors_of(block, {"image": image.pk, "alt_text": alt_text}) == {"alt_text"}
    assert block.clean(block.to_python({"image": image.pk, "decorative": True})).decorative
    described = block.clean(block.to_python({"image": image.pk, "alt_text": "Een speelhoek"}))
    assert described.contextual_alt_text == "Een speelhoek"


def test_the_stored_value_keeps_its_keys_and_the_caption(image):
    # The block builds on Wagtail's ImageBlock: content saved by our earlier StructBlock must
    # read back unchanged, caption included, with no data migration.
    block = ImageBlock()
    stored = {
        "image": image.pk,
        "alt_text": "Een speelhoek",
        "decorative": False,
        "caption": "Zomer",
    }
    value = block.to_python(stored)
    assert (value.pk, value.contextual_alt_text, value.caption) == (
        image.pk,
        "Een speelhoek",
        "Zomer",
    )
    assert block.get_prep_value(value) == stored


def test_links_without_a_destination_are_refused_next_to_the_page_field():
    assert errors_of(CallToActionBlock(), {"text": "Zoek opvang"}) == {"page"}
    assert errors_of(LinkBlock(), {"url": "https://x.example/"}) == {"page"}


def test_decorative_images_get_an_empty_alt_and_described_ones_their_text(client, home_page, image):
    page = InformationPageFactory(
        parent=home_page,
        slug="fotos",
        body=[
            ("image", {"image": image, "alt_text": "Twee peuters", "decorative": False}),
            ("image", {"image": image, "alt_text": "vergeten", "decorative": True}),
        ],
    )
    html = client.get(f"/{page.slug}/").content.decode()
    assert html.count("<figure") == 2
    assert 'alt="Twee peuters"' in html
    assert 'alt=""' in html and 'alt="vergeten"' not in html
