"""Each fiche's availability summed up on its own row for the search (`first_free`, issue 15):
right after every way availability rows are written, and never from a draft."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from opvanglocaties import first_free
from opvanglocaties.choices import AgeGroup, AvailabilityStatus
from opvanglocaties.models import AgeGroupAvailability, LocationPage

from ..admin_forms import form_data

pytestmark = pytest.mark.django_db

FREE_NOW, FREE_FROM, FULL = (
    AvailabilityStatus.FREE_NOW,
    AvailabilityStatus.FREE_FROM,
    AvailabilityStatus.FULL,
)
MIN, MAX = first_free.FREE_NOW_DAY, first_free.UNDATED_DAY


def row(age_group, status, free_from=None):
    return {"age_group": age_group, "status": status, "free_from": free_from}


def stored(page):
    """The summary columns as the database holds them."""
    return LocationPage.objects.filter(pk=page.pk).values(*first_free.FIELDS).get()


def summary(any_=None, baby=None, toddler=None, rows=True):
    return {
        "first_free_any": any_,
        "first_free_baby": baby,
        "first_free_toddler": toddler,
        "has_availability_rows": rows,
    }


MARCH = datetime.date(2027, 3, 1)
JUNE = datetime.date(2027, 6, 1)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([], summary(rows=False)),
        ([row("baby", FULL)], summary()),
        ([row("baby", FREE_NOW), row("toddler", FULL)], summary(MIN, baby=MIN)),
        (
            [row("baby", FREE_FROM, JUNE), row("toddler", FREE_FROM, MARCH)],
            summary(MARCH, JUNE, MARCH),
        ),
        ([row("toddler", FREE_FROM, JUNE), row("toddler", FREE_NOW)], summary(MIN, toddler=MIN)),
        # A "free from" without its date (older data): free later, never by a given day.
        ([row("baby", FREE_FROM)], summary(MAX, baby=MAX)),
    ],
)
def test_the_summary_of_a_fiches_rows(rows, expected):
    assert first_free.summary(rows) == expected


@pytest.fixture
def editing(client, provider, organiser, make_location):
    """A provider edits its own fiche, which says nothing about its availability yet."""
    page = make_location(organiser=organiser, title="Samengevat", licensed_capacity=19)
    client.force_login(provider)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return client, url, page


def replace_rows(data, rows):
    """The edit form's data with its availability rows deleted and `rows` added."""
    data = dict(data)
    kept = int(data["availability-INITIAL_FORMS"])
    for index in range(kept):
        data[f"availability-{index}-DELETE"] = "on"
    for index, values in enumerate(rows, start=kept):
        for key, value in values.items():
            data[f"availability-{index}-{key}"] = value
        data[f"availability-{index}-ORDER"] = str(index + 1)
        data[f"availability-{index}-id"] = ""
        data[f"availability-{index}-DELETE"] = ""
    data["availability-TOTAL_FORMS"] = str(kept + len(rows))
    return data


def edit(client, url, rows, publish):
    data = replace_rows(form_data(client.get(url)), rows)
    if publish:
        data["action-publish"] = "action-publish"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    return response


def admin_row(age_group, status, free_from=""):
    return {"age_group": age_group, "status": status, "free_from": free_from, "free_places": ""}


def test_publishing_in_the_admin_keeps_the_summary_and_a_draft_does_not(editing):
    client, url, page = editing
    assert stored(page) == summary(rows=False)
    later = timezone.localdate() + datetime.timedelta(days=40)

    edit(client, url, [admin_row("baby", "free_from", later.isoformat())], publish=True)
    assert stored(page) == summary(later, baby=later)

    # A draft is not what parents see: the search keeps reading the published rows.
    edit(client, url, [admin_row("toddler", "free_now")], publish=False)
    assert stored(page) == summary(later, baby=later)

    edit(client, url, [admin_row("toddler", "free_now")], publish=True)
    assert stored(page) == summary(MIN, toddler=MIN)
    assert [r.age_group for r in page.availability.all()] == ["toddler"]

    edit(client, url, [], publish=True)
    assert stored(page) == summary(rows=False)


def test_the_bulk_availability_form_keeps_the_summary(client, provider, organiser, make_location):
    page = make_location(organiser=organiser, title="Veel tegelijk", licensed_capacity=10)
    client.force_login(provider)
    url = reverse("opvangpunt_availability_many")
    data = form_data(client.get(url), form_id=None)
    data[f"fiche-{page.pk}-toddler_status"] = "free_now"
    assert client.post(url, data).status_code == 302
    assert stored(page) == summary(MIN, toddler=MIN)


def test_rows_written_on_their_own_keep_the_summary(make_location):
    page = make_location(title="Rechtstreeks")
    baby = AgeGroupAvailability.objects.create(
        page=page, age_group=AgeGroup.BABY, status=FREE_FROM, free_from=JUNE
    )
    assert stored(page) == summary(JUNE, baby=JUNE)
    toddler = AgeGroupAvailability.objects.create(
        page=page, age_group=AgeGroup.TODDLER, status=FREE_NOW
    )
    assert stored(page) == summary(MIN, JUNE, MIN)
    toddler.status = FULL
    toddler.save()
    assert stored(page) == summary(JUNE, baby=JUNE)
    baby.delete()
    toddler.delete()
    assert stored(page) == summary(rows=False)


def test_the_migration_sums_up_the_rows_fiches_already_have(make_location):
    # The migration's own function, on fiches whose summary was never written.
    migration = importlib.import_module("opvanglocaties.migrations.0013_availability_first_free")
    free, full, silent = (make_location(title=title) for title in ("Vrij", "Vol", "Stil"))
    AgeGroupAvailability.objects.create(page=free, age_group=AgeGroup.BABY, status=FREE_NOW)
    AgeGroupAvailability.objects.create(
        page=free, age_group=AgeGroup.TODDLER, status=FREE_FROM, free_from=MARCH
    )
    AgeGroupAvailability.objects.create(page=full, age_group=AgeGroup.BABY, status=FULL)
    LocationPage.objects.update(**summary(rows=False))

    migration.sum_up_availability(apps, schema_editor=None)

    assert stored(free) == summary(MIN, MIN, MARCH)
    assert stored(full) == summary()
    assert stored(silent) == summary(rows=False)
