"""The mails around a decision: the parent hears of every decision on a row, the location
hears of the parent's answer to its offer.

The parent's mail holds only what the parent gave us (their first name), the location's name,
the decision, the location's message and the private link. The location's mail holds no
personal data at all: a link to the row in the admin. Both go through Django's send_mail (the
queued mail of core.mail: delivered after the transaction commits, never inside it).
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .services import base_url, location_staff, private_url


def _render(name, context):
    subject = render_to_string(f"aanvraagformulier/mail/{name}_subject.txt", context)
    body = render_to_string(f"aanvraagformulier/mail/{name}.txt", context)
    return " ".join(subject.split()), body


def tell_parent(row, decision, message=""):
    """Mail the parent of `row` that the location decided `decision` (an action of
    transitions.TRANSITIONS, or "no_longer_current"), with the location's `message`."""
    filed = row.request
    if filed.anonymised_at is not None or not filed.email:
        return
    with translation.override(filed.language):
        context = {
            "request": filed,
            "row": row,
            "decision": decision,
            "message": message,
            "link": base_url() + private_url(filed),
        }
        subject, body = _render("decision", context)
    send_mail(subject, body, None, [filed.email])


def tell_locations(rows, answer):
    """Mail the staff of each row's location the parent's `answer` ("accepted", "declined" or
    "place_elsewhere"), one mail per person, with a link to the row in the admin only."""
    rows = [row for row in rows if row.location is not None]
    staff = location_staff([row.location for row in rows])
    with translation.override(settings.LANGUAGE_CODE):
        for row in rows:
            context = {
                "row": row,
                "answer": answer,
                "admin_url": base_url()
                + reverse("aanvraagformulier_requests:detail", args=[row.pk]),
            }
            subject, body = _render("offer_answer", context)
            # One message per person: staff of other organisers never see each other.
            for email in staff[row.location.pk]:
                send_mail(subject, body, None, [email])
