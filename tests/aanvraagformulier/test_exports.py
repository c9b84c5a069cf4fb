"""Exports that leave the portal: pseudonymised research data and the emergency list, as
AES-256 archives that open with the password and not without; the password is stored
nowhere; the trail records the export; `purge_exports` deletes old files."""

import datetime
import io
import re

import pytest
import pyzipper
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from aanvraagformulier.emergency import services as emergency
from aanvraagformulier.models import AccessRecord, Export
from core.roles import LOKET
from opvanglocaties.models import Region

from ..conftest import logged_in, role
from ..factories import RegionFactory, UserFactory, municipality
from .backoffice import make_request

pytestmark = pytest.mark.django_db

PAGE = "/admin/exports/"


@pytest.fixture(autouse=True)
def export_dir(settings, tmp_path):
    settings.OPVANGPUNT_EXPORT_DIR = tmp_path / "exports"
    return settings.OPVANGPUNT_EXPORT_DIR


def make(client, kind, year=None):
    region = Region.objects.get(slug="gent")
    year = year or timezone.localdate().year
    response = client.post(PAGE, {"kind": kind, "region": region.pk, "year": year})
    assert response.status_code == 200, response.content.decode()[:2000]
    html = response.content.decode()
    password = re.search(r"<code data-export-password>([^<]+)</code>", html).group(1)
    return response, password, Export.objects.latest("pk")


def members(path, password):
    with pyzipper.AESZipFile(path) as archive:
        archive.setpassword(password.encode())
        return {name: archive.read(name).decode("utf-8-sig") for name in archive.namelist()}


@pytest.fixture
def filed(region, make_location):
    location = make_location(title="Kinderdagverblijf Aster")
    return [make_request(region, [location]) for _ in range(3)]


def test_a_research_export_opens_with_its_password_and_not_without(filed, loket_user, export_dir):
    response, password, export = make(logged_in(loket_user), "research")

    path = export_dir / export.filename
    assert "no-store" in response["Cache-Control"]
    ((name, text),) = members(path, password).items()
    assert name.startswith("onderzoek-gent-")
    lines = text.strip().splitlines()
    assert lines[0].startswith("code,filed_month,postcode")
    assert len(lines) == 4
    codes = {line.split(",")[0] for line in lines[1:]}
    assert len(codes) == 3 and all(re.fullmatch(r"[0-9a-f]{10}", code) for code in codes)
    identities = ("Sofie", "Peeters", "voorbeeld.be", "0470", "Kortrijks", "90051712345")
    assert not any(identity in text for identity in identities)
    assert not any(request.reference in text for request in filed)
    # Without the password, or with another, the archive does not open.
    with pyzipper.AESZipFile(path) as archive:
        with pytest.raises(RuntimeError):
            archive.read(name)
        archive.setpassword(b"wrong-password")
        with pytest.raises(RuntimeError):
            archive.read(name)
    # AES-256: method 99 and WinZip's AE extra field (0x9901) with strength 3, as 7-Zip
    # reads it (checked in the raw bytes, not through the library that wrote them).
    raw = path.read_bytes()
    assert raw[:4] == b"PK\x03\x04" and int.from_bytes(raw[8:10], "little") == 99
    extra = raw.index(b"\x01\x99\x07\x00")
    assert raw[extra + 6 : extra + 8] == b"AE" and raw[extra + 8] == 3


def test_the_password_is_stored_nowhere(filed, loket_user):
    _response, password, _export = make(logged_in(loket_user), "research")

    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                assert password not in repr(row), table


def test_the_export_is_in_the_access_trail(filed, loket_user):
    make(logged_in(loket_user), "research")

    records = AccessRecord.objects.filter(purpose="export")
    assert records.count() == 3
    assert set(records.values_list("user", flat=True)) == {loket_user.pk}
    assert set(records.first().fields) == {
        "priority_rules",
        "care_plan",
        "child_birth_month",
        "postcode",
    }


def test_the_emergency_list_export_holds_the_familys_contact_data(filed, loket_user, export_dir):
    emergency.flag(filed[0], "dringend", loket_user)

    _response, password, export = make(logged_in(loket_user), "emergency_list")

    (text,) = members(export_dir / export.filename, password).values()
    assert filed[0].reference in text and "Peeters" in text and "dringend" in text
    assert filed[1].reference not in text
    assert "90051712345" not in text  # never the loket's to see
    assert AccessRecord.objects.filter(purpose="export").count() == 1


def test_only_its_maker_downloads_the_archive(filed, loket_user, region):
    _response, _password, export = make(logged_in(loket_user), "research")
    antwerpen = RegionFactory(
        name="Antwerpen", slug="antwerpen", municipalities=[municipality("11002")]
    )
    other = UserFactory(groups=[role(LOKET), antwerpen.loket_group])
    url = f"/admin/exports/{export.pk}/bestand/"

    mine = logged_in(loket_user).get(url)

    assert mine.status_code == 200 and mine["Content-Disposition"].startswith("attachment")
    assert b"".join(mine.streaming_content)[:2] == b"PK"
    assert logged_in(other).get(url).status_code == 404


def test_only_a_loket_makes_exports(filed, provider, communication_user):
    for user in (provider, communication_user):
        assert logged_in(user).get(PAGE).status_code == 404
        assert logged_in(user).post(PAGE, {"kind": "research"}).status_code == 404
    assert not Export.objects.exists()


def test_purge_exports_deletes_old_archives_and_is_idempotent(filed, loket_user, export_dir):
    _response, _password, old = make(logged_in(loket_user), "research")
    _response, _password, new = make(logged_in(loket_user), "research")
    Export.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=4))
    out = io.StringIO()

    call_command("purge_exports", "--dry-run", stdout=out)
    assert f"would delete export {old.pk}" in out.getvalue()
    assert (export_dir / old.filename).exists()

    call_command("purge_exports", stdout=out)
    call_command("purge_exports", stdout=out)

    old.refresh_from_db()
    assert old.purged_at is not None and old.filename == ""
    assert len(list(export_dir.iterdir())) == 1
    assert (export_dir / new.filename).exists()
    assert "1 exports deleted" in out.getvalue() and "0 exports deleted" in out.getvalue()
    assert logged_in(loket_user).get(f"/admin/exports/{old.pk}/bestand/").status_code == 404
