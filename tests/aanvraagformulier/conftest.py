"""The request form's world: a region with rules, fiches, and a client that fills in steps."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from opvanglocaties.models import PriorityRule

from ..factories import municipality

TODAY = timezone.localdate


def in_months(months, day=1):
    today = timezone.localdate()
    month_index = today.month - 1 + months
    return datetime.date(today.year + month_index // 12, month_index % 12 + 1, day)


@pytest.fixture
def request_region(region):
    """The test region with the decree's priority rules."""
    region.request_priority_rules.set(PriorityRule.objects.all())
    return region


@pytest.fixture
def locations(request_region, make_location):
    """Three live fiches in Gent, taking requests."""
    return [make_location(title=f"Kinderdagverblijf {name}") for name in ("Aster", "Beuk", "Ceder")]


def child_data(**overrides):
    data = {
        "child_status": "born",
        "child_birth_date": (timezone.localdate() - datetime.timedelta(days=120)).isoformat(),
        "start_date": in_months(3).isoformat(),
        "end_date": "",
        "care_0": "full",
        "care_1": "full",
        "care_2": "half",
        "care_3": "",
        "care_4": "",
    }
    data.update(overrides)
    return data


def parent_data(**overrides):
    data = {
        "parent_first_name": "Sofie",
        "parent_last_name": "Peeters",
        "partner_name": "",
        "email": "sofie.peeters@voorbeeld.be",
        "phone": "0470 12 34 56",
        "street": "Kortrijksesteenweg",
        "house_number": "10",
        "postcode": "9000",
        "parent_birth_date": "1990-05-17",
    }
    data.update(overrides)
    return data


def priority_data(**overrides):
    data = {"rules": ["werk-of-opleiding"], "declaration": "on"}
    data.update(overrides)
    return data


def consent_data(**overrides):
    data = {"processing": "on"}
    data.update(overrides)
    return data


class FormFiller:
    """Walks the real URLs of the form with Django's test client.

    Mail is queued in the request's transaction and delivered after its commit: pass
    pytest-django's `django_capture_on_commit_callbacks` to have that happen in a test.
    """

    def __init__(self, client, on_commit=None):
        self.client = client
        self.on_commit = on_commit

    def step(self, slug, data):
        return self.client.post(f"/aanvragen/stap/{slug}/", data)

    def start(self, location_ids, **child):
        data = child_data(**child)
        data["locaties"] = ",".join(str(pk) for pk in location_ids)
        response = self.step("kind", data)
        assert response.status_code == 302, response.content.decode()[:3000]
        return response

    def through_consent(self, location_ids, *, parent=None, priority=None, consent=None):
        self.start(location_ids)
        for slug, data in (
            ("locaties", {"action": "next"}),
            ("ouder", parent or parent_data()),
            ("voorrang", priority or priority_data()),
            ("toestemming", consent or consent_data()),
        ):
            response = self.step(slug, data)
            assert response.status_code == 302, (slug, response.content.decode()[:3000])
        return response

    def token(self):
        html = self.client.get("/aanvragen/stap/nakijken/").content.decode()
        return re.search(r'name="token" value="([^"]+)"', html).group(1)

    def send(self, token=None):
        token = token or self.token()
        if self.on_commit is None:
            return self.client.post("/aanvragen/verstuur/", {"token": token})
        with self.on_commit(execute=True):
            return self.client.post("/aanvragen/verstuur/", {"token": token})

    def file(self, location_ids, **kwargs):
        self.through_consent(location_ids, **kwargs)
        response = self.send()
        assert response.status_code == 302 and response["Location"] == "/aanvragen/verzonden/", (
            response.status_code,
            response.get("Location"),
        )
        return response


@pytest.fixture
def filler(client, django_capture_on_commit_callbacks):
    return FormFiller(client, django_capture_on_commit_callbacks)


@pytest.fixture
def new_filler(django_capture_on_commit_callbacks):
    """A filler in a browser of its own (another parent)."""
    return lambda: FormFiller(Client(), django_capture_on_commit_callbacks)


def private_link_from_mail(to):
    """The private link in the last mail to `to` (path only)."""
    for message in reversed(mail.outbox):
        if to in message.to:
            match = re.search(r"https?://[^/\s]+(/aanvraag/[^\s]+/)", message.body)
            if match:
                return match.group(1)
    raise AssertionError(f"no private link mailed to {to}")


def gent():
    return municipality("44021")
