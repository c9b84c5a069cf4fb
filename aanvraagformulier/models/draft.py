"""A request form in progress, saved after every step so a parent who loses the connection
resumes where they were.

Our own row rather than django-formtools' wizard: the form starts from any page (the block),
its locations step is a list with add, remove and reorder buttons rather than one form, and
the answers must be encrypted at rest like the request itself (they hold the national
number), which a session store would not do. The session only holds the draft's random key.
"""

import secrets

from django.db import models

from ..fields import EncryptedJSONField
from .base import PrivateModel


def new_key():
    return secrets.token_urlsafe(32)


class RequestDraft(PrivateModel):
    """The answers so far, per step, as the parent typed them (encrypted)."""

    key = models.CharField(max_length=64, unique=True, default=new_key, editable=False)
    # Issued with the form; the request it led to carries it (idempotent submit).
    idempotency_token = models.CharField(max_length=64, default=new_key, editable=False)
    region = models.ForeignKey(
        "opvanglocaties.Region", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # {"child": {...}, "parent": {...}, ...}: the POSTed values per step; "locations": [ids].
    data = EncryptedJSONField(default=dict)
    completed_steps = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    def __str__(self):
        return f"draft {self.pk}"

    def step_data(self, step):
        return self.data.get(step, {})

    @property
    def location_ids(self):
        return [int(pk) for pk in self.data.get("locations", [])]
