"""Admin forms every app's pages share: no 500 on a crafted POST, no expiry without the right.

- `PortalPageForm` is the base form of every page type of ours (`base_form_class`): it
  locks `expire_at` for users who may not take the page offline (core.publishing), and turns
  StreamField data the browser did not send whole into a form error (`StreamDataGuard`).
- `core.images.PortalImageForm` does the same for image uploads.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.blocks.base import BlockWidget

from .publishing import aliases_blocking, may_take_offline

INCOMPLETE_STREAM = _(
    "This part of the page did not arrive complete. Reload the page and make your change again."
)


class StreamDataGuard:
    """Form mixin: StreamField data without its counts gives a form error, not a 500.

    Wagtail's block widgets read "<field>-count" from the POST and raise a KeyError when it is
    missing (a crafted or truncated request). Such a field keeps the value it had, and the
    form reports the field as incomplete.
    """

    def _widget_data_value(self, widget, html_name):
        # Django's one place where a bound field reads its data (BoundField.data).
        try:
            return super()._widget_data_value(widget, html_name)
        except (KeyError, ValueError, TypeError):
            if not isinstance(widget, BlockWidget):
                raise
            name = self._field_name_for(html_name)
            self._incomplete_streams = {*getattr(self, "_incomplete_streams", ()), name}
            return self.get_initial_for_field(self.fields[name], name)

    def _field_name_for(self, html_name):
        return next(name for name in self.fields if self.add_prefix(name) == html_name)

    def clean(self):
        cleaned_data = super().clean()
        for name in sorted(getattr(self, "_incomplete_streams", ())):
            self.add_error(name, INCOMPLETE_STREAM)
        return cleaned_data


class GuardedModelForm(StreamDataGuard, WagtailAdminModelForm):
    """Base form for admin model forms with StreamFields (site settings, snippets)."""


class PortalPageForm(StreamDataGuard, WagtailAdminPageForm):
    """The base of our page forms (see the module docstring)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._lock_expiry()

    def _lock_expiry(self):
        field = self.fields.get("expire_at")
        user = self.for_user
        if field is None or user is None:
            return
        if self.instance.pk:
            may_expire = may_take_offline(user, self.instance) and not aliases_blocking(
                user, [self.instance]
            )
        elif self.parent_page is not None:
            may_expire = may_take_offline(user, self.parent_page)
        else:
            return
        if may_expire:
            return
        # The date in force stays; a crafted POST cannot change it (disabled fields keep their
        # initial value), and a revision reverted to cannot bring an old one back either.
        in_force = None
        if self.instance.pk:
            in_force = (
                type(self.instance)
                .objects.filter(pk=self.instance.pk)
                .values_list("expire_at", flat=True)
                .first()
            )
        self.initial["expire_at"] = in_force
        field.disabled = True
        field.help_text = _("Only those who may take this page offline can set an expiry date.")
