"""Browser tests: pytest-playwright (sync API) driving Debian's chromium against a live server.

pytest-playwright gives the `playwright`, `browser`, `context` and `page` fixtures and saves a
screenshot of a failed test (`--screenshot only-on-failure`, in test-artifacts/e2e; see
pyproject.toml). Here we only tell it which chromium to start, where the live server is, and
how Django's test database and Playwright's event loop get along. `scripts/install-e2e-deps.sh`
installs what these tests need (chromium, axe-core); without chromium they are skipped, so the
rest of the suite stays usable on any machine.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.servers.basehttp import WSGIServer
from django.db import connection
from django.test.testcases import LiveServerThread
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Site

from ..conftest import prepare_serialized_rollbacks
from .chromium import CHROMIUM_ARGS, CHROMIUM_PATH

E2E_DIR = Path(__file__).parent
BASE_DIR = E2E_DIR.parents[1]
AXE_PATH = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_URL = "/__e2e__/axe.min.js"  # answered by Playwright, never reaches the live server
PASSWORD = "secret-pass-123"  # tests.factories.UserFactory


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Mark the browser tests `e2e` and run them after every other test.

    Last, because from the first browser test on Playwright's event loop stays "running" in the
    main thread, and Django refuses database access there unless DJANGO_ALLOW_ASYNC_UNSAFE is
    set (see `playwright`); no other test should run in that state. trylast: after
    pytest-django has put database tests in its own order.
    """
    e2e, others = [], []
    for item in items:
        if item.path.is_relative_to(E2E_DIR):
            item.add_marker(pytest.mark.e2e)
            e2e.append(item)
        else:
            others.append(item)
    items[:] = others + e2e


class SequentialWSGIServer(WSGIServer):
    """Django's server without threads: each request in the live server's own thread, which
    holds the test database's connection already (LiveServerThread.run)."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session")
def _one_request_at_a_time_on_sqlite(django_db_setup):
    if connection.vendor == "sqlite":
        LiveServerThread.server_class = SequentialWSGIServer


@pytest.fixture(scope="session")
def live_server(_one_request_at_a_time_on_sqlite, live_server):
    """pytest-django's live server; on SQLite, one request at a time.

    The test database on SQLite is in memory, and the live server's request threads all share
    its one connection: two requests at once (a page and its script's /admin/jsi18n/) then
    break each other's savepoints ("no such savepoint"), the more often the busier the
    machine. Django's plain WSGIServer serves requests in turn (and closes each connection,
    as Django does for a server without threads). PostgreSQL keeps the threaded server.
    """
    return live_server


@pytest.fixture(scope="session")
def django_allows_playwright(django_db_setup):
    """Let Django's test database be used while Playwright's event loop runs in this thread.

    Playwright keeps an asyncio loop "running" in this thread from start to stop. Django then
    refuses queries (its async_unsafe guard), and asgiref hands this thread a new database
    connection object, without the copy of the migrated data that pytest-django keeps on the
    old one for serialized rollbacks. The tests share no connection with coroutines, so the
    guard may be off; only while Playwright runs, and the browser tests run last. Yields that
    copy of the migrated data.
    """
    if not os.access(CHROMIUM_PATH, os.X_OK):
        pytest.skip(
            f"chromium not found at {CHROMIUM_PATH}: run scripts/install-e2e-deps.sh "
            "(or set CHROMIUM_PATH)"
        )
    snapshot = getattr(connection, "_test_serialized_contents", None)
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield snapshot
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def playwright(django_allows_playwright, playwright, django_db_blocker):
    """pytest-playwright's Playwright (started after the guard is off), with the test
    database ready for serialized rollbacks on the connection this thread now has."""
    connection._test_serialized_contents = django_allows_playwright
    prepare_serialized_rollbacks(django_db_blocker)
    yield playwright
    connection.close()  # the new connection, before the test database is dropped


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's chromium, never a browser Playwright would download."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM_PATH, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, live_server):
    """Each test's tab: the live server as base URL, a desktop window, a Belgian locale."""
    return {
        **browser_context_args,
        "base_url": live_server.url,
        "viewport": {"width": 1280, "height": 900},
        "locale": "nl-BE",
    }


@pytest.fixture
def page(page, django_db_serialized_rollback):
    """A fresh browser tab (own cookies) on the live server.

    The live server reads the database from another thread (or connection), so the test data
    must be committed: a transactional database, emptied after each test. The serialized
    rollback puts back what the migrations loaded (groups, municipalities, the root page).
    """
    return page


@pytest.fixture
def live_site(home_page, live_server):
    """The region's Site, answering on the live server's host and port.

    Wagtail picks the Site by the request's host and builds full URLs from it; the `home_page`
    fixture made it for Django's test client (testserver:80).
    """
    url = urlsplit(live_server.url)
    site = Site.objects.get(root_page=home_page)
    site.hostname, site.port = url.hostname, url.port
    site.save()
    return site


def totp_code(key, device=None):
    """The code an authenticator app shows now for `key` (bytes), as django-otp checks it."""
    totp = TOTP(key, **({} if device is None else {"step": device.step, "t0": device.t0}))
    return f"{totp.token():06d}"


def submit_code(page, code):
    """Fill in and send the code on a two-factor page (not the page's logout form)."""
    page.fill("input[name=token]", code)
    page.locator("form:has(input[name=token]) button[type=submit]").click()


@pytest.fixture
def login_as():
    """`login_as(page, user)`: log in through the admin's login form and the code page, with
    a code from an authenticator device made for the user; returns the page."""

    def login(page, user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        device = device or TOTPDevice.objects.create(user=user, name="e2e", confirmed=True)
        page.goto("/admin/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r"/admin/2fa/code/"))
        submit_code(page, totp_code(device.bin_key, device))
        page.wait_for_url(re.compile(r"/admin/$"))
        return page

    return login


@pytest.fixture
def axe():
    """`axe(page)`: run axe-core on the page as it is now; returns the list of violations."""
    if not AXE_PATH.exists():
        pytest.skip(f"{AXE_PATH} is missing: run scripts/install-e2e-deps.sh")

    def run(page):
        # A message still fading in (Wagtail's success messages) has, mid-animation, a
        # colour that fails contrast: judge the page once its animations have finished.
        page.evaluate(
            "Promise.all(document.getAnimations()"
            ".filter((a) => a.effect && a.effect.getComputedTiming().iterations !== Infinity)"
            ".map((a) => a.finished.catch(() => null)))"
        )
        # add_script_tag(path=...) would inline the script, which the public pages' CSP
        # (script-src 'self') rightly blocks: serve it as a same-origin file instead.
        page.route(AXE_URL, lambda route: route.fulfill(path=AXE_PATH))
        page.add_script_tag(url=AXE_URL)
        return page.evaluate("axe.run()")["violations"]

    return run
