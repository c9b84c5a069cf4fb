"""Spreadsheet export of the request list (issue 12 item 2): the policy per row, one access
record per exported row, nothing outside the scope."""

import csv
import io

import openpyxl
import pytest

from aanvraagformulier.models import AccessRecord
from aanvraagformulier.visibility import FIELDS

from ..conftest import logged_in
from ..factories import OrganiserFactory, RegionFactory
from .backoffice import make_request, staff_of

pytestmark = pytest.mark.django_db

URL = "/admin/aanvragen/"


@pytest.fixture
def world(region, make_location):
    mine = OrganiserFactory()
    return mine, make_location(organiser=mine, title="Mijn locatie")


def exported_csv(client, query=""):
    response = client.get(f"{URL}?export=csv&{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def by_reference(rows):
    return {row["Referentienummer"]: row for row in rows}


def test_a_location_exports_no_email_for_a_new_row(world, region):
    mine, a = world
    new = make_request(region, [a], ["new"])
    reviewed = make_request(region, [a], ["accepted_for_review"], email="jan@voorbeeld.be")

    rows = by_reference(exported_csv(logged_in(staff_of(mine))))

    assert rows[new.reference]["E-mail"] == ""
    assert rows[new.reference]["Voornaam"] == "Sofie"
    assert rows[reviewed.reference]["E-mail"] == "jan@voorbeeld.be"
    # The national number is only for approved and enrolled rows.
    assert rows[reviewed.reference]["Rijksregisternummer"] == ""
    assert "voorbeeld.be" not in str(rows[new.reference])


def test_every_exported_row_has_an_access_record_with_its_fields(world, region):
    mine, a = world
    new = make_request(region, [a], ["new"])
    reviewed = make_request(region, [a], ["accepted_for_review"])
    staff = staff_of(mine)

    exported_csv(logged_in(staff))

    records = {r.request_id: r for r in AccessRecord.objects.filter(purpose="export")}
    assert set(records) == {new.pk, reviewed.pk}
    assert "email" not in records[new.pk].fields
    assert {"email", "phone", "parent_last_name"} <= set(records[reviewed.pk].fields)
    assert all(r.user == staff for r in records.values())
    # The export itself is no list display.
    assert not AccessRecord.objects.filter(purpose="list").exists()


def test_a_loket_cannot_export_another_regions_rows(world, region, make_location, loket_user):
    _mine, a = world
    ours = make_request(region, [a])
    other_region = RegionFactory(name="Leuven", slug="leuven")
    other_loket = staff_of(OrganiserFactory())
    other_loket.groups.add(other_region.loket_group)
    theirs_location = make_location(title="Elders")
    theirs = make_request(other_region, [theirs_location])

    rows = by_reference(exported_csv(logged_in(other_loket)))

    assert ours.reference not in rows
    assert theirs.reference in rows
    assert not AccessRecord.objects.filter(user=other_loket, request=ours).exists()


def test_the_export_follows_the_filters(world, region, loket_user):
    _mine, a = world
    new = make_request(region, [a], ["new"])
    offered = make_request(region, [a], ["approved"])

    rows = by_reference(exported_csv(logged_in(loket_user), "status=approved"))

    assert list(rows) == [offered.reference]
    assert new.reference not in rows


def test_xlsx_export_has_the_same_columns(world, region):
    mine, a = world
    filed = make_request(region, [a], ["new"])

    response = logged_in(staff_of(mine)).get(f"{URL}?export=xlsx")

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, row = [list(r) for r in sheet.iter_rows(values_only=True)][:2]
    assert len(header) == 5 + len(FIELDS)
    values = dict(zip(header, row, strict=True))
    assert values["Referentienummer"] == filed.reference
    assert values["E-mail"] in ("", None)
    assert AccessRecord.objects.filter(purpose="export", request=filed).count() == 1
