"""A provider asks the loket to take a fiche (or a whole folder) off the portal.

Providers edit and publish, never take a fiche offline (`models.pages.FichePermissionTester`):
a location leaving the portal is the loket's decision under the user agreement (seed 000).
So they ask: this mails the members of the loket of the fiche's region
(`Region.loket_group`) and notes the request in the page's history.
"""

from django import forms
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.utils import get_admin_base_url
from wagtail.log_actions import log

from .models import LocationPage, OrganiserPage, Region

LOG_ACTION = "opvangpunt.removal_requested"


class RemovalRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should it go?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For example: the location closes on 30 June, or the licence ended."),
    )


def may_ask_removal(user, page):
    """Whether `user` may ask the loket to remove `page`: a fiche or folder they edit."""
    return (
        isinstance(page, (LocationPage, OrganiserPage))
        and page.permissions_for_user(user).can_edit()
    )


def loket_addresses(page):
    """The email addresses of the loket of the region whose website the page is on."""
    region = Region.objects.for_site(page.get_site())
    if region is None or region.loket_group is None:
        return []
    return sorted(
        region.loket_group.user_set.filter(is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def request_removal(page, user, reason, request=None):
    """Mail the request to the page's loket and log it; returns how many got the mail."""
    recipients = loket_addresses(page)
    if recipients:
        context = {
            "page": page,
            "user": user,
            "reason": reason,
            "edit_url": get_admin_base_url() + reverse("wagtailadmin_pages:edit", args=[page.pk]),
        }
        send_mail(
            render_to_string("opvanglocaties/mail/removal_request_subject.txt", context).strip(),
            render_to_string("opvanglocaties/mail/removal_request.txt", context),
            None,
            recipients,
        )
    log(instance=page, action=LOG_ACTION, user=user, data={"reason": reason})
    return len(recipients)
