"""The national register number: encrypted at rest everywhere, history included; key rotation."""

import importlib
import sys

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from aanvraagformulier import crypto
from aanvraagformulier.models import ChildcareRequest

from .conftest import parent_data

pytestmark = pytest.mark.django_db

NUMBER = "85073003328"
NN = {"national_number": "85.07.30-033.28", "parent_birth_date": "1985-07-30"}


@pytest.fixture
def filed_with_number(filler, request_region, locations):
    request_region.asks_national_number = True
    request_region.save()
    filler.file([locations[0].pk], parent=parent_data(**NN))
    filed = ChildcareRequest.objects.get()
    filed.phone = "+32470999999"
    filed.save()  # a second history row
    return filed


def every_value_in_the_database():
    """Every text of every column of every table (history tables too)."""
    values = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            values.extend(str(cell) for row in cursor.fetchall() for cell in row)
    return values


def test_no_plain_national_number_in_any_column_of_any_table(filed_with_number):
    assert filed_with_number.national_number == NUMBER  # Python sees it
    assert ChildcareRequest.history.count() == 2
    for value in every_value_in_the_database():
        assert NUMBER not in value and "85.07.30" not in value
    history = ChildcareRequest.history.first()
    assert history.national_number == NUMBER  # the history decrypts too


def test_the_lookup_hash_is_keyed_and_not_the_secret_key(settings):
    first = crypto.lookup_hash(NUMBER)
    settings.SECRET_KEY = "something else entirely"
    assert crypto.lookup_hash(NUMBER) == first
    settings.OPVANGPUNT_LOOKUP_HASH_KEY = "another-key"
    assert crypto.lookup_hash(NUMBER) != first


def test_old_keys_decrypt_and_rotation_reencrypts(filed_with_number, settings):
    old = settings.OPVANGPUNT_FIELD_ENCRYPTION_KEYS[0]
    new = Fernet.generate_key().decode()
    settings.OPVANGPUNT_FIELD_ENCRYPTION_KEYS = [new, old]

    assert ChildcareRequest.objects.get().national_number == NUMBER
    call_command("rotate_request_keys", verbosity=0)

    settings.OPVANGPUNT_FIELD_ENCRYPTION_KEYS = [new]
    assert ChildcareRequest.objects.get().national_number == NUMBER
    assert ChildcareRequest.history.filter(national_number__isnull=False).count() == 2
    assert all(row.national_number == NUMBER for row in ChildcareRequest.history.all())


def test_a_wrong_key_cannot_read_the_number(filed_with_number, settings):
    settings.OPVANGPUNT_FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]

    with pytest.raises(crypto.InvalidToken):
        ChildcareRequest.objects.get()


def test_missing_keys_are_a_configuration_error(settings):
    settings.OPVANGPUNT_FIELD_ENCRYPTION_KEYS = []
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt("x")
    settings.OPVANGPUNT_LOOKUP_HASH_KEY = ""
    with pytest.raises(ImproperlyConfigured):
        crypto.lookup_hash("x")


@pytest.mark.parametrize(
    "missing", ["OPVANGPUNT_FIELD_ENCRYPTION_KEYS", "OPVANGPUNT_LOOKUP_HASH_KEY"]
)
def test_production_refuses_to_start_without_the_keys(monkeypatch, missing):
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("ALLOWED_HOSTS", "opvangpunt.example")
    monkeypatch.setenv("OPVANGPUNT_FIELD_ENCRYPTION_KEYS", Fernet.generate_key().decode())
    monkeypatch.setenv("OPVANGPUNT_LOOKUP_HASH_KEY", "k")
    monkeypatch.delenv(missing)
    for name in ("portal.settings.production", "portal.settings.base"):
        sys.modules.pop(name, None)
    try:
        with pytest.raises(ImproperlyConfigured, match=missing):
            importlib.import_module("portal.settings.production")
    finally:
        for name in ("portal.settings.production", "portal.settings.base"):
            sys.modules.pop(name, None)
    assert apps.ready
