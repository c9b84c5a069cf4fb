"""Fixtures shared by the whole suite: a region's site tree and users for every role."""

import json

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Locale, Page, Site

from core.roles import COMMUNICATION, LOCATION_GROUP, LOKET
from opvanglocaties.permissions import grant_index_permissions, organiser_folder

from .factories import (
    HomePageFactory,
    LocationIndexPageFactory,
    LocationPageFactory,
    OrganiserFactory,
    RegionFactory,
    UserFactory,
)

# Fixtures of the search world, shared by tests/search and the browser tests.
pytest_plugins = ["tests.search.world"]


@pytest.fixture
def home_page(db):
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="gent")
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def region(home_page):
    region = RegionFactory()
    region.site = Site.objects.get(root_page=home_page)
    region.save()
    return region


@pytest.fixture
def location_index(home_page, region):
    index = LocationIndexPageFactory(parent=home_page)
    grant_index_permissions(index)
    return index


@pytest.fixture
def make_location(location_index):
    """Create a live fiche in its organiser's folder under the region's index."""

    def make(organiser=None, **kwargs):
        organiser = organiser or OrganiserFactory()
        folder = organiser_folder(location_index, organiser)
        return LocationPageFactory(parent=folder, organiser=organiser, **kwargs)

    return make


def role(name):
    return Group.objects.get(name=name)


@pytest.fixture
def loket_user(region):
    """The loket of the test region: the Loket role (admin, model rights) and its region's group."""
    return UserFactory(username="loket", groups=[role(LOKET), region.loket_group])


@pytest.fixture
def communication_user(db):
    return UserFactory(username="communicatie", groups=[role(COMMUNICATION)])


@pytest.fixture
def organiser(db):
    return OrganiserFactory(legal_name="Vzw De Speelvogel")


@pytest.fixture
def other_organiser(db):
    return OrganiserFactory(legal_name="Vzw Het Nestje")


@pytest.fixture
def provider(organiser):
    """Staff of an organiser (the location group role)."""
    return UserFactory(username="provider", groups=[role(LOCATION_GROUP), organiser.group])


@pytest.fixture(autouse=True)
def _clear_cache():
    """Tests share one process-wide local-memory cache: start each one empty."""
    cache.clear()


@pytest.fixture(autouse=True)
def _queued_mail(settings):
    """Django's test runner swaps EMAIL_BACKEND for locmem; put our queue back in front.

    Mail then takes the production path (queue, task, delivery backend) and still lands in
    django.core.mail.outbox through DELIVERY_EMAIL_BACKEND.
    """
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Dutch: a request in English must not leak into the next test's URLs."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


def logged_in(user):
    """A test client logged in as `user` (with the admin's second factor passed, as every
    `force_login` here does unless the test is marked `real_otp`)."""
    client = Client()
    client.force_login(user)
    return client


def verified_device(user):
    """A confirmed authenticator device of `user` for tests (made on first use)."""
    device = TOTPDevice.objects.filter(user=user, name="test", confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


@pytest.fixture(autouse=True)
def _second_factor_with_force_login(request, monkeypatch):
    """`client.force_login(user)` also passes the admin's second factor (core/twofactor.py).

    The many tests that use the admin as some role need not each go through the code page;
    the tests of the second factor itself opt out with `@pytest.mark.real_otp`.
    """
    if request.node.get_closest_marker("real_otp"):
        return
    force_login = Client.force_login

    def force_login_verified(self, user, backend=None):
        force_login(self, user, backend)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = verified_device(user).persistent_id
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login_verified)


def prepare_serialized_rollbacks(django_db_blocker):
    """Leave the database ready for the serialized rollback of the first browser test.

    Restoring the migrated data (Django's deserialize_db_from_string) goes wrong on top of
    what a transactional test without serialized rollback leaves behind: content types and
    permissions made anew by post_migrate, under other ids (unique constraints fail, and the
    content type cache points at the wrong models). It needs the content types in the cache
    too: building page and task objects looks theirs up, and creates missing ones. So: empty
    the database, put back the migrated content types, and let the cache reload them.
    """
    content_types = [
        ContentType(pk=row["pk"], **row["fields"])
        for row in json.loads(connection._test_serialized_contents)
        if row["model"] == "contenttypes.contenttype"
    ]
    with django_db_blocker.unblock():
        # Sequences stay where they are, past the restored ids (as in Django's own flushes).
        call_command(
            "flush",
            interactive=False,
            inhibit_post_migrate=True,
            reset_sequences=False,
            verbosity=0,
        )
        ContentType.objects.bulk_create(content_types)
    ContentType.objects.clear_cache()


def _is_transactional(request):
    names = request.fixturenames
    marker = request.node.get_closest_marker("django_db")
    return (
        "transactional_db" in names
        or "live_server" in names
        or "django_db_serialized_rollback" in names
        or bool(marker and marker.kwargs.get("transaction"))
    )


@pytest.fixture
def restore_migrated_data(django_db_blocker):
    """For a test whose threads need committed data (a serialized rollback): list it before
    the database fixtures, so that it is torn down after their flush, and it reloads what the
    migrations loaded (groups, locales, municipalities) for the tests after it."""
    yield
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _migrated_data_back(request, django_db_blocker):
    """Transactional tests end with a flush that empties every table, also what the
    migrations loaded (groups, locales, the root page, municipalities), and that makes the
    content types anew under other ids. Before a transactional test, put the migrated data
    back when it is gone, so no such test depends on running before another one."""
    if _is_transactional(request) and hasattr(connection, "_test_serialized_contents"):
        with django_db_blocker.unblock():
            gone = not Locale.objects.exists()
        if gone:
            prepare_serialized_rollbacks(django_db_blocker)
            with django_db_blocker.unblock():
                connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
            ContentType.objects.clear_cache()
    yield
