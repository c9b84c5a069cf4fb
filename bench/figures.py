"""The loket's figures over 100,000 generated requests (`figures_dashboard` in bench.run).

Requests are generated straight into the bench database in batches (bulk inserts: the
request form's own cost is `request_submit`'s figure), spread over the twelve months of this
year across the region's fiches, with one requested location each and a first answer in the
history for two in three of them, then the figure counts rebuilt from them (bulk inserts
keep no counts). Generated once: a later run finds them by their token prefix and reuses
them (a database generated before the counts existed got them from the migration).

Django imports sit inside the functions, as in bench/run.py: `bench.run` imports modules
before it calls django.setup().
"""

import datetime
import random
import sys
import time
import uuid

REQUESTS = 100_000
BATCH = 5_000
TOKEN_PREFIX = "bench-figures-"
LOKET_USERNAME = "bench-figures-loket"
PATH = "/admin/cijfers/"


def region_and_fiches():
    """The region of the bench site (the one with the most fiches) and its live fiches."""
    from opvanglocaties.models import LocationIndexPage, LocationPage, Region

    index = LocationIndexPage.objects.order_by("-numchild", "pk").first()
    site = index.get_site()
    region = Region.objects.filter(site=site).first() or Region.objects.order_by("pk").first()
    fiches = list(
        LocationPage.objects.descendant_of(index)
        .live()
        .values_list("pk", "title", "municipality_id")[:2000]
    )
    return region, fiches


def generated(region):
    from aanvraagformulier.models import ChildcareRequest

    return ChildcareRequest.objects.filter(
        region=region, idempotency_token__startswith=TOKEN_PREFIX
    ).count()


def generate(region, fiches, count=REQUESTS, seed=13):
    """Insert `count` requests with their rows and first answers (idempotent per region)."""
    from django.db import transaction
    from django.utils import timezone

    from aanvraagformulier.figures.keeping import rebuild
    from aanvraagformulier.models import ChildcareRequest, RequestedLocation, RequestStatus

    have = generated(region)
    if have >= count:
        return have
    rng = random.Random(seed)
    history = RequestedLocation.history.model
    year = timezone.localdate().year
    zone = timezone.get_current_timezone()
    started = time.monotonic()
    for offset in range(have, count, BATCH):
        size = min(BATCH, count - offset)
        moments = [
            datetime.datetime(year, rng.randint(1, 12), rng.randint(1, 28), 10, tzinfo=zone)
            for _ in range(size)
        ]
        picks = [rng.choice(fiches) for _ in range(size)]
        with transaction.atomic():
            requests = ChildcareRequest.objects.bulk_create(
                ChildcareRequest(
                    idempotency_token=f"{TOKEN_PREFIX}{uuid.uuid4().hex}",
                    region=region,
                    parent_first_name="Bench",
                    parent_last_name="Ouder",
                    email=f"ouder{offset + i}@bench.invalid",
                    postcode="9000",
                    municipality_id=picks[i][2],
                    child_birth_date=datetime.date(year - 1, 6, 1),
                    start_date=datetime.date(year + 1, 1, 4),
                    care_parts={"0": "full"},
                    last_confirmed_at=moments[i],
                )
                for i in range(size)
            )
            rows = RequestedLocation.objects.bulk_create(
                RequestedLocation(
                    request=filed,
                    region=region,
                    location_id=picks[i][0],
                    location_title=picks[i][1],
                    preference=1,
                    status=RequestStatus.NEW,
                    status_changed_at=moments[i],
                    due_date=moments[i].date() + datetime.timedelta(days=21),
                )
                for i, filed in enumerate(requests)
            )
            # auto_now_add stamped "now": the filing dates go back to their month.
            for i, (filed, row) in enumerate(zip(requests, rows, strict=True)):
                filed.created_at = row.created_at = moments[i]
            ChildcareRequest.objects.bulk_update(requests, ["created_at"], batch_size=1000)
            RequestedLocation.objects.bulk_update(rows, ["created_at"], batch_size=1000)
            history.objects.bulk_create(
                history(
                    id=row.pk,
                    request_id=row.request_id,
                    location_id=row.location_id,
                    location_title=row.location_title,
                    preference=1,
                    status=RequestStatus.ACCEPTED_FOR_REVIEW,
                    status_changed_at=row.created_at,
                    due_date=row.due_date,
                    created_at=row.created_at,
                    history_date=row.created_at + datetime.timedelta(days=rng.randint(1, 40)),
                    history_type="~",
                )
                for row in rows
                if rng.random() < 2 / 3
            )
        print(f"  {offset + size} requests generated", file=sys.stderr)
    # Bulk inserts send no signals: the loket's counts are recomputed from the rows, as
    # after any import (the rebuild_figures command).
    rebuild([region.pk])
    print(f"Generated and counted in {time.monotonic() - started:.0f} s.", file=sys.stderr)
    return generated(region)


def loket_of(region):
    """A user who is the region's loket (the Loket role and the region's own group)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from core.roles import LOKET

    user, _created = get_user_model().objects.get_or_create(
        username=LOKET_USERNAME, defaults={"email": f"{LOKET_USERNAME}@bench.invalid"}
    )
    user.groups.set([Group.objects.get(name=LOKET), region.loket_group])
    return user


def prepare():
    """(loket user, path) for the figure, generating the requests on first use."""
    region, fiches = region_and_fiches()
    count = generate(region, fiches)
    print(f"figures_dashboard over {count} requests of {region}", file=sys.stderr)
    return loket_of(region), f"{PATH}?regio={region.slug}"
