"""Issue 14.1: availability older than the region's freshness period is not shown as true."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from .world import FREE_NOW, set_availability

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def fiches(search_page, make_location):
    """Two fiches with a place free now: one confirmed 30 days ago, one 31 days ago."""
    fresh = make_location(title="Vers", availability_confirmed_on=days_ago(30))
    stale = make_location(title="Oud", availability_confirmed_on=days_ago(31))
    for fiche in (fresh, stale):
        set_availability(fiche, FREE_NOW)
    return fresh, stale


def titles(response):
    return [card.title for card in response.context["cards"]]


def test_stale_availability_does_not_match_free_now_and_counts_as_unknown(client, fiches):
    response = client.get("/zoeken/", {"beschikbaar": "nu"})
    assert titles(response) == ["Vers"]
    counts = {value.value: value.count for value in response.context["facets"]["availability"]}
    assert counts == {"nu": 1, "vanaf": 1, "onbekend": 1}
    assert titles(client.get("/zoeken/", {"beschikbaar": "onbekend"})) == ["Oud"]
    assert titles(client.get("/zoeken/", {"beschikbaar": "vanaf"})) == ["Vers"]


def test_the_region_sets_the_period(client, fiches, region):
    region.availability_fresh_days = 60
    region.save()
    response = client.get("/zoeken/", {"beschikbaar": "nu", "sorteer": "naam"})
    assert titles(response) == ["Oud", "Vers"]


def test_sorting_by_availability_puts_stale_fiches_after_fresh_ones(client, fiches):
    response = client.get("/zoeken/", {"sorteer": "beschikbaarheid"})
    assert titles(response) == ["Vers", "Oud"]


def card_of(response, title):
    soup = BeautifulSoup(response.content, "html.parser")
    return next(li for li in soup.select("li.card") if li.find("a", string=title))


def test_the_card_and_the_map_popup_say_unconfirmed(client, fiches):
    response = client.get("/zoeken/")
    stale = card_of(response, "Oud")
    assert not stale.select(".status-free_now")
    assert stale.select(".status-unconfirmed")
    # The map's popups show the card's .result-summary lines (search/static/search/map.js).
    summaries = [p.get_text(strip=True) for p in stale.select(".result-summary")]
    assert "Beschikbaarheid niet recent bevestigd" in summaries
    assert "niet bevestigd sinds" in stale.get_text()
    fresh = card_of(response, "Vers")
    assert fresh.select(".status-free_now")
    assert "Beschikbaarheid niet recent bevestigd" not in fresh.get_text()


def test_the_fiche_says_unconfirmed(client, fiches):
    fresh, stale = fiches
    page = BeautifulSoup(client.get(stale.url).content, "html.parser")
    assert not page.select(".status-free_now")
    assert "Niet recent bevestigd." in page.get_text()
    page = BeautifulSoup(client.get(fresh.url).content, "html.parser")
    assert page.select(".status-free_now")
    assert "Niet recent bevestigd." not in page.get_text()


def test_compare_says_unconfirmed(client, fiches):
    fresh, stale = fiches
    response = client.get("/vergelijken/", {"locaties": f"{fresh.pk},{stale.pk}"})
    cells = BeautifulSoup(response.content, "html.parser").select("td")
    texts = [cell.get_text(" ", strip=True) for cell in cells]
    assert sum("Beschikbaarheid niet recent bevestigd" in text for text in texts) == 1
    assert [
        card.availability_current for card in (c.card for c in response.context["columns"])
    ] == [
        True,
        False,
    ]


def test_the_open_data_carries_the_confirmation_date(client, fiches):
    response = client.get("/open-data/opvanglocaties.csv", {"sorteer": "naam"})
    text = b"".join(response.streaming_content).decode().removeprefix("\ufeff")
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["Oud"]["availability_confirmed_on"] == days_ago(31).isoformat()
    assert rows["Vers"]["availability_confirmed_on"] == days_ago(30).isoformat()


def test_each_availability_count_is_the_number_its_link_finds(client, search_page, make_location):
    """The facets read the availability as one value per fiche (`availability_code`), the
    filter as conditions (`availability_condition`): the two must agree, whatever
    the age, the month, the freshness and the rows (issue 15, search round 4)."""
    today = timezone.localdate()
    in_two_months = (today.replace(day=1) + datetime.timedelta(days=62)).replace(day=1)
    cases = [
        (30, [("baby", FREE_NOW, None)]),
        (31, [("baby", FREE_NOW, None)]),  # no longer current
        (None, [("toddler", FREE_NOW, None)]),  # never confirmed
        (0, []),  # confirmed, no rows
        (0, [("baby", "full", None)]),
        (0, [("toddler", "free_from", today + datetime.timedelta(days=20))]),
        (0, [("baby", "free_from", in_two_months + datetime.timedelta(days=3))]),
        (0, [("baby", "full", None), ("toddler", FREE_NOW, None)]),
        (2, [("baby", "free_from", today - datetime.timedelta(days=3))]),
    ]
    for number, (confirmed, rows) in enumerate(cases):
        fiche = make_location(
            title=f"Locatie {number}",
            availability_confirmed_on=None if confirmed is None else days_ago(confirmed),
        )
        for age_group, status, free_from in rows:
            set_availability(fiche, status, free_from=free_from, age_group=age_group)

    month = in_two_months.strftime("%Y-%m")
    counts = {}
    for name, extra in {
        "all": {},
        "baby": {"leeftijd": "6"},
        "toddler": {"leeftijd": "24"},
        "by month": {"vanaf": month},
    }.items():
        facet = client.get("/zoeken/", extra).context["facets"]["availability"]
        for value in facet:
            found = client.get("/zoeken/", {**extra, "beschikbaar": value.value})
            assert value.count == found.context["results"].paginator.count, (extra, value)
        counts[name] = {value.value: value.count for value in facet}
    # Free now: 0, 7 and 8; free later also 5 and 6; unknown: 1 (stale), 2 (never), 3 (no rows).
    assert counts["all"] == {"nu": 3, "vanaf": 5, "onbekend": 3}
    # For a baby, 7's free place is a toddler's and 5's too.
    assert counts["baby"] == {"nu": 2, "vanaf": 3, "onbekend": 3}
