"""The search page through Django's test client: each filter, scope, sorting and the facets."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from opvanglocaties.choices import AgeGroup, CareType, SubsidyFramework, TariffType
from opvanglocaties.models import Region

from ..factories import NeighbourhoodFactory, OrganiserFactory, municipality
from .world import ANTWERPEN, FREE_FROM, FREE_NOW, FULL, set_availability, set_hours

pytestmark = pytest.mark.django_db


def titles(response):
    assert response.status_code == 200
    return [location.title for location in response.context["results"]]


def test_free_text_finds_names_streets_and_organisers(client, search_page, make_location):
    make_location(title="Kinderdagverblijf Het Zonnetje")
    make_location(title="Crèche De Bolleboos", street="Zonnebloemstraat")
    make_location(title="Onthaal Pluim", organiser=OrganiserFactory(legal_name="Vzw Kabouterland"))

    assert titles(client.get("/zoeken/", {"q": "zonnetje"})) == ["Kinderdagverblijf Het Zonnetje"]
    assert titles(client.get("/zoeken/", {"q": "zonnebloemstraat"})) == ["Crèche De Bolleboos"]
    assert titles(client.get("/zoeken/", {"q": "kabouterland"})) == ["Onthaal Pluim"]


def test_without_filters_the_region_is_the_scope(client, search_page, make_location):
    make_location(title="In Gent")
    make_location(title="In Antwerpen", municipality=municipality(ANTWERPEN), postcode="2000")

    assert titles(client.get("/zoeken/")) == ["In Gent"]


def test_type_age_tariff_and_subsidy_filters(client, search_page, make_location):
    make_location(title="Groep", care_type=CareType.GROUP, min_age_months=0, max_age_months=36)
    make_location(
        title="Gezin",
        care_type=CareType.FAMILY,
        min_age_months=6,
        max_age_months=36,
        tariff_type=TariffType.FREE_PRICE,
        subsidy_framework=SubsidyFramework.BASIC,
        day_price="32.50",
    )

    assert titles(client.get("/zoeken/", {"type": "family"})) == ["Gezin"]
    assert titles(client.get("/zoeken/", {"leeftijd": "3"})) == ["Groep"]
    assert titles(client.get("/zoeken/", {"ikt": "on"})) == ["Groep"]
    assert titles(client.get("/zoeken/", {"subsidie": ["basic", "plus"]})) == ["Gezin"]


def test_availability_now_and_from_a_month(client, search_page, make_location):
    today = timezone.localdate()
    set_availability(make_location(title="Nu vrij"), FREE_NOW)
    set_availability(
        make_location(title="Straks vrij"), FREE_FROM, today + datetime.timedelta(days=70)
    )
    set_availability(make_location(title="Vol"), FULL)
    in_three_months = (today.replace(day=1) + datetime.timedelta(days=100)).strftime("%Y-%m")

    assert titles(client.get("/zoeken/", {"beschikbaar": "nu"})) == ["Nu vrij"]
    assert titles(
        client.get(
            "/zoeken/", {"beschikbaar": "vanaf", "vanaf": in_three_months, "sorteer": "naam"}
        )
    ) == ["Nu vrij", "Straks vrij"]
    assert titles(client.get("/zoeken/", {"beschikbaar": "vanaf", "sorteer": "naam"})) == [
        "Nu vrij",
        "Straks vrij",
    ]


def test_the_free_later_count_matches_the_month_asked_for(client, search_page, make_location):
    today = timezone.localdate()
    set_availability(make_location(title="Nu vrij"), FREE_NOW)
    set_availability(
        make_location(title="Straks vrij"), FREE_FROM, today + datetime.timedelta(days=70)
    )
    this_month = today.strftime("%Y-%m")

    # A month alone means "free from that month", and the facet counts what its link shows.
    response = client.get("/zoeken/", {"vanaf": this_month})
    availability = {value.value: value for value in response.context["facets"]["availability"]}

    assert titles(response) == ["Nu vrij"]
    assert availability["vanaf"].count == 1
    assert availability["vanaf"].selected
    assert titles(client.get("/zoeken/", {"beschikbaar": "nu", "vanaf": "2999-01"})) == ["Nu vrij"]


def test_restricted_fiches_stay_out_of_search_and_open_data(client, search_page, make_location):
    make_location(title="Open")
    hidden = make_location(title="Verborgen")
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )

    assert titles(client.get("/zoeken/")) == ["Open"]
    csv = b"".join(client.get("/open-data/opvanglocaties.csv").streaming_content).decode()
    assert "Open" in csv
    assert "Verborgen" not in csv


def test_availability_follows_the_age_group_of_the_child(client, search_page, make_location):
    set_availability(make_location(title="Baby's"), FREE_NOW, age_group=AgeGroup.BABY)
    set_availability(make_location(title="Peuters"), FREE_NOW, age_group=AgeGroup.TODDLER)

    assert titles(client.get("/zoeken/", {"beschikbaar": "nu", "leeftijd": "24"})) == ["Peuters"]
    assert titles(client.get("/zoeken/", {"beschikbaar": "nu", "leeftijd": "4"})) == ["Baby's"]


def test_opening_hours_filters(client, search_page, make_location):
    set_hours(
        make_location(title="Vroeg"), opens=datetime.time(6, 30), closes=datetime.time(18, 30)
    )
    set_hours(make_location(title="Laat"), opens=datetime.time(8, 0), closes=datetime.time(19, 0))
    set_hours(make_location(title="Zaterdag"), weekdays=[5], opens=datetime.time(7, 30))

    assert titles(client.get("/zoeken/", {"opent_voor": "07:00"})) == ["Vroeg"]
    assert titles(client.get("/zoeken/", {"sluit_na": "18:45"})) == ["Laat"]
    assert titles(client.get("/zoeken/", {"dag": "5"})) == ["Zaterdag"]
    assert titles(client.get("/zoeken/", {"dag": "5", "opent_voor": "07:30"})) == ["Zaterdag"]
    assert titles(client.get("/zoeken/", {"dag": "5", "opent_voor": "07:00"})) == []


def test_languages_filter(client, search_page, make_location):
    make_location(title="Frans", languages=["nl", "fr"])
    make_location(title="Turks", languages=["nl", "tr"])

    assert titles(client.get("/zoeken/", {"taal": "tr"})) == ["Turks"]
    assert titles(client.get("/zoeken/", {"taal": ["nl", "fr"]})) == ["Frans"]


def test_neighbourhood_filter(client, search_page, make_location, wijken):
    ledeberg, gentbrugge = wijken
    make_location(title="In Ledeberg", neighbourhood=ledeberg)
    make_location(title="In Gentbrugge", neighbourhood=gentbrugge)
    make_location(title="Elders")

    response = client.get("/zoeken/", {"gemeente": "gent", "wijk": "ledeberg"})
    assert titles(response) == ["In Ledeberg"]
    both = client.get("/zoeken/", {"gemeente": "gent", "wijk": ["ledeberg", "gentbrugge"]})
    assert sorted(titles(both)) == ["In Gentbrugge", "In Ledeberg"]


def test_region_wide_neighbourhoods_with_the_same_name_stay_apart(
    client, search_page, make_location, region, gent, buren
):
    _merelbeke, destelbergen = buren
    region.municipalities.set([gent, destelbergen])
    in_gent = NeighbourhoodFactory(municipality=gent, name="Centrum", slug="centrum")
    elsewhere = NeighbourhoodFactory(municipality=destelbergen, name="Centrum", slug="centrum")
    NeighbourhoodFactory(municipality=gent, name="Ledeberg", slug="ledeberg")
    make_location(title="Centrum Gent", neighbourhood=in_gent)
    make_location(
        title="Centrum Destelbergen",
        neighbourhood=elsewhere,
        municipality=destelbergen,
        postcode="9070",
    )

    response = client.get("/zoeken/", {"wijk": "gent/centrum"})

    assert titles(response) == ["Centrum Gent"]
    assert "Centrum (Destelbergen)" in response.content.decode()
    # A plain slug is ambiguous across the region: refused with a message, not both shown.
    ambiguous = client.get("/zoeken/", {"wijk": "centrum", "sorteer": "naam"})
    assert ambiguous.context["form"].errors["wijk"]
    # An unambiguous plain slug, as in a link from before, still finds its wijk.
    assert client.get("/zoeken/", {"wijk": "ledeberg"}).context["form"].errors == {}


def test_buurgemeenten_reach_across_the_region_border(
    client, search_page, make_location, buren, home_page
):
    merelbeke, destelbergen = buren
    other_region = Region.objects.create(name="Zuid-Oost-Vlaanderen", slug="zov")
    other_region.municipalities.add(merelbeke)
    make_location(title="In Gent")
    make_location(title="In Merelbeke", municipality=merelbeke, postcode="9820")
    make_location(title="In Destelbergen", municipality=destelbergen, postcode="9070")
    make_location(title="In Antwerpen", municipality=municipality(ANTWERPEN), postcode="2000")

    assert titles(client.get("/zoeken/", {"gemeente": "gent"})) == ["In Gent"]
    response = client.get(
        "/zoeken/", {"gemeente": "gent", "buurgemeenten": "on", "sorteer": "naam"}
    )

    assert titles(response) == ["In Destelbergen", "In Gent", "In Merelbeke"]
    html = response.content.decode()
    assert "Zuid-Oost-Vlaanderen" in html  # the result says it lies in another region
    merelbeke_result = next(c for c in response.context["cards"] if c.title == "In Merelbeke")
    assert merelbeke_result.in_neighbouring_municipality
    assert merelbeke_result.other_region == "Zuid-Oost-Vlaanderen"
    # Destelbergen belongs to no region: a buurgemeente, but not "another region".
    assert "Destelbergen (andere regio)" not in html
    assert "Merelbeke-Melle (andere regio)" in html


def test_results_from_another_region_say_so_also_without_buurgemeenten(
    client, search_page, make_location, region
):
    # On Gent's site, Antwerpen's locations were listed like Gent's own.
    antwerpen = municipality(ANTWERPEN)
    Region.objects.create(name="Antwerpen", slug="antwerpen").municipalities.add(antwerpen)
    make_location(title="In Antwerpen", municipality=antwerpen, postcode="2000")

    response = client.get("/zoeken/", {"gemeente": "antwerpen"})

    assert titles(response) == ["In Antwerpen"]
    assert [card.other_region for card in response.context["cards"]] == ["Antwerpen"]
    assert "Andere regio: Antwerpen" in response.content.decode()
    # Gent's own locations carry no such label.
    make_location(title="In Gent")
    own = client.get("/zoeken/", {"gemeente": "gent"})
    assert [card.other_region for card in own.context["cards"]] == [""]
    assert "Andere regio" not in own.content.decode()


def test_buurgemeenten_without_any_location_are_named(client, search_page, make_location, buren):
    merelbeke, _destelbergen = buren
    make_location(title="In Gent")
    make_location(title="Vol in Merelbeke", municipality=merelbeke, postcode="9820")

    response = client.get("/zoeken/", {"gemeente": "gent", "buurgemeenten": "on"})

    # Destelbergen's "(0)" means the portal lists nothing there, not that it is full.
    html = " ".join(response.content.decode().split())
    assert "Het portaal dekt Destelbergen niet: er staan daar geen opvanglocaties in." in html
    assert "dekt Merelbeke" not in html


def test_distance_from_an_address_says_it_is_the_postcodes_middle(
    client, search_page, make_location
):
    # "Heiveldstraat 51, 9040 Gent" and "9040" gave the same distances without a word.
    make_location(title="Dichtbij", postcode="9040", latitude=51.06, longitude=3.75)
    by_code = client.get("/zoeken/", {"postcode": "9040", "sorteer": "afstand"})
    by_address = client.get(
        "/zoeken/", {"postcode": "Heiveldstraat 51, 9040 Gent", "sorteer": "afstand"}
    )

    assert [c.distance_km for c in by_code.context["cards"]] == [
        c.distance_km for c in by_address.context["cards"]
    ]
    notice = "Afstanden meten we vanuit het midden van postcode 9040, niet vanuit het adres"
    assert any(notice in str(n) for n in by_address.context["notices"])
    assert not any(notice in str(n) for n in by_code.context["notices"])
    assert "niet vanaf een straatadres" in by_code.content.decode()  # the field's help says so


def test_a_wijk_typed_as_the_place_to_measure_from(client, search_page, make_location, wijken):
    _ledeberg, _gentbrugge = wijken  # Ledeberg's middle: 51.035, 3.735
    make_location(title="Ver", latitude=51.10, longitude=3.60, postcode="9000")
    make_location(title="Nabij", latitude=51.036, longitude=3.736, postcode="9050")

    response = client.get("/zoeken/", {"postcode": "Ledeberg", "sorteer": "afstand"})

    assert response.context["form"].errors == {}
    assert titles(response) == ["Nabij", "Ver"]
    assert response.context["cards"][0].distance_km < 0.5
    # Measured from the wijk, not limited to it.
    assert response.context["search"].query.neighbourhoods == ()
    unknown = client.get("/zoeken/", {"postcode": "Nergenshuizen"})
    assert unknown.context["form"].errors["postcode"] == [
        "Vul een Belgische postcode van vier cijfers in, of de naam van een wijk."
    ]


def test_a_municipality_can_be_typed_by_name(client, search_page, make_location, buren):
    make_location(title="In Merelbeke", municipality=buren[0], postcode="9820")

    assert titles(client.get("/zoeken/", {"gemeente": "Merelbeke-Melle"})) == ["In Merelbeke"]


def test_wijk_widened_to_the_buurgemeenten(client, search_page, make_location, wijken, buren):
    ledeberg, gentbrugge = wijken
    make_location(title="Ledeberg", neighbourhood=ledeberg)
    make_location(title="Gentbrugge", neighbourhood=gentbrugge)
    make_location(title="Merelbeke", municipality=buren[0], postcode="9820")

    response = client.get(
        "/zoeken/",
        {"gemeente": "gent", "wijk": "ledeberg", "buurgemeenten": "on", "sorteer": "naam"},
    )

    assert titles(response) == ["Ledeberg", "Merelbeke"]


def test_distance_sort_from_a_postcode_a_neighbourhood_and_a_position(
    client, search_page, make_location, wijken
):
    _ledeberg, gentbrugge = wijken
    # Made first, so that an order by id would put it first: no position means last.
    make_location(title="Zonder", latitude=None, longitude=None, neighbourhood=gentbrugge)
    make_location(title="Gentbrugge rand", latitude=51.0495, longitude=3.7595, postcode="9050")
    make_location(title="Centrum", latitude=51.054, longitude=3.725, postcode="9000")
    make_location(title="Ledeberg", latitude=51.035, longitude=3.735, postcode="9050")
    make_location(title="Gentbrugge", latitude=51.045, longitude=3.755, postcode="9050")

    by_position = client.get("/zoeken/", {"lat": "51.036", "lng": "3.736", "sorteer": "afstand"})
    assert titles(by_position) == ["Ledeberg", "Gentbrugge", "Centrum", "Gentbrugge rand", "Zonder"]
    distances = [card.distance_km for card in by_position.context["cards"]][:-1]
    assert distances == sorted(distances) and distances[0] < 0.2

    # From the middle of the wijk (51.045, 3.755), the default order once a wijk is chosen.
    from_wijk = client.get("/zoeken/", {"gemeente": "gent", "wijk": "gentbrugge"})
    assert from_wijk.context["search"].origin.label == "Gentbrugge"
    assert titles(from_wijk) == ["Gentbrugge", "Gentbrugge rand", "Zonder"]

    by_postcode = client.get("/zoeken/", {"postcode": "9000"})
    assert by_postcode.context["search"].sort == "afstand"
    assert titles(by_postcode)[0] == "Centrum"
    assert titles(by_postcode)[-1] == "Zonder"

    from_address = client.get("/zoeken/", {"postcode": "Brusselsesteenweg 5, 9050 Gent"})
    assert titles(from_address)[-2:] == ["Centrum", "Zonder"]


def test_radius_keeps_only_close_locations(client, search_page, make_location):
    make_location(title="Dichtbij", latitude=51.054, longitude=3.725)
    make_location(title="Veraf", latitude=51.10, longitude=3.80)

    response = client.get("/zoeken/", {"lat": "51.054", "lng": "3.726", "afstand": "2"})

    assert titles(response) == ["Dichtbij"]


def test_sort_by_availability_puts_the_earliest_free_place_first(
    client, search_page, make_location
):
    today = timezone.localdate()
    set_availability(make_location(title="Vol"), FULL)
    set_availability(make_location(title="Later"), FREE_FROM, today + datetime.timedelta(days=60))
    set_availability(make_location(title="Nu"), FREE_NOW)
    make_location(title="Onbekend")

    response = client.get("/zoeken/", {"sorteer": "beschikbaarheid"})

    assert titles(response)[:2] == ["Nu", "Later"]


def test_results_show_the_facts_a_parent_decides_on(client, search_page, make_location):
    location = make_location(title="Het Nestje", tariff_type=TariffType.INCOME_RELATED)
    set_availability(location, FREE_NOW)
    set_hours(location)

    html = client.get("/zoeken/").content.decode()

    assert "Het Nestje" in html
    assert "IKT" in html
    assert "07:00\N{EN DASH}18:00" in html
    # The map reads every match from its own URL, with the same query (search/map_data.py).
    assert 'data-source="/kaart/opvanglocaties.json"' in html


def test_facets_count_each_value_with_the_other_filters(client, search_page, make_location):
    set_availability(make_location(title="A", care_type=CareType.GROUP), FREE_NOW)
    make_location(title="B", care_type=CareType.GROUP)
    set_availability(make_location(title="C", care_type=CareType.FAMILY), FREE_NOW)

    facets = client.get("/zoeken/", {"type": "group"}).context["facets"]

    by_type = {value.value: (value.count, value.selected) for value in facets["care_type"]}
    assert by_type == {"group": (2, True), "family": (1, False)}
    availability = {value.value: value.count for value in facets["availability"]}
    assert availability["nu"] == 1  # among group care only


def test_every_facet_counts_with_the_other_filters(
    client, search_page, make_location, wijken, buren
):
    ledeberg, gentbrugge = wijken
    merelbeke, destelbergen = buren
    ikt = {"tariff_type": TariffType.INCOME_RELATED}
    free = {"tariff_type": TariffType.FREE_PRICE, "day_price": 30}
    group, family = CareType.GROUP, CareType.FAMILY
    set_availability(
        make_location(
            neighbourhood=ledeberg,
            care_type=group,
            subsidy_framework=SubsidyFramework.INCOME_RELATED,
            **ikt,
        ),
        FREE_NOW,
    )
    make_location(
        neighbourhood=ledeberg, care_type=family, subsidy_framework=SubsidyFramework.NONE, **free
    )
    make_location(
        neighbourhood=gentbrugge, care_type=group, subsidy_framework=SubsidyFramework.PLUS, **ikt
    )
    make_location(
        municipality=merelbeke,
        postcode="9820",
        care_type=group,
        subsidy_framework=SubsidyFramework.BASIC,
        **free,
    )
    make_location(
        municipality=destelbergen,
        postcode="9070",
        care_type=family,
        subsidy_framework=SubsidyFramework.INCOME_RELATED,
        **ikt,
    )

    def counts(params):
        response = client.get("/zoeken/", {"gemeente": "gent", "buurgemeenten": "on", **params})
        facets = response.context["facets"]
        return response.context["results"].paginator.count, {
            name: {value.value: value.count for value in values} for name, values in facets.items()
        }

    total, facets = counts({"type": "group"})
    assert total == 3
    assert facets["care_type"] == {"group": 3, "family": 2}
    assert facets["tariff"] == {"income_related": 2}
    assert facets["subsidy"] == {"none": 0, "basic": 1, "income_related": 1, "plus": 1}
    # Two group fiches published no availability: unknown.
    assert facets["availability"] == {"nu": 1, "vanaf": 1, "onbekend": 2}
    assert facets["neighbourhood"] == {"ledeberg": 1, "gentbrugge": 1}
    assert facets["municipality"] == {"gent": 2, "merelbeke-melle": 1, "destelbergen": 0}

    total, facets = counts({"ikt": "on", "subsidie": ["income_related", "basic"]})
    assert total == 2
    assert facets["care_type"] == {"group": 1, "family": 1}
    # IKT among the chosen subsidies, and each subsidy among IKT fiches.
    assert facets["tariff"] == {"income_related": 2}
    assert facets["subsidy"] == {"none": 0, "basic": 0, "income_related": 2, "plus": 1}
    assert facets["municipality"] == {"gent": 1, "merelbeke-melle": 0, "destelbergen": 1}

    total, facets = counts({"beschikbaar": "nu", "wijk": "gentbrugge"})
    assert total == 0
    assert facets["neighbourhood"] == {"ledeberg": 1, "gentbrugge": 0}
    # Gentbrugge and the two buurgemeenten: three fiches without availability.
    assert facets["availability"] == {"nu": 0, "vanaf": 0, "onbekend": 3}


def test_pagination_keeps_the_filters(client, search_page, make_location):
    for number in range(23):
        make_location(title=f"Locatie {number:02d}")

    first = client.get("/zoeken/", {"type": "group", "sorteer": "naam"})
    second = client.get("/zoeken/", {"type": "group", "sorteer": "naam", "pagina": "2"})

    assert len(titles(first)) == 20
    assert titles(second) == ["Locatie 20", "Locatie 21", "Locatie 22"]
    assert "type=group" in first.content.decode().split('rel="next"')[0].rsplit("href=", 1)[1]


def test_empty_state_suggests_other_neighbourhoods_and_buurgemeenten(
    client, search_page, make_location, wijken, buren
):
    ledeberg, gentbrugge = wijken
    set_availability(make_location(title="Vol in Ledeberg", neighbourhood=ledeberg), FULL)
    set_availability(make_location(title="Gentbrugge", neighbourhood=gentbrugge), FREE_NOW)
    set_availability(
        make_location(title="Merelbeke", municipality=buren[0], postcode="9820"), FREE_NOW
    )

    response = client.get("/zoeken/", {"gemeente": "gent", "wijk": "ledeberg", "beschikbaar": "nu"})

    assert titles(response) == []
    suggestions = {s["name"]: s["count"] for s in response.context["suggestions"]}
    assert suggestions == {"Gentbrugge": 1, "Merelbeke-Melle": 1}
    assert "1 in Gentbrugge" in response.content.decode()


def test_empty_state_suggests_the_nearest_neighbourhoods_first(
    client, search_page, make_location, wijken, gent
):
    # Ledeberg's middle is at 51.035, 3.735. Far wijken with many places used to come first
    # (by count, then alphabetically), some across the city.
    ledeberg, gentbrugge = wijken
    set_availability(make_location(title="Vol", neighbourhood=ledeberg), FULL)
    places = {
        "Gentbrugge": ((51.045, 3.755), 1, gentbrugge),  # next door
        "Brugse Poort": ((51.055, 3.700), 1, None),  # about 3 km
        "Zwijnaarde": ((50.990, 3.710), 4, None),  # about 5 km, most places
        "Mariakerke": ((51.075, 3.670), 3, None),  # about 6.4 km
        "Afsnee": ((51.030, 3.630), 2, None),  # about 7 km
    }
    for name, ((lat, lng), count, wijk) in places.items():
        wijk = wijk or NeighbourhoodFactory(municipality=gent, name=name)
        for n in range(count):
            set_availability(
                make_location(title=f"{name} {n}", neighbourhood=wijk, latitude=lat, longitude=lng),
                FREE_NOW,
            )

    response = client.get("/zoeken/", {"gemeente": "gent", "wijk": "ledeberg", "beschikbaar": "nu"})

    assert titles(response) == []
    assert [(s["name"], s["count"]) for s in response.context["suggestions"]] == [
        ("Gentbrugge", 1),
        ("Brugse Poort", 1),
        ("Zwijnaarde", 4),
        ("Mariakerke", 3),
    ]


def test_best_match_puts_names_with_the_words_first(client, search_page, make_location):
    make_location(title="Crèche Pluim", summary="Naast het park De Zonnebloem.")
    make_location(title="Kinderdagverblijf De Zonnebloem")

    response = client.get("/zoeken/", {"q": "zonnebloem"})

    assert titles(response) == ["Kinderdagverblijf De Zonnebloem", "Crèche Pluim"]
