"""Building a region's website step by step: a registry the apps fill, two commands run it.

A region's site is made of parts that belong to different apps: a home page (`home`), a
Wagtail site (here), the region and its location index (`opvanglocaties`), a search page
(`search`), the privacy page and the provider-documents collection (`home`), and optionally a
first organiser with its folder. `core` cannot import those apps, so each app registers its
steps in its `AppConfig.ready()`; `setup_region` runs them in the order below, and `seed_demo`
runs each app's demo step, which builds its regions through `build_region` too.

Every step is idempotent (it looks for its part first and only adds what is missing; it never
overwrites what an editor changed) and honours `build.dry_run` (it records what it would do
and writes nothing). It records what it did on the build, which the command prints.
"""

import contextlib
import logging
import random
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils.module_loading import import_string
from django.utils.text import slugify
from django.utils.translation import pgettext_lazy

# The order in which a region's site is built: each step needs what the earlier ones made.
HOME_PAGE = 100  # home: the site's root page
SITE = 200  # core: the Wagtail Site, made the default instead of Wagtail's welcome site
REGION = 300  # opvanglocaties: the region and its municipalities
LOCATION_INDEX = 400  # opvanglocaties: the list of fiches, with the loket's rights
SEARCH_PAGE = 500  # search: /zoeken/
SITE_CONTENT = 600  # home: the privacy page and the provider-documents collection
ORGANISER = 700  # opvanglocaties: an organiser and its folder, when one is asked for

# The order of the demo: regions with fiches and accounts first, then each site's content.
DEMO_REGIONS = 100
DEMO_SITE_CONTENT = 200


class ProvisioningError(Exception):
    """The region cannot be built as asked; `messages` say why, for the person who asked."""

    def __init__(self, messages):
        self.messages = [str(message) for message in messages]
        super().__init__("\n".join(self.messages))


@dataclass(frozen=True)
class RegionSpec:
    """What a region's site should have: the options of `setup_region`.

    The slug (of the region and of its home page, which is how a second run finds them)
    defaults to the slugified name.
    """

    name: str
    hostname: str
    port: int = 443
    municipalities: tuple[str, ...] = ()
    slug: str = ""
    organiser: str = ""
    kbo_number: str = ""
    legal_form: str = "other"

    def __post_init__(self):
        object.__setattr__(self, "hostname", self.hostname.strip().lower())
        object.__setattr__(self, "municipalities", tuple(self.municipalities))
        object.__setattr__(self, "slug", self.slug or slugify(self.name))

    @property
    def address(self):
        """hostname:port, as people type it."""
        return f"{self.hostname}:{self.port}"


class Action:
    CREATED = "created"
    UPDATED = "updated"
    REMOVED = "removed"
    UNCHANGED = "unchanged"


# (action, dry run): the word that starts a line of the report.
ACTION_LABELS = {
    (Action.CREATED, False): pgettext_lazy("setup_region", "created"),
    (Action.UPDATED, False): pgettext_lazy("setup_region", "updated"),
    (Action.REMOVED, False): pgettext_lazy("setup_region", "removed"),
    (Action.UNCHANGED, False): pgettext_lazy("setup_region", "already there"),
    (Action.CREATED, True): pgettext_lazy("setup_region", "would create"),
    (Action.UPDATED, True): pgettext_lazy("setup_region", "would update"),
    (Action.REMOVED, True): pgettext_lazy("setup_region", "would remove"),
    (Action.UNCHANGED, True): pgettext_lazy("setup_region", "already there"),
}


@dataclass
class Change:
    """One line of the report: what happened (or would happen) to which part."""

    action: str
    what: str
    dry_run: bool = False

    def __str__(self):
        return f"{ACTION_LABELS[self.action, self.dry_run]}: {self.what}"


@dataclass
class RegionBuild:
    """A region's site while it is being built: the spec, what the steps found or made so far
    (the home page and the site, which later steps build on; both None in a dry run that
    would create them), and the report."""

    spec: RegionSpec
    dry_run: bool = False
    home_page: Any = None
    site: Any = None
    changes: list[Change] = field(default_factory=list)

    def record(self, action, what):
        self.changes.append(Change(action, str(what), self.dry_run))

    def created(self, what):
        self.record(Action.CREATED, what)

    def updated(self, what):
        self.record(Action.UPDATED, what)

    def removed(self, what):
        self.record(Action.REMOVED, what)

    def found(self, what):
        self.record(Action.UNCHANGED, what)

    @property
    def changed(self):
        """Whether the run changed (or, in a dry run, would change) anything."""
        return any(change.action != Action.UNCHANGED for change in self.changes)


@dataclass(frozen=True)
class Step:
    """A registered step, named by dotted paths so that registering imports nothing (web
    workers never load the demo code or factory_boy): `run(build)` builds the step's part;
    `check(spec)`, if given, lists what is wrong with the spec before anything is built."""

    order: int
    run_path: str
    check_path: str = ""

    def run(self, build):
        return import_string(self.run_path)(build)

    def check(self, spec):
        return import_string(self.check_path)(spec) if self.check_path else []


_region_steps: dict[str, Step] = {}
_demo_steps: dict[str, Step] = {}


def register_region_step(order, run, *, check=""):
    """Add a step to `setup_region` at `order` (one of the constants above).

    `run` and `check` are dotted paths to functions. Registering a path again replaces its
    step, so a `ready()` that runs twice does not make a step run twice.
    """
    _region_steps[run] = Step(order, run, check)


def register_demo_step(order, run):
    """Add an app's demo step to `seed_demo` at `order`: `run` is the dotted path of a function
    taking a DemoBuild."""
    _demo_steps[run] = Step(order, run)


def region_steps():
    """The registered region steps in the order they run."""
    return sorted(_region_steps.values(), key=lambda step: (step.order, step.run_path))


def demo_steps():
    """The registered demo steps in the order they run."""
    return sorted(_demo_steps.values(), key=lambda step: (step.order, step.run_path))


def check_region(spec):
    """Every problem the steps see in `spec`, before anything is built."""
    return [problem for step in region_steps() for problem in step.check(spec)]


def build_region(spec, *, dry_run=False):
    """Build (or complete) a region's site from `spec`; returns the RegionBuild with its report.

    One transaction: a step that fails leaves nothing half built. A dry run also runs in one
    and rolls it back, should a step write despite `dry_run`.
    """
    problems = check_region(spec)
    if problems:
        raise ProvisioningError(problems)
    build = RegionBuild(spec=spec, dry_run=dry_run)
    with transaction.atomic():
        for step in region_steps():
            step.run(build)
        if dry_run:
            transaction.set_rollback(True)
    return build


@dataclass
class DemoBuild:
    """What the demo steps share: a seeded random generator (the same demo for everyone),
    the host names and port of the demo sites, where to report, and, for the benchmark,
    a number of fiches to spread over Flanders instead of the demo regions."""

    rng: random.Random
    hostnames: tuple[str, ...] = ("127.0.0.1", "localhost")
    port: int = 8000
    benchmark_locations: int = 0
    stdout: Any = None

    def address(self, number):
        """(hostname, port) of the `number`-th demo region (counting from 0)."""
        if number < len(self.hostnames):
            return self.hostnames[number], self.port
        return f"region{number + 1}.localhost", self.port

    def say(self, message):
        if self.stdout is not None:
            self.stdout.write(message)


def build_demo(demo):
    """Run every app's demo step, in one transaction (seeding stays fast on SQLite)."""
    with transaction.atomic():
        for step in demo_steps():
            step.run(demo)
    refresh_statistics()


def refresh_statistics():
    """Let the database's query planner see the tables as they are after a bulk load.

    Without statistics SQLite joins the full-text index the wrong way round: a text search
    over 8,000 fiches took a second per query instead of milliseconds. PostgreSQL's
    autovacuum would get there later; ANALYZE gets there now.
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@contextlib.contextmanager
def quiet_wagtail_log():
    """Wagtail logs every page it creates and publishes: noise around a command's own report."""
    logger = logging.getLogger("wagtail")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)
