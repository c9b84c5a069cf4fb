"""What the provider reads in the request list and the detail view: days as dates, care
parts in words (found while taking the guides' screenshots, docs/guides/provider-requests.md)."""

import datetime

import pytest
from django.utils import timezone

from ..conftest import logged_in
from ..factories import OrganiserFactory
from .backoffice import make_request, staff_of

pytestmark = pytest.mark.django_db


def test_the_list_shows_the_start_date_and_the_due_date_as_dates(region, make_location):
    mine = OrganiserFactory()
    here = make_location(organiser=mine)
    filed = make_request(region, [here], start_date=datetime.date(2027, 1, 4))
    due = timezone.localdate() + datetime.timedelta(days=14)

    html = logged_in(staff_of(mine)).get("/admin/aanvragen/").content.decode()

    # Not "Zojuist" ("just now"), which Wagtail's DateColumn says of every day to come.
    assert '<time datetime="2027-01-04">04/01/2027</time>' in html
    assert f'<time datetime="{due:%Y-%m-%d}">{due:%d/%m/%Y}</time>' in html
    assert filed.reference in html


def test_the_detail_names_the_care_parts_in_the_users_language(region, make_location):
    mine = OrganiserFactory()
    here = make_location(organiser=mine)
    filed = make_request(region, [here], care_parts={"0": "full", "2": "half"})
    row = filed.locations.get()

    html = logged_in(staff_of(mine)).get(f"/admin/aanvragen/{row.pk}/").content.decode()

    assert "04/01/2027: ma volle dag, wo halve dag" in html
