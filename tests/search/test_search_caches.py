"""What the search keeps between requests (issue 15) stays correct and is never personal.

The result cards drawn once per publication (`search/cards.py`), the places read once per
publication (`search/geography.py`) and the text matched once per search: a publish,
unpublish, move or availability confirmation shows in the next search, a card drawn from the
cache is the card template's own HTML, and the query count stays the same as fiches are added.
"""

import datetime
import random

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core.cache import invalidate
from opvanglocaties.confirmation import confirm_availability
from opvanglocaties.models import AgeGroupAvailability, LocationPage, OrganiserPage, Region
from opvanglocaties.presenters import FicheCard
from search import geography

from ..factories import OrganiserFactory, municipality
from .test_query_counts import OTHER_SEARCHES, SEARCH, add_fiches
from .world import DESTELBERGEN, FREE_FROM, set_availability, set_hours

pytestmark = pytest.mark.django_db

PLACE = {"gemeente": "gent", "buurgemeenten": "on", "postcode": "9000", "sorteer": "afstand"}


@pytest.fixture(autouse=True)
def kept(settings):
    """The caches on, as in production (the tests' settings keep nothing)."""
    settings.FRAGMENT_CACHE_SECONDS = 600


def search(client, params):
    response = client.get("/zoeken/", params)
    assert response.status_code == 200
    return response


def publish(page, **changes):
    page = LocationPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_a_kept_card_is_the_card_templates_own_html(
    client, search_page, make_location, buren, home_page
):
    merelbeke, _destelbergen = buren
    other_region = Region.objects.create(name="Zuid-Oost-Vlaanderen", slug="zov")
    other_region.municipalities.add(merelbeke)
    gent_fiche = make_location(title="Kaart & Co <Gent>")
    set_hours(gent_fiche)
    set_availability(gent_fiche, FREE_FROM, free_from=datetime.date(2027, 3, 1))
    make_location(title="Kaart Merelbeke", municipality=merelbeke, postcode="9820")
    invalidate()  # the factory adds live pages without a publish

    drawn = search(client, PLACE)  # the cards are drawn and kept
    from_cache = search(client, PLACE)  # the same cards, fetched
    assert [card.html for card in drawn.context["cards"]] == [
        card.html for card in from_cache.context["cards"]
    ]

    search_ = from_cache.context["search"]
    request = from_cache.wsgi_request
    for card in from_cache.context["cards"]:
        page = LocationPage.objects.get(pk=card.pk)
        expected = render_to_string(
            "opvanglocaties/includes/fiche_card.html",
            {
                "card": FicheCard.of(
                    page,
                    request,
                    distance_km=card.distance_km,
                    in_neighbouring_municipality=card.in_neighbouring_municipality,
                    other_region=card.other_region,
                    stale_before=search_.stale_before,
                ),
                "heading_level": 3,
                "pick_name": "locatie",
                "pick_label": "Vergelijk",
            },
        )
        assert card.html == expected
        assert card.html in from_cache.content.decode()
    merelbeke_card = next(c for c in from_cache.context["cards"] if c.title == "Kaart Merelbeke")
    assert "Buurgemeente · regio Zuid-Oost-Vlaanderen" in merelbeke_card.html
    assert " km" in merelbeke_card.html  # its own distance, put in the kept card
    assert "Kaart &amp; Co &lt;Gent&gt;" in from_cache.content.decode()


def test_a_region_taking_on_a_buurgemeente_shows_in_the_next_search(
    client, search_page, make_location, buren
):
    # Which regions serve a municipality is read once per generation (geography).
    merelbeke, _destelbergen = buren
    make_location(title="Kaart Merelbeke", municipality=merelbeke, postcode="9820")
    invalidate()
    html = search(client, PLACE).content.decode()
    assert "Kaart Merelbeke" in html
    assert "regio Zuid-Oost-Vlaanderen" not in html
    other_region = Region.objects.create(name="Zuid-Oost-Vlaanderen", slug="zov")
    other_region.municipalities.add(merelbeke)
    assert "Buurgemeente · regio Zuid-Oost-Vlaanderen" in search(client, PLACE).content.decode()


def test_cards_are_kept_per_language(client, search_page, make_location):
    make_location(title="Taalkaart", availability_confirmed_on=datetime.date(2026, 11, 5))
    assert "5 november 2026" in search(client, {"q": "Taalkaart"}).content.decode()
    with translation.override("en"):
        english = client.get("/en/zoeken/", {"q": "Taalkaart"})
    assert "5 November 2026" in english.content.decode()
    assert "5 november 2026" in search(client, {"q": "Taalkaart"}).content.decode()


def test_a_publish_shows_in_the_next_place_search(client, search_page, make_location):
    fiche = make_location(title="Oude kaart")
    invalidate()
    assert "Oude kaart" in search(client, PLACE).content.decode()
    publish(fiche, title="Nieuwe kaart")
    html = search(client, PLACE).content.decode()
    assert "Nieuwe kaart" in html
    assert "Oude kaart" not in html


def test_an_availability_confirmation_shows_in_the_next_search(
    client, search_page, make_location, provider, django_capture_on_commit_callbacks
):
    fiche = make_location(
        title="Bevestigkaart", availability_confirmed_on=datetime.date(2026, 1, 5)
    )
    invalidate()
    before = search(client, PLACE).content.decode()
    assert "niet bevestigd sinds 5 januari 2026" in before
    # The provider's one-click confirmation: no publication, the date is written directly.
    with django_capture_on_commit_callbacks(execute=True):
        confirm_availability(fiche, provider, today=datetime.date.today())
    after = search(client, PLACE).content.decode()
    assert "5 januari 2026" not in after
    assert "bevestigd op" in after


def test_published_availability_shows_in_the_next_filtered_search(
    client, search_page, make_location
):
    # The filter reads the fiche's summary of its rows (`first_free`), kept by the publish.
    fiche = make_location(title="Plaatskaart", availability_confirmed_on=datetime.date.today())
    invalidate()
    free_now = {**PLACE, "beschikbaar": "nu"}
    assert "Plaatskaart" not in search(client, free_now).content.decode()
    page = LocationPage.objects.get(pk=fiche.pk)
    page.availability = [AgeGroupAvailability(age_group="baby", status="free_now")]
    page.save_revision().publish()
    assert "Plaatskaart" in search(client, free_now).content.decode()
    page = LocationPage.objects.get(pk=fiche.pk)
    page.availability = [AgeGroupAvailability(age_group="baby", status="full")]
    page.save_revision().publish()
    assert "Plaatskaart" not in search(client, free_now).content.decode()


def test_an_unpublish_shows_in_the_next_place_search(client, search_page, make_location):
    fiche = make_location(title="Weg-kaart")
    invalidate()
    link = f'href="{fiche.url}"'
    assert link in search(client, PLACE).content.decode()
    fiche.unpublish()
    assert link not in search(client, PLACE).content.decode()


def test_a_move_shows_in_the_next_place_search(client, search_page, make_location):
    fiche = make_location(title="Verhuiskaart")
    other = OrganiserFactory()
    make_location(organiser=other)
    invalidate()
    old_url = fiche.url
    assert f'href="{old_url}"' in search(client, PLACE).content.decode()
    fiche.move(OrganiserPage.objects.get(organiser=other), pos="last-child")
    new_url = LocationPage.objects.get(pk=fiche.pk).url
    html = search(client, PLACE).content.decode()
    assert f'href="{new_url}"' in html
    assert f'href="{old_url}"' not in html


def test_a_publish_in_an_uncovered_buurgemeente_shows_in_the_next_search(
    client, search_page, make_location, buren
):
    _merelbeke, destelbergen = buren
    make_location(title="In Gent")
    invalidate()
    assert "dekt Destelbergen, Merelbeke-Melle niet" in search(client, PLACE).content.decode()
    fiche = make_location(
        title="Eerste in Destelbergen", municipality=destelbergen, postcode="9070"
    )
    publish(fiche)
    html = search(client, PLACE).content.decode()
    assert "dekt Merelbeke-Melle niet" in html
    assert "Eerste in Destelbergen" in html


def test_a_publish_moves_the_middle_of_a_postcode(client, search_page, make_location):
    make_location(title="Noord", postcode="9000", latitude=51.10, longitude=3.70)
    invalidate()
    first = search(client, {"postcode": "9000", "sorteer": "afstand"}).context["search"].origin
    fiche = make_location(title="Zuid", postcode="9050", latitude=51.00, longitude=3.70)
    publish(fiche, postcode="9000")
    second = search(client, {"postcode": "9000", "sorteer": "afstand"}).context["search"].origin
    assert first.latitude == pytest.approx(51.10)
    assert second.latitude == pytest.approx(51.05)


def test_a_changed_neighbour_is_not_served_from_the_kept_places(client, search_page, gent):
    before = search(client, PLACE).context["search"].neighbouring_municipalities
    assert DESTELBERGEN not in [m.nis_code for m in before]
    gent.neighbours.add(municipality(DESTELBERGEN))
    after = search(client, PLACE).context["search"].neighbouring_municipalities
    assert DESTELBERGEN in [m.nis_code for m in after]


def test_nothing_personal_is_kept_in_a_card(client, search_page, make_location, provider):
    make_location(title="Voor elke ouder", organiser=OrganiserFactory())
    invalidate()
    client.force_login(provider)
    search(client, {"q": "ouder"})  # draws and keeps the card for a logged-in visitor
    client.logout()
    anonymous = search(client, {"q": "ouder"})
    cards = "".join(card.html for card in anonymous.context["cards"])
    assert "Voor elke ouder" in cards
    assert provider.username not in cards
    assert "userbar" not in cards


def test_the_kept_wijken_are_not_changed_by_a_search(client, search_page, wijken):
    # Each form labels the wijken it offers (with their municipality in a region-wide list):
    # it labels copies, never the instances kept for every search.
    assert search(client, {"gemeente": "gent"}).context["form"].neighbourhood_choices[0].label
    kept = geography.municipality_neighbourhoods(wijken[0].municipality_id)
    assert kept
    assert not any(hasattr(n, "label") or hasattr(n, "choice_value") for n in kept)


def text_matches(client, params):
    with CaptureQueriesContext(connection) as captured:
        search(client, params)
    return len([q for q in captured if "indexentry" in q["sql"].lower()])


def test_the_text_is_matched_once_per_search(client, search_page, make_location):
    make_location(title="Eenmalig gezocht")
    params = {"q": "gezocht", "gemeente": "gent", "buurgemeenten": "on", "sorteer": "naam"}
    # The facets, the place counts and the page all filter by the ids matched once.
    assert text_matches(client, params) == 1
    # By relevance, an index that ranks by itself (PostgreSQL's) matches once more, to
    # order the page; SQLite's order (names first) needs no second match.
    assert text_matches(client, {**params, "sorteer": ""}) <= 2


def queries(client, params):
    search(client, params)  # the first visit keeps what later ones reuse
    with CaptureQueriesContext(connection) as captured:
        response = search(client, params)
    return len(captured), response.context["results"].paginator.count


def test_query_count_with_the_caches_does_not_grow_with_the_fiches(
    client, search_page, location_index, buren
):
    rng = random.Random(5)
    add_fiches(location_index, 50, rng)
    invalidate()
    small = [queries(client, params) for params in [SEARCH, PLACE, *OTHER_SEARCHES]]

    add_fiches(location_index, 950, rng)
    invalidate()
    large = [queries(client, params) for params in [SEARCH, PLACE, *OTHER_SEARCHES]]

    assert large[1][1] > small[1][1] > 0
    assert [count for count, _total in large] == [count for count, _total in small]
    # The place search with everything kept: the transaction, routing, the view
    # restrictions on the page's way, the facets with the place counts in one query, the
    # page of results.
    assert small[1][0] <= 8


def test_the_text_is_matched_within_the_place_asked(client, search_page, make_location, wijken):
    """The ids matched once are those in the municipality and buurgemeenten asked (a common
    word matches three quarters of Flanders' fiches), and still those of every wijk there:
    the wijk facet counts the other wijken's matches."""
    ledeberg, gentbrugge = wijken
    in_ledeberg = make_location(title="Zonnetje Ledeberg", neighbourhood=ledeberg)
    in_gentbrugge = make_location(title="Zonnetje Gentbrugge", neighbourhood=gentbrugge)
    elsewhere = make_location(
        title="Zonnetje Destelbergen", municipality=municipality(DESTELBERGEN), postcode="9070"
    )
    params = {"q": "zonnetje", "gemeente": "gent", "wijk": ledeberg.slug}
    response = search(client, params)

    assert response.context["search"].matching_ids is not None
    assert set(response.context["search"].matching_ids) == {in_ledeberg.pk, in_gentbrugge.pk}
    assert [r.title for r in response.context["results"]] == ["Zonnetje Ledeberg"]
    wijk_counts = {v.value: v.count for v in response.context["facets"]["neighbourhood"]}
    assert wijk_counts == {ledeberg.slug: 1, gentbrugge.slug: 1}
    assert elsewhere.pk not in response.context["search"].matching_ids


def test_a_page_of_kept_cards_builds_no_fiche(client, search_page, make_location):
    """With every card of the page kept, the page of results is read as the few values the
    cards need (`cards.ROW_FIELDS`): no fiche is built as a model instance (issue 15)."""
    for number in range(3):
        make_location(title=f"Kaart {number}")
    search(client, PLACE)  # draws and keeps the cards
    built = []

    def count(sender, instance, **kwargs):
        built.append(instance.pk)

    post_init.connect(count, sender=LocationPage)
    try:
        response = search(client, PLACE)
    finally:
        post_init.disconnect(count, sender=LocationPage)
    assert len(response.context["cards"]) == 3
    assert built == []
