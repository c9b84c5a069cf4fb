"""The loket's dashboard panel: the proposals "no longer current" of its region's requests,
waiting for its decision (seed 000 art. 2 §6). Each line links to the row's detail view,
where the loket confirms or rejects; the panel itself shows no personal data."""

from wagtail.admin.ui.components import Component

from opvanglocaties.permissions import loket_regions

from .models import OPEN_STATUSES, RequestedLocation

SHOWN = 50


def pending_proposals(user):
    """Open rows of `user`'s loket regions proposed as no longer current, oldest first."""
    return (
        RequestedLocation.objects.filter(
            stale_proposed_at__isnull=False,
            status__in=OPEN_STATUSES,
            request__region__in=loket_regions(user).values("pk"),
        )
        .select_related("request")
        .order_by("stale_proposed_at", "pk")
    )


class StaleProposalsPanel(Component):
    name = "stale_proposals"
    template_name = "aanvraagformulier/admin/stale_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["proposals"] = list(pending_proposals(parent_context["request"].user)[:SHOWN])
        return context
