"""CSV and GeoJSON downloads with the search page's filters, and no personal data."""

import csv
import io
import json

import pytest

from opvanglocaties.choices import CareType
from search.open_data.fields import COLUMNS, FIELDS

from .world import set_hours

pytestmark = pytest.mark.django_db

PERSONAL = ("contact_name", "email", "phone", "Jan Janssens", "jan@example.org", "09 123 45 67")


def content(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def test_csv_has_the_filtered_fiches_and_no_personal_data(client, make_location):
    make_location(
        title="Groep", contact_name="Jan Janssens", email="jan@example.org", phone="09 123 45 67"
    )
    make_location(title="Gezin", care_type=CareType.FAMILY)

    text = content(client.get("/open-data/opvanglocaties.csv", {"type": "group"}))

    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["name"] for row in rows] == ["Groep"]
    assert rows[0]["municipality_nis_code"] == "44021"
    assert rows[0]["url"].startswith("http://testserver/")
    for value in PERSONAL:
        assert value not in text


def test_geojson_features_with_points(client, make_location):
    make_location(title="Met positie", latitude=51.05, longitude=3.72, email="jan@example.org")
    make_location(title="Zonder positie", latitude=None, longitude=None)

    data = json.loads(content(client.get("/open-data/opvanglocaties.geojson")))

    assert data["type"] == "FeatureCollection"
    assert [f["properties"]["name"] for f in data["features"]] == ["Met positie"]
    assert data["features"][0]["geometry"] == {"type": "Point", "coordinates": [3.72, 51.05]}
    assert "jan@example.org" not in json.dumps(data)


def test_bad_filters_still_give_a_file(client, make_location):
    make_location()

    text = content(client.get("/open-data/opvanglocaties.csv", {"afstand": "-1", "gemeente": "x"}))

    assert len(text.strip().splitlines()) == 2


def test_csv_opens_safely_in_a_spreadsheet_whatever_the_language(client, make_location):
    set_hours(make_location(title='=HYPERLINK("http://x.example")', street="@straat"))

    text = content(client.get("/en/open-data/opvanglocaties.csv"))

    assert text.startswith('\ufeff"id","name",')
    row = next(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert row["name"] == '\'=HYPERLINK("http://x.example")'
    assert row["street"] == "'@straat"
    assert row["opening_hours"] == "Mo-Fr 07:00-18:00"


FORMULA_STARTS = ("=", "+", "-", "@")


def test_csv_cells_are_safe_in_a_spreadsheet_that_splits_on_semicolons(client, make_location):
    # Belgian Excel splits a CSV file on ";": an unquoted "Dorpstraat;=2*3;" became three
    # cells, the second a formula.
    make_location(title="Crèche, =1+1", street="Dorpstraat;=2*3;", house_number="1;@2")

    text = content(client.get("/open-data/opvanglocaties.csv")).removeprefix("\ufeff")

    row = next(csv.DictReader(io.StringIO(text)))
    assert (row["name"], row["street"], row["house_number"]) == (
        "Crèche,' =1+1",
        "Dorpstraat;'=2*3;",
        "1;'@2",
    )
    assert '"Dorpstraat;\'=2*3;"' in text  # every text quoted
    assert ",21," in text  # numbers are not: the response deadline stays a number
    for line in text.splitlines():
        # As a ";" spreadsheet reads it, and as a naive split does: no cell starts a formula.
        for cell in [*next(csv.reader([line], delimiter=";")), *line.split(";")]:
            assert not cell.strip(' "').startswith(FORMULA_STARTS), (cell, line)


def test_a_childminders_home_is_not_pinpointed(client, make_location):
    make_location(title="Centrum", street="Veldstraat", house_number="12", latitude=51.05432)
    make_location(
        title="Onthaalouder",
        care_type=CareType.FAMILY,
        street="Thuisstraat",
        house_number="7",
        latitude=51.05432,
        longitude=3.72161,
    )

    text = content(client.get("/open-data/opvanglocaties.csv", {"sorteer": "naam"}))
    centre, home = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    assert (centre["street"], centre["latitude"], centre["position_rounded"]) == (
        "Veldstraat",
        "51.05432",
        "False",
    )
    assert (home["street"], home["house_number"], home["postcode"]) == ("", "", "9000")
    assert (home["latitude"], home["longitude"], home["position_rounded"]) == (
        "51.05",
        "3.72",
        "True",
    )
    assert "Thuisstraat" not in text

    data = json.loads(content(client.get("/open-data/opvanglocaties.geojson", {"type": "family"})))
    assert data["features"][0]["geometry"]["coordinates"] == [3.72, 51.05]
    assert "Thuisstraat" not in json.dumps(data)


def test_the_downloads_write_the_columns_of_the_one_list(client, make_location):
    make_location(latitude=51.05, longitude=3.72)

    text = content(client.get("/open-data/opvanglocaties.csv"))
    data = json.loads(content(client.get("/open-data/opvanglocaties.geojson")))

    assert next(csv.reader(io.StringIO(text.removeprefix("\ufeff")))) == COLUMNS
    assert list(data["features"][0]["properties"]) == COLUMNS
    for personal in ("contact_name", "email", "phone", "staff_group", "owner"):
        assert personal not in COLUMNS
        assert personal not in {field.name for field in FIELDS}


def names_in(client, url, params):
    """The names of the fiches in a download, in its order."""
    text = content(client.get(url, params))
    if url.endswith(".csv"):
        return [row["name"] for row in csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))]
    return [feature["properties"]["name"] for feature in json.loads(text)["features"]]


DOWNLOADS = ["/open-data/opvanglocaties.csv", "/open-data/opvanglocaties.geojson"]


@pytest.mark.parametrize("url", DOWNLOADS)
def test_a_small_radius_cannot_pin_a_childminders_home(client, make_location, url):
    # Published at (51.05, 3.72): a radius of 100 m around the real doorstep must not find
    # the home, nor one around a spot 111 m away leave it out.
    make_location(
        title="Onthaalouder", care_type=CareType.FAMILY, latitude=51.05432, longitude=3.72161
    )
    make_location(title="Centrum", latitude=51.06, longitude=3.73)

    def found(latitude, longitude):
        return names_in(client, url, {"lat": latitude, "lng": longitude, "afstand": "0.1"})

    assert found(51.05432, 3.72161) == []
    assert found(51.05532, 3.72161) == []
    assert found(51.05, 3.72) == ["Onthaalouder"]
    # A centre is nobody's home: measured to its own position.
    assert found(51.06, 3.73) == ["Centrum"]
    assert found(51.061, 3.73) == []


@pytest.mark.parametrize("url", DOWNLOADS)
def test_homes_in_the_same_rounded_square_cannot_be_told_apart(client, make_location, url):
    # Both published at (51.05, 3.72). Whatever the origin and radius, a download finds both
    # or neither, and sorted by distance they tie (then by name): nothing in it is finer
    # than the rounding.
    make_location(title="A", care_type=CareType.FAMILY, latitude=51.05432, longitude=3.72161)
    make_location(title="B", care_type=CareType.FAMILY, latitude=51.04601, longitude=3.71840)

    for latitude in (51.046, 51.0505, 51.0543):
        for longitude in (3.7184, 3.7205, 3.7216):
            for radius in ("0.1", "0.6"):
                params = {
                    "lat": latitude,
                    "lng": longitude,
                    "afstand": radius,
                    "sorteer": "afstand",
                }
                assert names_in(client, url, params) in ([], ["A", "B"]), params
