"""Reminders to a fiche's staff when its availability is no longer confirmed (issue 13.1).

The rule is the region's freshness period (`Region.availability_fresh_days`,
`opvanglocaties.freshness`): from the day a fiche's availability counts as unconfirmed, its
staff get one reminder per period (at 30, 60, 90 ... days with the default of 30), until
someone confirms it. Each reminder is a row of `AvailabilityReminder`, unique per fiche,
starting date and period: the housekeeping command can run twice or concurrently and the
loket's "remind" button cannot double it. The mail goes through Django's send_mail, that is
the queued mail (`core.mail`), delivered after the transaction commits.
"""

import dataclasses
import datetime

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.utils import get_admin_base_url
from wagtail.log_actions import log

from . import freshness
from .models import AvailabilityReminder, LocationPage, Region

LOG_ACTION = "opvangpunt.availability_reminded"


@dataclasses.dataclass(frozen=True)
class Due:
    """A fiche whose availability is unconfirmed, and which period's reminder it is due."""

    page: LocationPage
    counted_from: datetime.date
    period: int


def counted_from(page, today):
    """The day the staleness periods count from: the last confirmation, else publication."""
    if page.availability_confirmed_on:
        return page.availability_confirmed_on
    if page.first_published_at:
        return timezone.localdate(page.first_published_at)
    return today


def due(page, region, today=None):
    """The reminder `page` is due (a `Due`), or None while its availability is current.

    The period's number: 1 from the first day it is unconfirmed, 2 after twice the period...
    A fiche never confirmed counts from its publication and is due at once (period 1).
    """
    today = today or timezone.localdate()
    if freshness.is_current(page.availability_confirmed_on, freshness.stale_before(region, today)):
        return None
    start = counted_from(page, today)
    period = max(1, (today - start).days // freshness.fresh_days(region))
    return Due(page, start, period)


def region_fiches(region):
    """The live fiches on the region's website (whose rules, freshness included, it sets)."""
    if region.site_id is None:
        return LocationPage.objects.none()
    return LocationPage.objects.live().descendant_of(region.site.root_page)


def stale_fiches(region, today=None):
    """The region's live fiches whose availability is unconfirmed today."""
    cutoff = freshness.stale_before(region, today)
    return region_fiches(region).filter(
        Q(availability_confirmed_on__lt=cutoff) | Q(availability_confirmed_on__isnull=True)
    )


def staff_addresses(page):
    """The addresses of the fiche's staff: its own group's and its organiser's."""
    groups = [pk for pk in (page.staff_group_id, page.organiser.group_id) if pk]
    return sorted(
        set(
            get_user_model()
            .objects.filter(is_active=True, groups__in=groups)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def already_sent(item):
    """The reminder of this period, when it was sent already (else None)."""
    return AvailabilityReminder.objects.filter(
        page=item.page, counted_from=item.counted_from, period=item.period
    ).first()


def send(item, region, user=None):
    """Send `item`'s reminder once: the row and the queued mail in one transaction.

    Returns the `AvailabilityReminder`, or None when this period's reminder exists already
    (another run, or the loket, sent it first).
    """
    page = item.page
    recipients = staff_addresses(page)
    try:
        with transaction.atomic():
            reminder = AvailabilityReminder.objects.create(
                page=page,
                counted_from=item.counted_from,
                period=item.period,
                recipients=len(recipients),
                sent_by=user,
            )
            if recipients:
                context = {
                    "page": page,
                    "confirmed_on": page.availability_confirmed_on,
                    "days": freshness.fresh_days(region),
                    "edit_url": get_admin_base_url()
                    + reverse("wagtailadmin_pages:edit", args=[page.pk]),
                    "dashboard_url": get_admin_base_url() + reverse("opvangpunt_my_fiches"),
                }
                send_mail(
                    render_to_string(
                        "opvanglocaties/mail/availability_reminder_subject.txt", context
                    ).strip(),
                    render_to_string("opvanglocaties/mail/availability_reminder.txt", context),
                    None,
                    recipients,
                )
            log(
                instance=page,
                action=LOG_ACTION,
                user=user,
                data={"recipients": len(recipients), "period": item.period},
            )
    except IntegrityError:
        return None
    return reminder


def regions_with_sites():
    return Region.objects.filter(site__isnull=False).select_related("site__root_page")
