"""The facets' grouped rows kept per place, day and publication (`search.facets.kept_rows_key`).

A parent who picked a place and clicks facets gets counts from the rows the first search of
that place read; a publish, an unpublish, an availability confirmation or the next day shows
in the next search, and a search with a text or any other filter is counted afresh.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.cache import invalidate
from opvanglocaties.confirmation import confirm_availability
from opvanglocaties.models import LocationPage

from .world import FREE_FROM, FREE_NOW, set_availability

pytestmark = pytest.mark.django_db

PLACE = {"gemeente": "gent", "buurgemeenten": "on", "postcode": "9000", "sorteer": "afstand"}


@pytest.fixture
def kept(settings):
    """The caches on, as in production (the tests' settings keep nothing)."""
    settings.FRAGMENT_CACHE_SECONDS = 600
    return settings


def search(client, params):
    response = client.get("/zoeken/", params)
    assert response.status_code == 200
    return response


def counted(response):
    """The total and every facet's counts of a search page."""
    facets = response.context["facets"]
    return {
        "total": response.context["results"].paginator.count,
        **{name: {v.value: v.count for v in values} for name, values in facets.items() if values},
    }


def grouped_queries(client, params):
    """How many times a search read the facets' grouped rows, and the search's page."""
    with CaptureQueriesContext(connection) as captured:
        response = search(client, params)
    # The facets' statement is the one that names the freshness of each group.
    return sum('AS "current"' in query["sql"] for query in captured), response


def fresh(client, settings, params):
    """The counts of `params` worked out afresh, nothing kept."""
    seconds, settings.FRAGMENT_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS, 0
    try:
        return counted(search(client, params))
    finally:
        settings.FRAGMENT_CACHE_SECONDS = seconds


@pytest.fixture
def gent_fiches(make_location, buren):
    merelbeke, _destelbergen = buren
    today = timezone.localdate()
    group = make_location(title="Groep", care_type="group", availability_confirmed_on=today)
    set_availability(group, FREE_NOW)
    family = make_location(title="Gezin", care_type="family", availability_confirmed_on=today)
    set_availability(family, FREE_FROM, free_from=today + datetime.timedelta(days=1))
    make_location(title="Merelbeke", municipality=merelbeke, postcode="9820")
    invalidate()  # the factory and the rows are written without a publication
    return group, family


def test_clicking_facets_in_a_place_reuses_its_rows(client, kept, search_page, gent_fiches):
    assert grouped_queries(client, PLACE)[0] == 1
    for params in (
        PLACE,
        {**PLACE, "type": "group"},
        {**PLACE, "type": "family", "beschikbaar": "nu"},
        {**PLACE, "beschikbaar": "onbekend", "subsidie": "income_related"},
        {**PLACE, "buurgemeenten": "", "type": "group"},
    ):
        grouped, response = grouped_queries(client, params)
        assert grouped == (1 if params["buurgemeenten"] == "" else 0), str(params)
        assert counted(response) == fresh(client, kept, params), str(params)


def test_a_search_with_a_text_or_another_filter_is_counted_afresh(
    client, kept, search_page, gent_fiches
):
    for params in ({**PLACE, "q": "Groep"}, {**PLACE, "leeftijd": "6"}, {**PLACE, "afstand": "5"}):
        search(client, params)
        grouped, response = grouped_queries(client, params)
        assert grouped == 1, str(params)
        assert counted(response) == fresh(client, kept, params), str(params)


def test_a_publish_and_an_unpublish_show_in_the_next_counts(
    client, kept, search_page, gent_fiches, make_location
):
    group, _family = gent_fiches
    before = counted(search(client, PLACE))
    new = make_location(title="Nieuw", care_type="group")
    page = LocationPage.objects.get(pk=new.pk)
    page.save_revision().publish()
    after = counted(search(client, PLACE))
    assert after["total"] == before["total"] + 1
    assert after["care_type"]["group"] == before["care_type"]["group"] + 1

    LocationPage.objects.get(pk=group.pk).unpublish()
    gone = counted(search(client, {**PLACE, "type": "group"}))
    assert gone["care_type"]["group"] == before["care_type"]["group"]
    assert gone == fresh(client, kept, {**PLACE, "type": "group"})


def test_an_availability_confirmation_shows_in_the_next_counts(
    client, kept, search_page, make_location, provider, django_capture_on_commit_callbacks
):
    long_ago = timezone.localdate() - datetime.timedelta(days=400)
    fiche = make_location(title="Oud bevestigd", availability_confirmed_on=long_ago)
    set_availability(fiche, FREE_NOW)
    invalidate()
    before = counted(search(client, PLACE))["availability"]
    assert (before["nu"], before["onbekend"]) == (0, 1)  # not confirmed lately: unknown
    with django_capture_on_commit_callbacks(execute=True):
        confirm_availability(fiche, provider, today=timezone.localdate())
    after = counted(search(client, {**PLACE, "type": "group"}))["availability"]
    assert (after["nu"], after["onbekend"]) == (1, 0)


def test_the_next_day_is_counted_afresh(client, kept, search_page, gent_fiches, monkeypatch):
    today = counted(search(client, PLACE))["availability"]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    # The family day care's place, free from tomorrow, is free now tomorrow.
    assert counted(search(client, PLACE))["availability"]["nu"] == today["nu"] + 1
