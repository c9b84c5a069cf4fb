"""StreamField blocks for information pages, news items and leaflets.

One template per block in `templates/home/blocks/`, so a block looks the same wherever it is
used. Blocks of apps above `home` (the request form) come in through the settings
(OPVANGPUNT_EXTRA_BODY_BLOCKS), so `home` never imports them.
"""

import copy

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import blocks as images_blocks
from wagtail.images.blocks import ImageChooserBlock

from .figures import FIGURE_CHOICES, figure_value

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 or 3 so that headings stay in order under the page's h1."""

    text = blocks.CharBlock(label=_("text"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section (level 2)")), ("h3", _("Subsection (level 3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "home/blocks/heading.html"


ALT_TEXT_HELP = _("Describe what the image shows, for people who cannot see it.")
DECORATIVE_HELP = _("Tick only if the image adds nothing to the text: screen readers then skip it.")
ALT_TEXT_REQUIRED = _('Describe the image, or tick "decorative image".')


class ImageBlock(images_blocks.ImageBlock):
    """Wagtail's image block, with our help texts and a caption.

    Wagtail's block already refuses an image without alternative text unless the editor ticks
    "decorative" (WCAG 1.1.1: alt="" only on purpose) and hands the template an Image with
    `contextual_alt_text` and `decorative`. The stored value keeps the keys it had when this
    was our own StructBlock (image, alt_text, decorative, caption), so no data migration.
    """

    def __init__(self, required=True, **kwargs):
        blocks.StructBlock.__init__(
            self,
            [
                ("image", ImageChooserBlock(required=required, label=_("image"))),
                (
                    "alt_text",
                    blocks.CharBlock(
                        label=_("alternative text"),
                        required=False,
                        max_length=250,
                        help_text=ALT_TEXT_HELP,
                    ),
                ),
                (
                    "decorative",
                    blocks.BooleanBlock(
                        label=_("decorative image"), required=False, help_text=DECORATIVE_HELP
                    ),
                ),
                ("caption", blocks.CharBlock(label=_("caption"), required=False, max_length=250)),
            ],
            **kwargs,
        )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "home/blocks/image.html"

    def deconstruct(self):
        return ("home.blocks.ImageBlock", [], self._constructor_kwargs)

    def _struct_value_to_image(self, struct_value):
        # A copy: Wagtail sets the alt text on the image object itself, so one Image object
        # used twice in a page (the demo, factories) would otherwise carry the last block's.
        if struct_value.get("image") is not None:
            struct_value["image"] = copy.copy(struct_value["image"])
        image = super()._struct_value_to_image(struct_value)
        if image:
            image.caption = struct_value.get("caption") or ""
        return image

    def _image_to_struct_value(self, image):
        value = super()._image_to_struct_value(image)
        value["caption"] = getattr(image, "caption", "") if image else ""
        return value

    # Wagtail writes the stored and the editor's value from a fixed list of keys: add ours.
    def get_prep_value(self, value):
        return {**super().get_prep_value(value), "caption": getattr(value, "caption", "") or ""}

    def get_form_state(self, value):
        return {**super().get_form_state(value), "caption": getattr(value, "caption", "") or ""}

    def clean(self, value):
        if value is not None and not value.decorative:
            # Spaces are no description (Wagtail's own check lets "   " through).
            value.contextual_alt_text = (value.contextual_alt_text or "").strip()
        try:
            return super().clean(value)
        except blocks.StructBlockValidationError as error:
            if "alt_text" in error.block_errors:  # our wording, which names the checkbox
                error.block_errors["alt_text"] = ValidationError(ALT_TEXT_REQUIRED)
            raise


class CallToActionBlock(blocks.StructBlock):
    """A prominent link to a page or an address, e.g. "Search childcare"."""

    text = blocks.CharBlock(label=_("button text"), max_length=80)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or address"), required=False)
    description = blocks.CharBlock(label=_("description"), required=False, max_length=250)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "home/blocks/call_to_action.html"

    def clean(self, value):
        result = super().clean(value)
        if not result.get("page") and not result.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or an address."))}
            )
        return result


class QuestionBlock(blocks.StructBlock):
    """One question of an FAQ and its answer."""

    question = blocks.CharBlock(label=_("question"), max_length=250)
    answer = blocks.RichTextBlock(label=_("answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question")


class FaqBlock(blocks.StructBlock):
    """Questions that open and close (<details>/<summary>: no JavaScript, keyboard friendly)."""

    title = blocks.CharBlock(label=_("title"), required=False, max_length=120)
    questions = blocks.ListBlock(QuestionBlock(), label=_("questions"), min_num=1)

    class Meta:
        icon = "help"
        label = _("Frequently asked questions")
        template = "home/blocks/faq.html"


class DocumentListBlock(blocks.StructBlock):
    """Documents from the library, each with its type and size."""

    title = blocks.CharBlock(label=_("title"), required=False, max_length=120)
    documents = blocks.ListBlock(DocumentChooserBlock(), label=_("documents"), min_num=1)

    class Meta:
        icon = "doc-full"
        label = _("Document list")
        template = "home/blocks/document_list.html"


class ContactCardBlock(blocks.StructBlock):
    """Who to contact, and how."""

    name = blocks.CharBlock(label=_("name"), max_length=120)
    description = blocks.CharBlock(label=_("description"), required=False, max_length=250)
    address = blocks.TextBlock(label=_("address"), required=False)
    phone = blocks.CharBlock(label=_("phone"), required=False, max_length=40)
    email = blocks.EmailBlock(label=_("email"), required=False)
    opening_hours = blocks.TextBlock(label=_("opening hours"), required=False)

    class Meta:
        icon = "user"
        label = _("Contact card")
        template = "home/blocks/contact_card.html"


class FigureBlock(blocks.StructBlock):
    """A figure (retention period, response deadline) read from the configuration.

    Typed once, in the settings or the region: the privacy page cannot drift from what the
    portal actually does.
    """

    figure = blocks.ChoiceBlock(label=_("figure"), choices=FIGURE_CHOICES)
    label = blocks.CharBlock(
        label=_("label"),
        required=False,
        max_length=250,
        help_text=_("Leave empty to use the figure's standard description."),
    )

    class Meta:
        icon = "time"
        label = _("Figure from configuration")
        template = "home/blocks/figure.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        context["figure"] = figure_value(value["figure"], request)
        return context


def extra_body_blocks():
    """(name, block) for each block the settings add to the body (composition in `portal`)."""
    return [
        (name, import_string(path)())
        for name, path in getattr(settings, "OPVANGPUNT_EXTRA_BODY_BLOCKS", [])
    ]


class BodyBlock(blocks.StreamBlock):
    """The blocks editors compose information pages, news items and leaflets from, plus the
    blocks other apps offer (`extra_body_blocks`)."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    image = ImageBlock()
    call_to_action = CallToActionBlock()
    faq = FaqBlock()
    documents = DocumentListBlock()
    contact = ContactCardBlock()
    figure = FigureBlock()

    def __init__(self, local_blocks=None, **kwargs):
        super().__init__([*(local_blocks or ()), *extra_body_blocks()], **kwargs)


class StepBlock(blocks.StructBlock):
    """One step of "how it works" on the home page."""

    title = blocks.CharBlock(label=_("title"), max_length=80)
    text = blocks.TextBlock(label=_("text"), max_length=400)

    class Meta:
        icon = "list-ol"
        label = _("Step")


class LinkBlock(blocks.StructBlock):
    """A menu or footer link: a page, or an address with its own text."""

    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or address"), required=False)
    text = blocks.CharBlock(
        label=_("text"),
        required=False,
        max_length=60,
        help_text=_("Leave empty to use the page's title."),
    )

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        result = super().clean(value)
        if not result.get("page") and not (result.get("url") and result.get("text")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": ValidationError(_("Choose a page, or give an address and a text."))
                }
            )
        return result
