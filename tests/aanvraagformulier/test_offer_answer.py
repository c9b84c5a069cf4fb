"""The parent answers an offer on the private link: accepting closes the other locations
(which then see no contact data), declining closes that one; twice clicked, one effect."""

import pytest
from django.core import mail
from django.test import Client

from aanvraagformulier.services import private_url

from ..factories import OrganiserFactory
from .backoffice import make_request, staff_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(region, make_location):
    """An offer from "Aster" (organiser A), open rows at "Beuk" and "Ceder" (organiser B),
    and "Den" that already said no (not approved)."""
    a, b = OrganiserFactory(), OrganiserFactory()
    locations = [
        make_location(organiser=a, title="Aster"),
        make_location(organiser=b, title="Beuk"),
        make_location(organiser=b, title="Ceder"),
        make_location(organiser=b, title="Den"),
    ]
    filed = make_request(
        region, locations, ["approved", "accepted_for_review", "no_place", "not_approved"]
    )
    staff_a, staff_b = staff_of(a), staff_of(b)
    rows = {row.location_title: row for row in filed.locations.all()}
    return filed, rows, staff_a, staff_b


def post(filed, data, on_commit):
    with on_commit(execute=True):
        return Client().post(private_url(filed), data, follow=True)


def statuses(filed):
    return {row.location_title: row.status for row in filed.locations.all()}


def test_the_private_page_shows_the_offer_with_two_buttons(world):
    filed, rows, _a, _b = world

    html = Client().get(private_url(filed)).content.decode()

    assert "Aster biedt je kind een plaats aan" in html
    assert f'value="accept_offer:{rows["Aster"].pk}"' in html
    assert f'value="decline_offer:{rows["Aster"].pk}"' in html
    assert f'value="accept_offer:{rows["Beuk"].pk}"' not in html


def test_accepting_closes_the_other_open_rows_and_hides_their_contact_data(
    world, django_capture_on_commit_callbacks
):
    filed, rows, staff_a, staff_b = world
    aster = rows["Aster"]
    data = {"action": f"accept_offer:{aster.pk}", f"confirm_accept_{aster.pk}": "on"}

    response = post(filed, data, django_capture_on_commit_callbacks)

    assert "Je aanvaardde de plaats bij Aster" in response.content.decode()
    assert statuses(filed) == {
        "Aster": "approved",
        "Beuk": "place_elsewhere",
        "Ceder": "place_elsewhere",
        "Den": "not_approved",
    }
    aster.refresh_from_db()
    assert aster.parent_accepted_at is not None
    # The other location's detail view: no contact data any more.
    other = Client()
    other.force_login(staff_b)
    html = other.get(f"/admin/aanvragen/{rows['Beuk'].pk}/").content.decode()
    assert "Sofie" in html
    for text in ("Peeters", "voorbeeld.be", "0470"):
        assert text not in html
    # Aster's staff still see everything, and that the parent accepted.
    mine = Client()
    mine.force_login(staff_a)
    html = mine.get(f"/admin/aanvragen/{aster.pk}/").content.decode()
    assert "voorbeeld.be" in html and "De ouder aanvaardde dit aanbod" in html
    # The locations are told, without personal data.
    to = sorted(address for message in mail.outbox for address in message.to)
    assert to == sorted([staff_a.email, staff_b.email, staff_b.email])
    for message in mail.outbox:
        for text in ("Sofie", "Peeters", "voorbeeld.be", filed.reference):
            assert text not in message.body + message.subject
        assert "/admin/aanvragen/" in message.body


def test_accepting_twice_has_one_effect(world, django_capture_on_commit_callbacks):
    filed, rows, _a, _b = world
    aster = rows["Aster"]
    data = {"action": f"accept_offer:{aster.pk}", f"confirm_accept_{aster.pk}": "on"}
    post(filed, data, django_capture_on_commit_callbacks)
    versions, mails = aster.history.count(), len(mail.outbox)
    accepted_at = filed.locations.get(pk=aster.pk).parent_accepted_at

    response = post(filed, data, django_capture_on_commit_callbacks)

    assert "Je had dit aanbod van Aster al beantwoord" in response.content.decode()
    assert aster.history.count() == versions and len(mail.outbox) == mails
    assert filed.locations.get(pk=aster.pk).parent_accepted_at == accepted_at


def test_accepting_needs_the_tick(world, django_capture_on_commit_callbacks):
    filed, rows, _a, _b = world

    response = post(
        filed, {"action": f"accept_offer:{rows['Aster'].pk}"}, django_capture_on_commit_callbacks
    )

    assert "Vink het vakje aan" in response.content.decode()
    assert statuses(filed)["Beuk"] == "accepted_for_review"
    assert mail.outbox == []


def test_declining_closes_that_row_only_and_hides_its_contact_data(
    world, django_capture_on_commit_callbacks
):
    filed, rows, staff_a, _b = world
    aster = rows["Aster"]

    response = post(
        filed, {"action": f"decline_offer:{aster.pk}"}, django_capture_on_commit_callbacks
    )
    again = post(filed, {"action": f"decline_offer:{aster.pk}"}, django_capture_on_commit_callbacks)

    assert "Je weigerde de plaats bij Aster" in response.content.decode()
    assert "al beantwoord" in again.content.decode()
    assert statuses(filed)["Aster"] == "offer_declined"
    assert statuses(filed)["Beuk"] == "accepted_for_review"
    assert [message.to for message in mail.outbox] == [[staff_a.email]]
    client = Client()
    client.force_login(staff_a)
    html = client.get(f"/admin/aanvragen/{aster.pk}/").content.decode()
    assert "Sofie" in html and "voorbeeld.be" not in html and "Kortrijks" not in html


def test_a_row_without_an_offer_cannot_be_accepted(world, django_capture_on_commit_callbacks):
    filed, rows, _a, _b = world
    beuk = rows["Beuk"]

    response = post(
        filed,
        {"action": f"accept_offer:{beuk.pk}", f"confirm_accept_{beuk.pk}": "on"},
        django_capture_on_commit_callbacks,
    )

    assert "Dit aanbod kan je niet meer beantwoorden" in response.content.decode()
    assert statuses(filed)["Aster"] == "approved"
    assert statuses(filed)["Beuk"] == "accepted_for_review"


def test_another_requests_row_is_not_reachable(world, region, make_location):
    filed, _rows, _a, _b = world
    stranger = make_request(region, [make_location(title="Elders")], ["approved"])
    row = stranger.locations.get()

    response = Client().post(
        private_url(filed),
        {"action": f"accept_offer:{row.pk}", f"confirm_accept_{row.pk}": "on"},
        follow=True,
    )

    assert response.status_code == 200
    row.refresh_from_db()
    assert row.parent_accepted_at is None
