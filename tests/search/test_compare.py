"""Compare: up to four fiches, kept in the session, shareable, carried on to the request."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.sessions.models import Session
from django.test import Client
from wagtail.models import PageViewRestriction

from ..factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db


def compared(response):
    assert response.status_code == 200
    return [column.card.title for column in response.context["columns"]]


def test_ticked_results_open_the_compare_page_with_a_shareable_url(client, make_location):
    a, b = make_location(title="A"), make_location(title="B")

    response = client.get("/vergelijken/", {"locatie": [a.pk, b.pk]})

    assert response.status_code == 302
    assert response["Location"] == f"/vergelijken/?locaties={a.pk}%2C{b.pk}"
    assert compared(client.get(response["Location"])) == ["A", "B"]


def test_the_url_alone_shows_the_same_comparison_to_someone_else(client, make_location):
    a, b = make_location(title="A"), make_location(title="B")

    fresh = client.__class__()
    assert compared(fresh.get("/vergelijken/", {"locaties": f"{b.pk},{a.pk}"})) == ["B", "A"]


def test_the_list_is_kept_in_the_session_and_a_fiche_adds_to_it(client, make_location):
    a, b, c = (make_location(title=t) for t in "ABC")
    client.get(f"/vergelijken/?locaties={a.pk},{b.pk}")

    response = client.get("/vergelijken/", {"toevoegen": c.pk})
    assert response["Location"] == f"/vergelijken/?locaties={a.pk}%2C{b.pk}%2C{c.pk}"

    back = client.get("/vergelijken/")
    assert back["Location"] == f"/vergelijken/?locaties={a.pk}%2C{b.pk}%2C{c.pk}"


def choices(response):
    """The choose page's (title, ticked) pairs, in its order."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        (soup.find("label", attrs={"for": box["id"]}).span.get_text(), box.has_attr("checked"))
        for box in soup.select("form.compare-choose input[type=checkbox]")
    ]


def test_ticking_too_many_asks_which_to_keep(client, make_location):
    locations = [make_location(title=f"L{n}") for n in range(6)]

    response = client.get("/vergelijken/", {"locatie": [loc.pk for loc in locations]})

    # Nothing is dropped without asking: all six, the first four ticked.
    assert choices(response) == [(f"L{n}", n < 4) for n in range(6)]
    assert "hoogstens 4" in response.content.decode()
    kept = [locations[n].pk for n in (1, 3, 4, 5)]
    chosen = client.get("/vergelijken/", {"locatie": kept}, follow=True)
    assert compared(chosen) == ["L1", "L3", "L4", "L5"]


def test_adding_to_a_full_list_from_a_fiche_asks_what_to_replace(client, make_location):
    old = [make_location(title=f"Oud {n}") for n in range(4)]
    new = make_location(title="Nieuw")
    client.get("/vergelijken/", {"locaties": ",".join(str(loc.pk) for loc in old)})

    response = client.get("/vergelijken/", {"toevoegen": new.pk, "postcode": "9000"})

    # The new one comes first and is ticked; the list so far is kept until the parent chooses.
    assert choices(response) == [("Nieuw", True)] + [(f"Oud {n}", n < 3) for n in range(4)]
    html = response.content.decode()
    assert "net toegevoegd" in html
    assert '<input type="hidden" name="postcode" value="9000">' in html
    assert client.session["compare"] == [loc.pk for loc in old]
    keep_old = BeautifulSoup(html, "html.parser").find("a", string="Mijn lijst houden zoals ze was")
    assert compared(client.get(keep_old["href"])) == [f"Oud {n}" for n in range(4)]


def test_unpublished_ids_do_not_count_towards_the_limit(client, make_location):
    shown = [make_location(title=f"L{n}") for n in range(4)]
    gone = make_location(title="Weg")
    gone.unpublish()

    response = client.get(
        "/vergelijken/", {"locatie": [*(loc.pk for loc in shown), gone.pk]}, follow=True
    )

    assert compared(response) == ["L0", "L1", "L2", "L3"]


def test_a_shared_link_with_too_many_shows_four_and_says_so(make_location):
    locations = [make_location(title=f"L{n}") for n in range(6)]
    six = ",".join(str(loc.pk) for loc in locations)
    shown = Client().get("/vergelijken/", {"locaties": six})
    assert len(compared(shown)) == 4
    assert "hoogstens 4" in shown.content.decode()
    # The request form takes as many as the region allows in one request (5 by default).
    requested = Client().get("/aanvragen/", {"locaties": six})
    assert len(requested.context["preselected"]) == 5


def test_rows_and_the_request_link_carry_the_chosen_locations(client, make_location):
    a, b, c = (make_location(title=t) for t in "ABC")

    response = client.get(
        "/vergelijken/", {"locaties": f"{a.pk},{b.pk},{c.pk}", "postcode": "9000"}
    )

    html = response.content.decode()
    for row in (
        "Prijs",
        "Subsidiekader",
        "Beschikbaarheid",
        "Openingsuren",
        "Opnamebeleid",
        "Voorrangsregels",
        "Behandelingstermijn",
        "Afstand",
    ):
        assert row in html, row
    assert f'href="/aanvragen/?locaties={a.pk},{b.pk},{c.pk}"' in html
    request_page = client.get(f"/aanvragen/?locaties={a.pk},{b.pk},{c.pk}")
    assert [loc.pk for loc in request_page.context["preselected"]] == [a.pk, b.pk, c.pk]


def test_remove_links_and_unknown_or_unpublished_ids(client, make_location):
    a, b = make_location(title="A"), make_location(title="B")
    b.unpublish()

    response = client.get("/vergelijken/", {"locaties": f"{a.pk},{b.pk},999999,abc,-4"})

    assert compared(response) == ["A"]
    assert client.get("/vergelijken/", {"locaties": ""}).status_code == 200


def test_a_fiche_links_to_compare(client, make_location):
    location = make_location()

    html = client.get(location.url).content.decode()

    assert f'href="/vergelijken/?toevoegen={location.pk}"' in html


@pytest.mark.parametrize("junk", ["²", "99999999999", "9" * 5000, "2147483648", "0"])
def test_ids_that_are_no_database_ids_are_ignored(client, make_location, junk):
    a = make_location(title="A")

    response = client.get("/vergelijken/", {"locatie": [junk, str(a.pk)]}, follow=True)

    assert compared(response) == ["A"]
    assert client.session["compare"] == [a.pk]
    assert compared(client.get("/vergelijken/", {"toevoegen": junk}, follow=True)) == ["A"]


def test_viewing_the_same_list_does_not_write_the_session(client, make_location):
    a = make_location(title="A")
    client.get("/vergelijken/", {"locaties": str(a.pk)})
    key = client.session.session_key

    before = Session.objects.get(session_key=key).expire_date
    client.get("/vergelijken/", {"locaties": str(a.pk)})

    assert Session.objects.get(session_key=key).expire_date == before


def test_restricted_fiches_are_not_compared(client, make_location):
    a, hidden = make_location(title="A"), make_location(title="Verborgen")
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )

    assert compared(client.get("/vergelijken/", {"locaties": f"{a.pk},{hidden.pk}"})) == ["A"]


def test_the_compare_page_measures_from_the_wijk_the_search_came_from(
    client, search_page, make_location, region, gent, wijken, buren
):
    # Region-wide, wijken are named "<municipality>/<wijk>": the compare form must carry that
    # name on, or the compare page cannot place the wijk and shows no distances.
    ledeberg, _gentbrugge = wijken
    region.municipalities.set([gent, buren[1]])
    NeighbourhoodFactory(municipality=buren[1], name="Centrum", slug="centrum")
    location = make_location(title="Ledeberg", latitude=51.035, longitude=3.735)

    html = client.get("/zoeken/", {"wijk": "gent/ledeberg"}).content.decode()
    form = BeautifulSoup(html, "html.parser").select_one("form.compare-form")
    carried = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    assert carried == {"wijk": "gent/ledeberg"}

    response = client.get("/vergelijken/", {"locaties": location.pk, **carried})
    assert response.context["origin"].label == ledeberg.name
    assert response.context["columns"][0].card.distance_km < 1
