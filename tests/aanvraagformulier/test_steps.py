"""The steps of the request form: progress, saved state, resuming, order, the locations list."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from aanvraagformulier.models import RequestDraft
from opvanglocaties.choices import AgeGroup, AvailabilityStatus
from opvanglocaties.models import AgeGroupAvailability

from .conftest import child_data, parent_data

pytestmark = pytest.mark.django_db

STEP_SLUGS = ["kind", "locaties", "ouder", "voorrang", "toestemming", "nakijken"]


def test_start_page_shows_step_one_the_rules_and_the_chosen_locations(client, locations):
    ids = ",".join(str(loc.pk) for loc in locations)

    response = client.get("/aanvragen/", {"locaties": ids})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Stap 1 van 6" in html
    assert "hoogstens 5 opvanglocaties" in html  # the region's rule, in plain Dutch
    for location in locations:
        assert location.title in html
    assert f'name="locaties" value="{ids}"' in html
    assert response["Cache-Control"] == "private, no-store"
    # Showing the form stores nothing.
    assert not RequestDraft.objects.exists()


def test_every_step_shows_its_number_and_keeps_what_was_saved(filler, locations):
    filler.through_consent([loc.pk for loc in locations])

    for number, slug in enumerate(STEP_SLUGS, start=1):
        html = filler.client.get(f"/aanvragen/stap/{slug}/").content.decode()
        assert f"Stap {number} van 6" in html, slug
    assert 'value="Sofie"' in filler.client.get("/aanvragen/stap/ouder/").content.decode()
    assert "checked" in filler.client.get("/aanvragen/stap/voorrang/").content.decode()


def test_each_step_is_saved_server_side_and_a_lost_connection_resumes(client, filler, locations):
    filler.start([locations[0].pk])
    filler.step("locaties", {"action": "next"})
    filler.step("ouder", parent_data())

    draft = RequestDraft.objects.get()
    assert draft.completed_steps == ["child", "locations", "parent"]
    assert draft.step_data("parent")["parent_first_name"] == ["Sofie"]
    # The connection drops; the parent comes back to /aanvragen/ with the same browser.
    response = client.get("/aanvragen/")
    assert response["Location"] == "/aanvragen/stap/voorrang/"


def test_a_later_step_cannot_be_reached_before_the_earlier_ones(client, filler, locations):
    assert client.get("/aanvragen/stap/ouder/")["Location"] == "/aanvragen/"
    filler.start([locations[0].pk])

    response = client.get("/aanvragen/stap/toestemming/")

    assert response["Location"] == "/aanvragen/stap/locaties/"


def test_the_draft_is_encrypted_at_rest(filler, locations):
    filler.through_consent([locations[0].pk])

    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM aanvraagformulier_requestdraft")
        (raw,) = cursor.fetchone()
    assert "Sofie" not in raw and "Peeters" not in raw


def test_locations_add_by_name_remove_and_reorder_without_javascript(
    client, filler, locations, make_location
):
    a, b, _c = locations
    filler.start([a.pk])
    other = make_location(title="Crèche Zonnebloem")

    found = client.get("/aanvragen/stap/locaties/", {"zoek": "zonne"}).content.decode()
    assert "Crèche Zonnebloem" in found and f'value="add:{other.pk}"' in found
    for pk in (b.pk, other.pk):
        assert filler.step("locaties", {"action": f"add:{pk}"}).status_code == 302
    assert RequestDraft.objects.get().location_ids == [a.pk, b.pk, other.pk]

    filler.step("locaties", {"action": f"up:{other.pk}"})
    filler.step("locaties", {"action": f"down:{a.pk}"})
    assert RequestDraft.objects.get().location_ids == [other.pk, a.pk, b.pk]
    filler.step("locaties", {"action": f"remove:{a.pk}"})
    assert RequestDraft.objects.get().location_ids == [other.pk, b.pk]


def test_no_more_locations_than_the_region_allows(filler, locations, request_region, make_location):
    request_region.max_locations_per_request = 2
    request_region.save()
    filler.start([loc.pk for loc in locations])  # three asked, two fit
    assert len(RequestDraft.objects.get().location_ids) == 2

    response = filler.step("locaties", {"action": f"add:{make_location().pk}"})

    assert response.status_code == 400
    assert "hoogstens 2 opvanglocaties" in response.content.decode()


def test_at_least_one_location(filler, locations):
    filler.start([])

    response = filler.step("locaties", {"action": "next"})

    assert response.status_code == 400
    assert "Kies minstens één opvanglocatie." in response.content.decode()


def test_a_location_that_takes_no_requests_cannot_be_added(filler, locations, make_location):
    closed = make_location(title="Gesloten", accepts_requests=False)
    unpublished = make_location(title="Concept")
    unpublished.unpublish()
    filler.start([locations[0].pk, closed.pk, unpublished.pk, 999999])
    assert RequestDraft.objects.get().location_ids == [locations[0].pk]

    response = filler.step("locaties", {"action": f"add:{closed.pk}"})

    assert response.status_code == 400
    assert "bestaat niet of neemt geen aanvragen aan" in response.content.decode()


def test_warnings_for_age_range_and_availability(client, filler, make_location, request_region):
    small = make_location(title="Babyhuis", min_age_months=0, max_age_months=12)
    full = make_location(title="Volzet")
    later = make_location(title="Later vrij")
    AgeGroupAvailability.objects.create(
        page=full, age_group=AgeGroup.BABY, status=AvailabilityStatus.FULL
    )
    AgeGroupAvailability.objects.create(
        page=later,
        age_group=AgeGroup.BABY,
        status=AvailabilityStatus.FREE_FROM,
        free_from=datetime.date.today() + datetime.timedelta(days=300),
    )
    birth = datetime.date.today() - datetime.timedelta(days=365)
    filler.start([small.pk, full.pk, later.pk], child_birth_date=birth.isoformat())

    html = client.get("/aanvragen/stap/locaties/").content.decode()

    assert "deze locatie neemt kinderen tot 12 maanden" in html
    assert "De locatie zegt dat ze op dit moment volzet is." in html
    assert "na je startdatum" in html


def test_the_first_step_saves_and_adds_the_locations_of_an_existing_draft(
    client, filler, locations
):
    filler.start([locations[0].pk])

    response = filler.step("kind", {**child_data(), "locaties": str(locations[1].pk)})

    assert response.status_code == 302
    assert RequestDraft.objects.get().location_ids == [locations[0].pk, locations[1].pk]


def test_forms_left_behind_are_purged(filler, locations, settings):
    filler.start([locations[0].pk])
    RequestDraft.objects.update(updated_at=timezone.now() - datetime.timedelta(days=15))
    fresh = RequestDraft.objects.create()

    call_command("purge_request_drafts", stdout=io.StringIO())

    assert list(RequestDraft.objects.all()) == [fresh]
