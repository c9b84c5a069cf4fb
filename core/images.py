"""The image upload form: bytes that only look like an image get a form error, not a 500.

Willow recognises an image by its first bytes; Pillow reads the rest only when Wagtail asks
for the size, and then fails with whatever the broken file provokes (OSError, SyntaxError,
even AttributeError). `PortalImageForm` is WAGTAILIMAGES_IMAGE_FORM_BASE, so the image
library's add, multiple-upload, chooser-upload and edit forms all use it.
"""

from django.core.exceptions import ValidationError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class SafeImageField(WagtailImageField):
    """Wagtail's image field, with any failure to read the image as a form error."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except ValidationError:
            raise
        except Exception as error:  # whatever Pillow raises on a broken file
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error


class PortalImageForm(BaseImageForm):
    """Wagtail's image form with `SafeImageField` for the file, where the form has one.

    Swapped in `__init__` rather than declared: a declared field would also appear in the
    forms that leave the file out (the multiple uploader's edit form).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if isinstance(field, WagtailImageField) and not isinstance(field, SafeImageField):
            self.fields["file"] = SafeImageField(
                label=field.label, widget=field.widget, required=field.required
            )
