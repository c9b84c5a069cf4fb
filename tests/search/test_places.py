"""Places typed in the search box: `search.places.read_place` (pure) and the search page."""

import pytest

from opvanglocaties.models import Municipality, Neighbourhood
from search.places import Gazetteer, Place, read_place

from ..factories import NeighbourhoodFactory, municipality
from .world import MERELBEKE_MELLE

# -- read_place, without a database ------------------------------------------------------

GENT_M = Municipality(pk=1, slug="gent", name_nl="Gent")
MERELBEKE = Municipality(pk=2, slug="merelbeke-melle", name_nl="Merelbeke-Melle")
HAM = Municipality(pk=3, slug="ham", name_nl="Ham")
LEDEBERG = Neighbourhood(pk=10, municipality=GENT_M, name="Ledeberg", slug="ledeberg")
SINT_AMANDSBERG = Neighbourhood(
    pk=11, municipality=GENT_M, name="Sint-Amandsberg", slug="sint-amandsberg", postcode="9040"
)
CENTRUM_MERELBEKE = Neighbourhood(pk=12, municipality=MERELBEKE, name="Centrum", slug="centrum")


def gazetteer(**changes):
    world = {
        "postcodes": {"9000": [GENT_M], "9040": [GENT_M], "9820": [MERELBEKE]},
        "municipalities": {"gent": GENT_M, "merelbeke-melle": MERELBEKE, "ham": HAM},
        "neighbourhoods": [LEDEBERG, SINT_AMANDSBERG, CENTRUM_MERELBEKE],
        "region_municipality_ids": frozenset({1}),
    }
    return Gazetteer(**{**world, **changes})


@pytest.mark.parametrize(
    "text, place, rest",
    [
        ("9040", Place(postcode="9040", municipality=GENT_M), ""),
        (
            "Sint-Amandsberg 9040",
            Place(postcode="9040", municipality=GENT_M, neighbourhoods=(SINT_AMANDSBERG,)),
            "",
        ),
        ("Gent", Place(municipality=GENT_M), ""),
        ("Merelbeke-Melle", Place(municipality=MERELBEKE), ""),
        ("merelbeke melle", Place(municipality=MERELBEKE), ""),
        ("ledeberg", Place(municipality=GENT_M, neighbourhoods=(LEDEBERG,)), ""),
        ("Gent Ledeberg", Place(municipality=GENT_M, neighbourhoods=(LEDEBERG,)), ""),
        ("crèche 9040", Place(postcode="9040", municipality=GENT_M), "crèche"),
        ("Heiveldstraat, 9040 Gent", Place(postcode="9040", municipality=GENT_M), "Heiveldstraat"),
        (
            "Merelbeke-Melle centrum",
            Place(municipality=MERELBEKE, neighbourhoods=(CENTRUM_MERELBEKE,)),
            "",
        ),
    ],
)
def test_places_are_read_from_the_text(text, place, rest):
    assert read_place(text, gazetteer()) == (place, rest)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "zonnetje",
        "1234",  # not a known postcode
        "Gent Merelbeke-Melle",  # two municipalities
        "Gent 9820",  # a postcode of another municipality
        "Gent centrum",  # a wijk of another municipality
        "centrum",  # a wijk outside the region, without its municipality
    ],
)
def test_text_without_one_clear_place_stays_text(text):
    assert read_place(text, gazetteer()) == (Place(), text)


def test_beyond_the_region_a_name_is_a_place_only_when_it_is_all_the_text():
    assert read_place("de Ham", gazetteer()) == (Place(), "de Ham")
    assert read_place("Ham", gazetteer()) == (Place(municipality=HAM), "")
    assert read_place("crèche Merelbeke-Melle", gazetteer()) == (
        Place(),
        "crèche Merelbeke-Melle",
    )


def test_a_location_title_is_searched_as_a_name():
    assert read_place("Ham", gazetteer(is_a_title=True)) == (Place(), "Ham")
    assert read_place("Ham", gazetteer()) == (Place(municipality=HAM), "")


def test_labels():
    assert (
        Place(postcode="9040", neighbourhoods=(SINT_AMANDSBERG,)).label == "Sint-Amandsberg (9040)"
    )
    assert Place(postcode="9040", municipality=GENT_M).label == "Gent (9040)"
    assert Place(municipality=MERELBEKE).label == "Merelbeke-Melle"
    assert not Place()


# -- the search page -----------------------------------------------------------------------


@pytest.fixture
def sint_amandsberg(gent):
    return NeighbourhoodFactory(
        municipality=gent, name="Sint-Amandsberg", slug="sint-amandsberg", postcode="9040"
    )


def get(client, **params):
    response = client.get("/zoeken/", params)
    assert response.status_code == 200
    return response


def titles(response):
    return [location.title for location in response.context["results"]]


@pytest.fixture
def gent_places(search_page, make_location, wijken, sint_amandsberg):
    ledeberg, _gentbrugge = wijken
    make_location(title="Crèche Ledeberg", neighbourhood=ledeberg, latitude=51.035, longitude=3.735)
    make_location(
        title="Kinderdagverblijf Dampoort",
        neighbourhood=sint_amandsberg,
        postcode="9040",
        latitude=51.06,
        longitude=3.75,
    )
    make_location(
        title="Crèche Sint-Amandsberg",
        neighbourhood=sint_amandsberg,
        postcode="9040",
        latitude=51.061,
        longitude=3.751,
    )
    make_location(
        title="Opvang Merelbeke",
        municipality=municipality(MERELBEKE_MELLE),
        postcode="9820",
        latitude=50.99,
        longitude=3.74,
    )


def test_a_postcode_alone_searches_its_municipality_from_there(client, gent_places):
    response = get(client, q="9040")
    form = response.context["form"]
    assert set(titles(response)) == {
        "Crèche Ledeberg",
        "Kinderdagverblijf Dampoort",
        "Crèche Sint-Amandsberg",
    }
    assert titles(response)[-1] == "Crèche Ledeberg"  # by distance from 9040
    assert form["q"].value() == ""
    assert form["gemeente"].value() == "Gent"
    assert form["postcode"].value() == "9040"
    assert "Gezocht in Gent (9040)" in response.content.decode()


def test_a_wijk_with_its_postcode(client, gent_places):
    response = get(client, q="Sint-Amandsberg 9040")
    assert set(titles(response)) == {"Kinderdagverblijf Dampoort", "Crèche Sint-Amandsberg"}
    assert response.context["form"]["wijk"].value() == ["sint-amandsberg"]
    assert "Gezocht in Sint-Amandsberg (9040)" in response.content.decode()


def test_a_municipality_of_the_region_and_one_beyond(client, gent_places):
    assert len(titles(get(client, q="Gent"))) == 3
    response = get(client, q="Merelbeke-Melle")
    assert titles(response) == ["Opvang Merelbeke"]
    assert response.context["form"]["gemeente"].value() == "Merelbeke-Melle"


def test_a_wijk_alone_and_with_its_municipality(client, gent_places):
    assert titles(get(client, q="ledeberg")) == ["Crèche Ledeberg"]
    response = get(client, q="Gent Ledeberg")
    assert titles(response) == ["Crèche Ledeberg"]
    assert response.context["form"]["wijk"].value() == ["ledeberg"]


def test_words_that_are_not_a_place_stay_text(client, gent_places):
    response = get(client, q="crèche 9040")
    assert set(titles(response)) == {"Crèche Sint-Amandsberg", "Crèche Ledeberg"}
    assert response.context["form"]["q"].value() == "crèche"
    assert "Gezocht naar “crèche” in Gent (9040)" in response.content.decode()


def test_a_location_named_like_a_place_is_found_by_its_name(
    client, gent_places, make_location, wijken
):
    make_location(title="Ledeberg", neighbourhood=wijken[1])  # in Gentbrugge
    response = get(client, q="Ledeberg")
    assert "Ledeberg" in titles(response)
    assert response.context["form"].understood == Place()


def test_the_municipality_field_accepts_a_postcode(client, gent_places):
    response = get(client, gemeente="9000")
    assert not response.context["form"].errors
    assert len(titles(response)) == 3
    response = get(client, gemeente="1234")
    assert response.context["form"].errors["gemeente"] == ["We kennen postcode 1234 niet."]


def test_a_typed_municipality_wins_over_a_place_in_the_text(client, gent_places):
    response = get(client, q="Gent", gemeente="Merelbeke-Melle")
    assert response.context["form"].understood == Place()
    assert response.context["form"]["gemeente"].value() == "Merelbeke-Melle"


def test_zero_results_name_what_narrowed_the_search(client, gent_places):
    content = get(client, q="nergens 9040").content.decode()
    assert "Je zoekopdracht werd beperkt door de tekst “nergens”; de plaats Gent." in content
    assert "minder filters" not in content

    content = get(client, q="Sint-Amandsberg", type="family", leeftijd="3").content.decode()
    assert (
        "beperkt door de plaats Sint-Amandsberg; de filter “Soort opvang”; de filter "
        "“Leeftijd van het kind (maanden)”." in content
    )


def test_bad_input_in_the_box_is_not_an_error(client, gent_places):
    for text in ["9999", "0000", "Gent 9820", "'; drop table", "9040 " * 60, "-", "((("]:
        response = get(client, q=text)
        assert "q" not in response.context["form"].errors or len(text) > 200


def test_the_page_links_carry_the_place_as_fields(client, gent_places):
    # Links that drop the wijk or change the municipality are not undone by the text.
    content = get(client, q="crèche Gent Ledeberg").content.decode()
    assert "?q=cr%C3%A8che&amp;gemeente=Gent&amp;wijk=ledeberg&amp;type=group" in content
    assert "Gent+Ledeberg&amp;type=" not in content
