"""Editing panels of the fiche."""

from django.utils.text import capfirst
from wagtail.admin.panels import FieldPanel

LICENCE_PERMISSION = "opvanglocaties.change_licence_fields"


class LicenceFieldPanel(FieldPanel):
    """A field that comes from the licence: the loket edits it, providers see it read-only.

    Users without the permission do not get the field in their form at all (Wagtail's
    permissioned forms), so a crafted POST cannot change it either; the panel then shows the
    stored value instead of hiding it, because a provider needs to see what its licence says.
    """

    def __init__(self, field_name, permission=LICENCE_PERMISSION, **kwargs):
        super().__init__(field_name, permission=permission, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.form is not None and self.bound_field is None:
                self.read_only = True
                self.heading = self.panel.heading or capfirst(self.panel.db_field.verbose_name)
                self.help_text = self.panel.help_text or capfirst(self.panel.db_field.help_text)

        def is_shown(self):
            return self.read_only or super().is_shown()
