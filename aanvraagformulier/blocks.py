"""The request form as a StreamField block: any editor puts it on any page.

Home's body accepts it through OPVANGPUNT_EXTRA_BODY_BLOCKS (portal settings), so `home`
never imports this app. The block renders the form's first step in the page; the rest of the
form continues on /aanvragen/. A fiche has no body: it links to /aanvragen/?locaties=<id>.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from opvanglocaties.models import Region

from .forms import ChildForm
from .rules import rules_for


class RequestFormBlock(blocks.StructBlock):
    """The first step of the request form, optionally starting with one location."""

    title = blocks.CharBlock(label=_("title"), required=False, max_length=120)
    intro = blocks.TextBlock(label=_("introduction"), required=False, max_length=600)
    location = blocks.PageChooserBlock(
        label=_("start with this location"),
        page_type="opvanglocaties.LocationPage",
        required=False,
    )

    class Meta:
        icon = "form"
        label = _("Request form")
        template = "aanvraagformulier/blocks/request_form.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        rules = rules_for(Region.objects.for_request(request))
        location = value.get("location")
        context.update(
            form=ChildForm(rules=rules, auto_id="id_request_%s"),
            rule_sentences=rules.sentences(),
            locaties=str(location.pk) if location is not None and location.live else "",
            location=location if location is not None and location.live else None,
        )
        return context
