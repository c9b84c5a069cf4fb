"""The parent changes their address on the private page: checked as on the form, recorded
in the history, and a move to another municipality asks the sharing consent it needs."""

import pytest

from aanvraagformulier.models import ChildcareRequest, Consent, ConsentKind, RequestStatus

from ..factories import municipality
from .conftest import private_link_from_mail

pytestmark = pytest.mark.django_db

EMAIL = "sofie.peeters@voorbeeld.be"


@pytest.fixture
def filed(filler, locations):
    filler.file([loc.pk for loc in locations])
    return ChildcareRequest.objects.get()


@pytest.fixture
def link(filed):
    return private_link_from_mail(EMAIL)


def address(street="Sint-Pietersnieuwstraat", number="33", postcode="9000", **extra):
    return {
        "action": "address",
        "address-street": street,
        "address-house_number": number,
        "address-postcode": postcode,
        **extra,
    }


def sharing_consents(filed):
    return Consent.objects.filter(request=filed, kind=ConsentKind.SHARE_OUTSIDE_MUNICIPALITY)


def test_the_page_shows_the_address_and_a_form_to_change_it(client, filed, link):
    html = client.get(link).content.decode()

    assert "Je adres" in html and "Kortrijksesteenweg 10, 9000" in html
    assert 'name="address-postcode"' in html and 'value="Kortrijksesteenweg"' in html


def test_a_new_address_in_the_same_municipality_is_saved_and_recorded(client, filed, link):
    versions = filed.history.count()

    response = client.post(link, address(), follow=True)

    filed.refresh_from_db()
    assert (filed.street, filed.house_number, filed.postcode) == (
        "Sint-Pietersnieuwstraat",
        "33",
        "9000",
    )
    assert filed.municipality == municipality("44021")
    assert "Je adres is aangepast." in response.content.decode()
    assert filed.history.count() == versions + 1
    assert filed.history.first().street == "Sint-Pietersnieuwstraat"
    assert not sharing_consents(filed).exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (address(postcode="0000"), "postcode", "Vul een bestaande Belgische postcode"),
        (address(postcode="90a0"), "postcode", "Vul een bestaande Belgische postcode"),
        (address(street=""), "street", "Vul dit veld in."),
        (address(number=""), "house_number", "Vul dit veld in."),
    ],
)
def test_a_wrong_address_is_refused_next_to_the_field(client, filed, link, data, field, message):
    response = client.post(link, data)

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    # The error summary links to the field, which carries the message.
    assert f'href="#id_address-{field}"' in html
    filed.refresh_from_db()
    assert filed.street == "Kortrijksesteenweg"


def test_a_move_to_another_municipality_asks_consent_for_the_locations_there(
    client, filed, link, locations
):
    withdrawn = filed.locations.get(location=locations[2])
    withdrawn.status = RequestStatus.WITHDRAWN
    withdrawn.save()

    asked = client.post(link, address(street="Hundelgemsesteenweg", postcode="9820"))

    html = asked.content.decode()
    assert asked.status_code == 400
    assert "Je nieuwe adres ligt in een andere gemeente dan" in html
    assert "Kinderdagverblijf Aster, Kinderdagverblijf Beuk" in html
    assert "Ceder" not in html.split("Je nieuwe adres ligt")[1].split("</")[0]
    assert 'name="address-share"' in html
    filed.refresh_from_db()
    assert filed.postcode == "9000" and not sharing_consents(filed).exists()

    client.post(
        link, address(street="Hundelgemsesteenweg", postcode="9820", **{"address-share": "on"})
    )

    filed.refresh_from_db()
    assert filed.postcode == "9820" and filed.municipality == municipality("44088")
    assert sorted(c.location_id for c in sharing_consents(filed)) == sorted(
        [locations[0].pk, locations[1].pk]
    )
    # Consent once given is not asked again: moving on within Merelbeke saves at once.
    again = client.post(link, address(street="Fraterstraat", postcode="9820"))
    assert again.status_code == 302
    assert sharing_consents(filed).count() == 2


def test_moving_back_home_needs_no_consent(client, filed, link):
    response = client.post(link, address(postcode="9000"))

    assert response.status_code == 302
    assert not sharing_consents(filed).exists()
