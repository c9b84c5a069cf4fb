"""The locations' own message templates: edited by their own staff only, offered on the
detail view, and the chosen text goes to the parent and into the row's timeline."""

import pytest
from django.core import mail

from aanvraagformulier.models import MessageTemplate
from core.roles import LOCATION
from opvanglocaties.permissions import location_staff_group

from ..conftest import logged_in, role
from ..factories import OrganiserFactory, UserFactory
from .backoffice import make_request, staff_of

pytestmark = pytest.mark.django_db

LIST = "/admin/berichtsjablonen/"


@pytest.fixture
def world(region, make_location):
    mine, theirs = OrganiserFactory(), OrganiserFactory()
    here = make_location(organiser=mine, title="Mijn locatie")
    there = make_location(organiser=theirs, title="Hun locatie")
    return mine, theirs, here, there


def template(organiser, location=None, action="no_place", text="Helaas is er geen plaats."):
    return MessageTemplate.objects.create(
        organiser=organiser, location=location, name="Standaard", action=action, text=text
    )


def test_staff_create_a_template_for_their_organiser(world):
    mine, _theirs, _here, _there = world
    client = logged_in(staff_of(mine))

    response = client.post(
        f"{LIST}new/",
        {"name": "Geen plaats", "action": "no_place", "organiser": mine.pk, "text": "Sorry."},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert MessageTemplate.objects.get().organiser == mine


def test_another_organisers_template_is_out_of_reach(world):
    mine, theirs, _here, there = world
    other = template(theirs, there, text="Geheim van hen")
    client = logged_in(staff_of(mine))

    assert "Geheim van hen" not in client.get(LIST).content.decode()
    assert client.get(f"{LIST}edit/{other.pk}/").status_code == 404
    assert client.post(f"{LIST}edit/{other.pk}/", {"name": "x"}).status_code == 404
    assert client.post(f"{LIST}delete/{other.pk}/").status_code == 404
    assert MessageTemplate.objects.filter(pk=other.pk).exists()


def test_staff_cannot_make_a_template_for_another_organiser(world):
    mine, theirs, _here, there = world
    client = logged_in(staff_of(mine))

    response = client.post(
        f"{LIST}new/",
        {
            "name": "Vals",
            "action": "no_place",
            "organiser": theirs.pk,
            "location": there.pk,
            "text": "x",
        },
    )

    assert response.status_code == 200  # the form again, with its errors
    assert not MessageTemplate.objects.exists()


def test_location_staff_make_templates_for_their_location_only(world):
    mine, _theirs, here, _there = world
    user = UserFactory(groups=[role(LOCATION), location_staff_group(here)])
    client = logged_in(user)
    data = {"name": "Eigen", "action": "approve", "organiser": mine.pk, "text": "Welkom!"}

    whole = client.post(f"{LIST}new/", data)
    assert whole.status_code == 200
    assert "niet voor de hele organisator" in whole.content.decode()

    own = client.post(f"{LIST}new/", {**data, "location": here.pk})
    assert own.status_code == 302
    assert MessageTemplate.objects.get().location == here


def test_users_without_a_fiche_have_no_access(world, communication_user):
    mine, _theirs, _here, _there = world
    template(mine)

    response = logged_in(communication_user).get(LIST)

    assert response.status_code in (302, 403)


def test_the_detail_view_offers_own_templates_and_mails_the_chosen_text(
    world, region, django_capture_on_commit_callbacks
):
    mine, theirs, here, there = world
    ours = template(mine, text="Helaas is er geen plaats. Veel succes!")
    template(theirs, there, text="Tekst van een ander")
    row = make_request(region, [here]).locations.get()
    client = logged_in(staff_of(mine))
    url = f"/admin/aanvragen/{row.pk}/"

    page = client.get(url).content.decode()
    assert "Standaard" in page and "Tekst van een ander" not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"action": "no_place", "template": ours.pk, "message": "Bel gerust."},
            follow=True,
        )

    (message,) = mail.outbox
    assert "Helaas is er geen plaats. Veel succes!" in message.body
    assert "Bel gerust." in message.body
    assert "Veel succes!" in response.content.decode()  # the timeline keeps it
    row.refresh_from_db()
    assert row.status == "no_place"


def test_a_template_of_another_action_or_organiser_is_refused_at_the_field(world, region):
    mine, theirs, here, there = world
    approve = template(mine, action="approve")
    foreign = template(theirs, there)
    row = make_request(region, [here]).locations.get()
    client = logged_in(staff_of(mine))
    url = f"/admin/aanvragen/{row.pk}/"

    wrong_action = client.post(url, {"action": "no_place", "template": approve.pk})
    wrong_owner = client.post(url, {"action": "no_place", "template": foreign.pk})

    assert wrong_action.status_code == 400
    assert "Dit sjabloon hoort bij" in wrong_action.content.decode()
    assert wrong_owner.status_code == 400
    assert "Kies een van de sjablonen van je locatie" in wrong_owner.content.decode()
    row.refresh_from_db()
    assert row.status == "new"
