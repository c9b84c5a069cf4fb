"""The loket's figures: the counts, their suppression, constant queries, the dashboard, the
CSV, and publishing a frozen report only with the council's approval (real admin POSTs)."""

import csv
import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from aanvraagformulier.figures import charts
from aanvraagformulier.figures.compute import figures
from aanvraagformulier.models import FiguresReportPage, FiguresSnapshot, RequestedLocation
from aanvraagformulier.transitions import apply

from ..conftest import logged_in
from ..factories import UserFactory
from .backoffice import make_request
from .figures_world import figures_world

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/cijfers/"
CSV = "/admin/cijfers/csv/"


@pytest.fixture
def world(region, make_location):
    region, gent, places, _ledeberg = figures_world(region, make_location)
    return region, gent, places


def file_requests(region, gent, location, count):
    return [make_request(region, [location], municipality=gent) for _ in range(count)]


def test_requests_per_wijk_and_month_with_small_cells_suppressed(world):
    region, gent, places = world
    file_requests(region, gent, places["ledeberg"], 6)
    file_requests(region, gent, places["brugse_poort"], 3)
    year = timezone.localdate().year

    table = figures(region, year)["per_wijk_and_month"]

    rows = {row["label"]: row for row in table["rows"]}
    month = timezone.localdate().month - 1
    assert rows["Brugse Poort"]["cells"][month] == "<5"
    assert rows["Brugse Poort"]["total"] == "<5"
    # 6 beside a "<5" in a column with a shown total would give the 3 away: hidden too.
    assert rows["Ledeberg"]["cells"][month] == "x"
    assert table["totals"][month] == 9


def test_big_enough_cells_are_shown_exactly(world):
    region, gent, places = world
    file_requests(region, gent, places["ledeberg"], 6)
    file_requests(region, gent, places["brugse_poort"], 5)

    data = figures(region, timezone.localdate().year)

    rows = {row["label"]: row["total"] for row in data["per_wijk_and_month"]["rows"]}
    assert rows == {"Ledeberg": 6, "Brugse Poort": 5}
    demand = {row["label"]: row for row in data["demand_and_capacity"]["rows"]}
    assert (demand["Ledeberg"]["demand"], demand["Ledeberg"]["capacity"]) == (6, 30)
    assert demand["Brugse Poort"]["demand"] == 5


def test_time_to_first_answer_and_share_within_the_deadline(world):
    region, gent, places = world
    filed = file_requests(region, gent, places["ledeberg"], 6)
    rows = RequestedLocation.objects.filter(request__in=filed).order_by("pk")
    rows.update(created_at=timezone.now() - datetime.timedelta(days=4))
    for row in list(rows)[:5]:
        apply(row, "accept_for_review")
    # The parent's own withdrawal is not an answer.
    overdue = rows.last()
    overdue.due_date = timezone.localdate() - datetime.timedelta(days=1)
    overdue.save(update_fields=["due_date"])

    answers = figures(region, timezone.localdate().year)["answers"]

    assert answers["answered"] == 5
    assert answers["median_days"] == 4.0
    # 5 answered in time, 1 overdue without an answer.
    assert answers["within_deadline_percent"] == 83


def test_rates_over_fewer_than_5_rows_are_not_shown(world):
    region, gent, places = world
    for filed in file_requests(region, gent, places["ledeberg"], 3):
        apply(filed.locations.get(), "no_place")

    answers = figures(region, timezone.localdate().year)["answers"]

    assert answers == {"answered": "<5", "median_days": None, "within_deadline_percent": None}


def test_flows_across_municipal_and_regional_borders(world):
    region, gent, places = world
    file_requests(region, gent, places["destelbergen"], 5)
    file_requests(region, gent, places["antwerpen"], 6)
    file_requests(region, gent, places["ledeberg"], 7)  # in the parent's municipality

    flows = figures(region, timezone.localdate().year)["flows"]

    assert flows["rows"] == [
        {"from": "Gent", "to": "Antwerpen", "other_region": True, "count": 6},
        {"from": "Gent", "to": "Destelbergen", "other_region": False, "count": 5},
    ]
    assert flows["total"] == 11


def test_the_figures_cost_the_same_queries_for_more_requests(world):
    region, gent, places = world
    year = timezone.localdate().year

    def queries():
        with CaptureQueriesContext(connection) as captured:
            figures(region, year)
        return len(captured.captured_queries)

    for place in places.values():
        for filed in file_requests(region, gent, place, 2):
            apply(filed.locations.get(), "accept_for_review")
    few = queries()
    for place in places.values():
        for filed in file_requests(region, gent, place, 4):
            apply(filed.locations.get(), "accept_for_review")
    assert queries() == few <= 8


def test_the_dashboard_shows_charts_beside_tables(world, loket_user):
    region, gent, places = world
    file_requests(region, gent, places["ledeberg"], 6)

    response = logged_in(loket_user).get(DASHBOARD)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<svg class="figures-chart"') == 4
    assert '<th scope="row">Ledeberg</th>' in html


@pytest.mark.parametrize("who", ["communication_user", "provider"])
def test_only_a_loket_sees_the_figures(world, who, request):
    client = logged_in(request.getfixturevalue(who))

    assert client.get(DASHBOARD).status_code == 404
    assert client.get(CSV).status_code == 404


def test_a_bad_year_falls_back_with_a_message(world, loket_user):
    response = logged_in(loket_user).get(DASHBOARD, {"jaar": "abc", "regio": "gent"})

    assert response.status_code == 200
    assert "Selecteer een geldige keuze." in response.content.decode()


def test_the_csv_holds_the_dashboards_suppressed_values(world, loket_user):
    region, gent, places = world
    file_requests(region, gent, places["ledeberg"], 6)
    file_requests(region, gent, places["brugse_poort"], 2)
    year = timezone.localdate().year

    response = logged_in(loket_user).get(CSV, {"jaar": year, "regio": "gent"})

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    totals = {
        row[1]: row[3]
        for row in rows
        if row[0] == "requests_per_wijk_month" and row[2] == str(year)
    }
    assert totals == {"Brugse Poort": "<5", "Ledeberg": "x"}
    assert not any(cell in {"1", "2", "3", "4"} for row in rows[1:] for cell in row[3:])


def freeze_and_page(loket_user, home_page):
    client = logged_in(loket_user)
    client.post(DASHBOARD, {"action": "freeze"})
    return FiguresSnapshot.objects.get()


def publish(user, home_page, snapshot):
    return logged_in(user).post(
        f"/admin/pages/add/aanvraagformulier/figuresreportpage/{home_page.pk}/",
        {
            "title": "Cijfers kinderopvang 2026",
            "slug": "cijfers-2026",
            "intro": '{"blocks": [], "entityMap": {}}',
            "snapshot": snapshot.pk,
            "action-publish": "action-publish",
        },
    )


def test_a_report_is_published_only_after_the_councils_approval(world, loket_user, home_page):
    region, gent, places = world
    file_requests(region, gent, places["ledeberg"], 6)
    snapshot = freeze_and_page(loket_user, home_page)
    assert snapshot.data["per_wijk_and_month"]["total"] == 6
    admin = UserFactory(is_superuser=True, is_staff=True)

    refused = publish(admin, home_page, snapshot)

    assert refused.status_code == 200
    assert "pas publiceren nadat het Lokaal Overleg Kinderopvang" in refused.content.decode()
    assert not FiguresReportPage.objects.exists()

    approve = logged_in(loket_user).post(
        DASHBOARD,
        {"action": "approve", "snapshot": snapshot.pk, "council_approved_on": "2026-11-20"},
    )
    assert approve.status_code == 302
    published = publish(admin, home_page, snapshot)

    assert published.status_code == 302
    page = FiguresReportPage.objects.get()
    assert page.live
    html = Client().get(page.url).content.decode()
    assert "20/11/2026" in html and "Ledeberg" in html and "figures-chart" in html


def test_the_model_refuses_to_go_live_without_approval(world, loket_user, home_page):
    snapshot = freeze_and_page(loket_user, home_page)
    page = FiguresReportPage(title="Cijfers", slug="cijfers", snapshot=snapshot, live=True)

    with pytest.raises(ValidationError, match="Lokaal Overleg Kinderopvang"):
        home_page.add_child(instance=page)
    assert not Page.objects.filter(slug="cijfers").exists()


@pytest.mark.parametrize(
    ("path", "title"), [("/admin/cijfers/", "Cijfers"), ("/admin/exports/", "Exports")]
)
def test_the_header_names_the_page_not_just_home(region, loket_user, path, title):
    html = logged_in(loket_user).get(path).content.decode()

    start = html.index("data-w-breadcrumbs")
    breadcrumbs = html[start : html.index("</ol>", start)]
    assert title in breadcrumbs


def test_a_long_wijk_name_fits_the_charts_label_column():
    # 12px labels end at the bar: at about 7px a character, a label of more than
    # (LABEL_WIDTH - 8) / 7 characters ran off the chart's left edge ("…ntse Kanaaldorpen").
    long_name = "Elisabethbegijnhof - Prinsenhof - Papegaai - Sint-Michiels"

    svg = str(charts.bar_chart([(long_name, 12), ("Ledeberg", 7)]))

    shown = re.findall(r'class="chart-label"><title>[^<]*</title>([^<]*)</text>', svg)
    assert shown[1] == "Ledeberg"
    assert shown[0].startswith("Elisabethbegijnhof") and shown[0].endswith("…")
    assert len(shown[0]) * 7 <= charts.LABEL_WIDTH - 8
    assert f"<title>{long_name}</title>" in svg  # the whole name on hover, and in the table
