"""Re-encrypt every national register number (and forms in progress) under the first key.

Rotation: put the new key first in OPVANGPUNT_FIELD_ENCRYPTION_KEYS, keep the old one after
it, deploy, run this command, then drop the old key (docs/operations.md).
"""

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from aanvraagformulier import crypto
from aanvraagformulier.models import ChildcareRequest, RequestDraft

BATCH = 500


class Command(BaseCommand):
    help = "Re-encrypt encrypted request fields under the first configured key."

    def handle(self, *args, **options):
        counts = {}
        for model, field in (
            (ChildcareRequest, "national_number"),
            (ChildcareRequest.history.model, "national_number"),
            (RequestDraft, "data"),
        ):
            counts[model.__name__] = self.rotate(model, field)
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count} re-encrypted")

    def rotate(self, model, field):
        quote = connection.ops.quote_name
        column = quote(model._meta.get_field(field).column)
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        count = 0
        # Raw SQL: the field would decrypt on read and encrypt again under the first key,
        # which is the point, but a raw read also works for tokens of every older key.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {pk}, {column} FROM {table} WHERE {column} IS NOT NULL AND {column} <> ''"
            )
            for key, token in cursor.fetchall():
                cursor.execute(
                    f"UPDATE {table} SET {column} = %s WHERE {pk} = %s",
                    [crypto.rotate(token), key],
                )
                count += 1
        return count
