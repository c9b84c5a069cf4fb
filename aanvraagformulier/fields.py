"""Model fields that keep their value encrypted in the database (crypto.py).

A field class rather than encrypting in a form or a service: django-simple-history copies the
field class into the history table, so the historical rows hold ciphertext too, and no code
path (admin, shell, fixtures, a raw `.update()`) can write the plain value by forgetting.
"""

import json

from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):
    """Text stored as Fernet ciphertext; Python sees the plain text. Not filterable."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(str(value))


class EncryptedJSONField(models.TextField):
    """A JSON document stored as Fernet ciphertext (a form in progress holds personal data)."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return {}
        return json.loads(crypto.decrypt(value))

    def to_python(self, value):
        if isinstance(value, str):
            return json.loads(value) if value else {}
        return value

    def get_prep_value(self, value):
        if value is None:
            value = {}
        return crypto.encrypt(json.dumps(value, sort_keys=True))

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj))
