"""The back-office figures' data: 100,000 requests in the bench site's region, and a loket.

`prepare(targets)` is idempotent: a reused bench database keeps its requests, and only the
missing ones are added (bench/request_rows.py, one INSERT ... SELECT).
"""

import datetime
import sys
import time
import uuid

REQUESTS = 100_000
LOKET_USERNAME = "bench-loket-requests"
# The list: a loket's first page with two filters.
LIST_QUERY = "status=new&deadline=overdue"


def template_request(region, location):
    """The request every generated one copies (Sofie Peeters, as the tests' requests)."""
    from django.utils import timezone

    from aanvraagformulier.models import ChildcareRequest, RequestedLocation

    now = timezone.now()
    filed = ChildcareRequest.objects.create(
        idempotency_token=f"bench-{uuid.uuid4().hex}",
        region=region,
        parent_first_name="Sofie",
        parent_last_name="Peeters",
        email="sofie.peeters@voorbeeld.be",
        phone="0470 12 34 56",
        street="Kortrijksesteenweg",
        house_number="10",
        postcode="9000",
        child_birth_date=datetime.date(2026, 3, 14),
        start_date=datetime.date(2027, 1, 4),
        care_parts={"0": "full", "2": "half"},
        priority_rule_codes=["werk-of-opleiding"],
        last_confirmed_at=now,
    )
    RequestedLocation.objects.create(
        request=filed,
        location=location,
        location_title=location.title,
        preference=1,
        status_changed_at=now,
        due_date=timezone.localdate() + datetime.timedelta(days=14),
    )
    return filed


def prepare(targets):
    """Fill the bench database up to REQUESTS requests in the site's region; set the loket
    user and the two paths on `targets`."""
    from django.contrib.auth.models import Group

    from aanvraagformulier.models import ChildcareRequest, RequestedLocation
    from core.roles import LOKET
    from opvanglocaties.models import LocationPage, Region

    from .request_rows import copy_requests
    from .run import bench_user

    site = targets.index.get_site()
    region = Region.objects.for_site(site)
    location = LocationPage.objects.get(pk=targets.request_location_ids[0])
    have = ChildcareRequest.objects.filter(region=region).count()
    if have < REQUESTS:
        print(f"Adding {REQUESTS - have} requests...", file=sys.stderr)
        started = time.monotonic()
        template = template_request(region, location)
        # One letter per fill, so references stay unique when a reused database is topped
        # up ("Z0...": real references have no 0).
        prefix = next(
            letter
            for letter in "ZYXWVUT"
            if not ChildcareRequest.objects.filter(reference__startswith=f"{letter}0").exists()
        )
        copy_requests(template, REQUESTS - have - 1, prefix=prefix)
        print(f"  in {time.monotonic() - started:.1f} s", file=sys.stderr)
    targets.requests_loket = bench_user(
        LOKET_USERNAME, [Group.objects.get(name=LOKET), region.loket_group]
    )
    targets.backoffice_list_path = f"/admin/aanvragen/?{LIST_QUERY}"
    row = RequestedLocation.objects.filter(request__region=region, status="new").order_by("pk")
    targets.backoffice_detail_path = f"/admin/aanvragen/{row.first().pk}/"


def verified(client, user):
    """`client`, logged in as `user` with the admin's second factor passed (the back-office
    asks it of everyone who sees requests, core/twofactor.py), as the tests' login does."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="bench", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
