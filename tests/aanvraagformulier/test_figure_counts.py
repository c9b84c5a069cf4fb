"""The loket's kept figure counts (figures/keeping.py) against the row-scanning reference
(figures/reference.py): the same numbers over varied data and after every kind of write
(filing, decisions, withdrawals, an accepted offer, a move, an erasure, the five-year
anonymisation, a fiche moving wijk), the rebuild command, and a constant query count for the
dashboard."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from aanvraagformulier import changes, gdpr, retention
from aanvraagformulier.figures import counts, reference
from aanvraagformulier.figures.compute import figures
from aanvraagformulier.figures.keeping import rebuild
from aanvraagformulier.models import FigureCount, RequestedLocation, RequestStatus
from aanvraagformulier.transitions import apply

from ..conftest import logged_in
from ..factories import NeighbourhoodFactory, municipality
from .backoffice import make_request
from .figures_world import figures_world

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/cijfers/"


@pytest.fixture
def world(region, make_location):
    region, gent, places, ledeberg = figures_world(region, make_location)
    places["ledeberg_2"] = make_location(title="Azalea", neighbourhood=ledeberg)
    return region, gent, places


def refile(filed, moment):
    """The request (and its rows) filed at `moment` instead of now, saved as the app saves."""
    filed.created_at = moment
    filed.save(update_fields=["created_at"])
    for row in filed.locations.all():
        row.created_at = moment
        row.save(update_fields=["created_at"])


def assert_counts_match_reference(region, years, today):
    """Raw counts and the suppressed figures both, from the kept counts and the reference."""
    assert counts.open_requests_per_wijk(region) == reference.open_requests_per_wijk(region)
    for year in years:
        assert counts.requests_per_wijk_and_month(
            region, year
        ) == reference.requests_per_wijk_and_month(region, year)
        assert counts.answer_counts(region, year, today) == reference.answer_counts(
            region, year, today
        )
        assert counts.flow_pairs(region, year) == reference.flow_pairs(region, year)
        assert figures(region, year, today) == figures(region, year, today, reference)
    # What was kept on the way equals a recount from scratch.
    assert rebuild(dry_run=True) == 0


@pytest.fixture
def varied(world):
    """Requests over two years and several months, one to three locations each (some in the
    same wijk), answered after different numbers of days, some overdue, crossing borders."""
    region, gent, places = world
    now = timezone.now()
    this_year = timezone.localdate().year
    antwerpen = municipality("11002")
    plans = [
        (["ledeberg"], 0, gent),
        (["ledeberg", "ledeberg_2"], 0, gent),
        (["ledeberg", "brugse_poort"], 40, gent),
        (["brugse_poort", "destelbergen", "antwerpen"], 70, gent),
        (["destelbergen"], 100, antwerpen),
        (["antwerpen", "ledeberg_2"], 200, gent),
        (["ledeberg_2"], 400, None),
        (["brugse_poort", "ledeberg"], 420, gent),
    ]
    filed = []
    for round_ in range(3):
        for names, days_ago, home in plans:
            request = make_request(
                region,
                [places[name] for name in names],
                municipality=home,
                email=f"ouder{len(filed)}@voorbeeld.be",
            )
            refile(request, now - datetime.timedelta(days=days_ago + round_, hours=round_))
            filed.append(request)
    rows = list(RequestedLocation.objects.filter(request__in=filed).order_by("pk"))
    for index, row in enumerate(rows):
        if index % 4 == 0:
            apply(row, "accept_for_review")
        elif index % 4 == 1:
            apply(row, "no_place")
        elif index % 7 == 2:
            row.due_date = timezone.localdate() - datetime.timedelta(days=index % 5 + 1)
            row.save(update_fields=["due_date"])
    return region, gent, places, filed, [this_year - 1, this_year]


def test_the_kept_counts_equal_the_reference_over_varied_data(varied):
    region, _gent, _places, _filed, years = varied

    assert FigureCount.objects.filter(region=region).exists()
    assert_counts_match_reference(region, years, timezone.localdate())
    # Later days: unanswered rows fall past their due date without any write.
    later = timezone.localdate() + datetime.timedelta(days=20)
    assert_counts_match_reference(region, years, later)


def test_the_parents_and_the_lokets_moves_keep_the_counts(varied):
    region, _gent, places, filed, years = varied
    today = timezone.localdate()

    row = RequestedLocation.objects.filter(status=RequestStatus.ACCEPTED_FOR_REVIEW).first()
    apply(row, "approve")
    changes.accept_offer(row.request, row.pk)  # the request's other open rows close
    changes.withdraw(list(filed[1].locations.all()))
    changes.add_location(filed[0], places["destelbergen"])
    filed[3].municipality = municipality("11002")
    filed[3].save()
    gdpr.erase(filed[5])
    assert_counts_match_reference(region, years, today)

    filed[7].delete()
    filed[2].locations.first().delete()
    assert_counts_match_reference(region, years, today)


def test_the_five_year_anonymisation_leaves_the_counts_alone(world):
    region, gent, places = world
    six_years_ago = timezone.now() - datetime.timedelta(days=6 * 366)
    for _ in range(6):
        request = make_request(region, [places["ledeberg"]], municipality=gent)
        refile(request, six_years_ago)
        row = request.locations.get()
        apply(row, "no_place", now=six_years_ago)
        row.refresh_from_db()
        changes.withdraw([row])
        RequestedLocation.objects.filter(pk=row.pk).update(status_changed_at=six_years_ago)
    year = timezone.localtime(six_years_ago).year
    before = figures(region, year)

    assert retention.anonymise_expired().anonymised == 6

    assert figures(region, year) == before
    assert_counts_match_reference(region, [year], timezone.localdate())


def test_a_fiche_moving_to_another_wijk_moves_its_requests(
    varied, django_capture_on_commit_callbacks
):
    region, _gent, places, _filed, years = varied
    fiche = places["ledeberg_2"]
    with django_capture_on_commit_callbacks(execute=True) as recount:
        fiche.neighbourhood = NeighbourhoodFactory(name="Muide", slug="muide")
        fiche.save()

    # The region's recount, queued for after the commit (beside the page cache's second bump
    # of its generation, core.cache.invalidate).
    assert len([callback for callback in recount if "rebuild_regions" in repr(callback)]) == 1

    assert "Muide" in counts.requests_per_wijk_and_month(region, years[1])
    assert_counts_match_reference(region, years, timezone.localdate())


def test_a_region_gaining_a_municipality_changes_its_flows(
    varied, django_capture_on_commit_callbacks
):
    region, _gent, _places, _filed, years = varied

    with django_capture_on_commit_callbacks(execute=True):
        region.municipalities.add(municipality("11002"))

    assert not any(other for _h, _t, other, _n in counts.flow_pairs(region, years[1]))
    assert_counts_match_reference(region, years, timezone.localdate())


def test_rebuild_figures_finds_and_corrects_counts_off_and_is_idempotent(varied, capsys):
    region, _gent, _places, _filed, years = varied
    # Behind the application's back: a bulk UPDATE keeps no counts.
    RequestedLocation.objects.filter(request__region=region).update(status=RequestStatus.WITHDRAWN)
    assert counts.open_requests_per_wijk(region) != reference.open_requests_per_wijk(region)

    call_command("rebuild_figures", "--dry-run")
    off = int(capsys.readouterr().out.split()[0])
    assert off > 0
    assert counts.open_requests_per_wijk(region) != reference.open_requests_per_wijk(region)

    call_command("rebuild_figures", "--region", region.slug)
    assert capsys.readouterr().out.strip() == f"{off} figure counts corrected"
    assert_counts_match_reference(region, years, timezone.localdate())

    call_command("rebuild_figures")
    assert capsys.readouterr().out.strip() == "0 figure counts corrected"


def test_rebuild_figures_refuses_an_unknown_region():
    with pytest.raises(SystemExit):
        call_command("rebuild_figures", "--region", "nergens")


def test_the_dashboard_costs_the_same_queries_for_more_requests(world, loket_user):
    region, gent, places = world
    client = logged_in(loket_user)
    client.get(DASHBOARD)  # the first view fills the admin's caches

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(DASHBOARD).status_code == 200
        return len(captured.captured_queries)

    for place in places.values():
        for filed in [make_request(region, [place], municipality=gent) for _ in range(2)]:
            apply(filed.locations.get(), "accept_for_review")
    few = queries()
    for place in places.values():
        for filed in [make_request(region, [place], municipality=gent) for _ in range(5)]:
            apply(filed.locations.get(), "no_place")
    assert queries() == few
