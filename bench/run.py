"""Benchmark runner: `python -m bench.run [--locations 8000] [--repeat 50] [--reuse-db]`.

Times views in process through the full middleware stack (django.test.Client), compares each
with a floor view measured in the same run, measures a gunicorn worker's peak memory, writes
bench/results.json and prints it as a table. See bench/README.md for what each figure means.
"""

import argparse
import contextlib
import gc
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import django

from bench.retention import figure as retention_figure

# Always the bench settings, even when the Makefile exports the development ones.
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

WARMUP = 5
QUERY_SAMPLES = 3
MEMORY_REQUESTS = 2000
BENCH_DIR = Path(__file__).resolve().parent
FLOOR_PATH = "/__bench__/floor/"
PROVIDER_USERNAME = "bench-provider"
STOCK_SEARCH_PATH = "/__bench__/stock-search/?query=kinderdagverblijf"
# The search: a text query, a municipality with its buurgemeenten, two filters
# (type of care, availability) and sorted by distance from a postcode.
SEARCH_QUERY = (
    "q=kinderdagverblijf&gemeente=gent&buurgemeenten=on&type=group&beschikbaar=vanaf"
    "&postcode=9000&sorteer=afstand"
)
# What most parents do: no text, a place (Gent with its buurgemeenten), two filters, sorted by
# distance from a postcode.
SEARCH_PLACE_QUERY = (
    "gemeente=gent&buurgemeenten=on&type=group&beschikbaar=vanaf&postcode=9000&sorteer=afstand"
)
LOKET_USERNAME = "bench-loket"
# Production's background work (deploy/env.example: TASKS_BACKEND=database): a view that mails
# writes the messages and their task in its transaction; a run_worker process delivers them,
# outside the request. request_submit is timed with it (the bench runs no worker).
PRODUCTION_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


FIGURES = (
    "fiche",
    "fiche_cached",
    "home",
    "home_cached",
    "stock_search",
    "search",
    "search_place",
    "search_name",
    "search_cached",
    "search_map",
    "admin_explorer_provider",
    "admin_explorer_loket",
    "request_submit",
    "admin_floor",
    "backoffice_list",
    "backoffice_detail",
    "figures_dashboard",
    "worker_memory",
    "anonymise_100k",
)
BACKOFFICE = ("backoffice_list", "backoffice_detail")
# Admin pages given a `ratio_to_admin_floor`: their cost beyond the admin's chrome.
ADMIN_PAGES = (*BACKOFFICE, "figures_dashboard")
# The cheapest admin page a verified staff user gets (bench/urls.py): the admin's own cost.
ADMIN_FLOOR_PATH = "/admin/__bench__/floor/"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--locations", type=int, default=8000, help="fiches in the bench DB")
    parser.add_argument("--repeat", type=int, default=50, help="timed requests per figure")
    parser.add_argument("--skip-memory", action="store_true", help="no gunicorn memory figure")
    parser.add_argument(
        "--reuse-db",
        action="store_true",
        help="keep the bench database when it already has at least --locations fiches",
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=FIGURES,
        help="time only this figure (repeatable; the floor is always timed); "
        "the default --output is then var/bench-partial.json, not results.json",
    )
    parser.add_argument(
        "--postgresql",
        action="store_true",
        help="the database is PostgreSQL (make bench-pg): write the figures under the "
        "`postgresql` key of the output, keeping the SQLite figures at the top level",
    )
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.output is None:
        partial = BENCH_DIR.parent / "var" / "bench-partial.json"
        args.output = partial if args.only else BENCH_DIR / "results.json"
    if args.locations < 1 or args.repeat < 2:
        parser.error("--locations must be positive and --repeat at least 2")
    return args


# -- The database -----------------------------------------------------------------------------


def location_count():
    from opvanglocaties.models import LocationPage

    return LocationPage.objects.count()


def prepare_database(locations, reuse):
    """Migrate the bench database and seed it, unless --reuse-db finds enough fiches.

    A fresh SQLite database is a new file. Another database (BENCH_DATABASE_URL) is never
    dropped by the bench: it must be empty, or already hold enough fiches with --reuse-db.
    """
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    database = settings.DATABASES["default"]
    is_sqlite = database["ENGINE"] == "django.db.backends.sqlite3"
    sqlite_file = Path(database["NAME"]) if is_sqlite else None
    migrate = {"interactive": False, "verbosity": 0}
    if reuse and (not is_sqlite or sqlite_file.exists()):
        # Migrating an existing database is a no-op unless the code gained migrations.
        call_command("migrate", **migrate)
        count = location_count()
        if count >= locations:
            from core.provisioning import refresh_statistics

            refresh_statistics()  # a database seeded before seed_demo did this itself
            print(f"Reusing the bench database: {count} locations.", file=sys.stderr)
            return count
    if is_sqlite:
        connection.close()
        sqlite_file.parent.mkdir(parents=True, exist_ok=True)
        sqlite_file.unlink(missing_ok=True)
    call_command("migrate", **migrate)
    if location_count():
        raise SystemExit(
            f"{database['NAME']} already holds locations: give the bench an empty database "
            "(or enough locations and --reuse-db)."
        )
    print(f"Seeding {locations} locations (a few minutes for 8,000)...", file=sys.stderr)
    log_file = BENCH_DIR.parent / "var" / "bench-seed.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    # seed_demo talks a lot; its output goes to a log file, not the terminal.
    with open(log_file, "w") as log:
        call_command("seed_demo", locations=locations, force=True, stdout=log)
    print(f"Seeded in {time.monotonic() - started:.0f} s (log: {log_file}).", file=sys.stderr)
    return location_count()


def bench_user(username, groups):
    """A user with exactly these groups (created on first use); no password is needed."""
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@bench.invalid"}
    )
    user.groups.set(groups)
    return user


def search_page(home):
    """The site's search page (a bench database seeded before it existed gets one)."""
    from search.models import SearchPage
    from search.provisioning import ensure_search_page

    ensure_search_page(home)
    return SearchPage.objects.child_of(home).get()


def rare_title_word(fiches):
    """A word of a fiche's name that few names hold (what a parent types to find a place
    by name): of the first 40 fiches' title words of five letters or more, the one in the
    fewest titles, ties to the first."""
    from search.filters import words

    best = None
    for title in fiches.values_list("title", flat=True)[:40]:
        for word in words(title).split():
            if len(word) < 5:
                continue
            count = fiches.filter(title__icontains=word).count()
            if best is None or count < best[0]:
                best = (count, word)
    if best is None:
        raise SystemExit("no fiche name has a word of five letters or more")
    return best[1]


class Targets:
    """What the figures request: the site's host, fixed pages, and the two admin users."""

    def __init__(self):
        from django.contrib.auth.models import Group
        from django.db.models import Count

        from core.roles import LOCATION_GROUP, LOKET
        from opvanglocaties.models import LocationIndexPage, LocationPage, Organiser, Region

        # The index with the most fiches is the seeded Flanders one; requests name its site's
        # host (a bench database seeded before setup_region kept Wagtail's welcome site as
        # the default).
        self.index = LocationIndexPage.objects.order_by("-numchild", "pk").first()
        site = self.index.get_site()
        self.host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
        fiches = LocationPage.objects.descendant_of(self.index).live().order_by("pk")
        self.fiche_path = self.path(fiches.first())
        self.fiche_paths = [self.path(page) for page in fiches[:: max(1, fiches.count() // 200)]]
        self.home_path = self.path(site.root_page)
        self.index_path = self.path(self.index)
        self.explorer_path = f"/admin/pages/{self.index.pk}/"
        search_path = self.path(search_page(site.root_page))
        self.search_path = f"{search_path}?{SEARCH_QUERY}"
        self.search_place_path = f"{search_path}?{SEARCH_PLACE_QUERY}"
        # The results map's data for that search: every match, not a page of twenty.
        self.search_map_path = f"/kaart/opvanglocaties.json?{SEARCH_PLACE_QUERY}"
        self.name_word = rare_title_word(fiches)
        self.search_name_path = f"{search_path}?{urlencode({'q': self.name_word})}"
        organiser = Organiser.objects.annotate(n=Count("locations")).order_by("-n", "pk").first()
        self.organiser_locations = organiser.n
        # Wagtail sends a provider who opens the index on to the part of the tree it may
        # work in, its organiser's folder: that listing is what a provider waits for.
        folder = organiser.folders.filter(path__startswith=self.index.path).first()
        self.provider_explorer_path = f"/admin/pages/{folder.pk}/"
        self.provider = bench_user(
            PROVIDER_USERNAME, [Group.objects.get(name=LOCATION_GROUP), organiser.group]
        )
        # A loket works in its region's pages (the region's loket group gives the rights).
        region = Region.objects.for_site(site)
        self.loket = bench_user(LOKET_USERNAME, [Group.objects.get(name=LOKET), region.loket_group])
        # Three fiches of the site that take requests, for the request form's figure.
        self.request_location_ids = list(
            fiches.filter(accepts_requests=True).values_list("pk", flat=True)[:3]
        )

    def path(self, page):
        """The page's path on its own site (page.url would be absolute with several sites)."""
        return page.get_url_parts()[2]


# -- In-process timing ------------------------------------------------------------------------


def get(client, path):
    """One GET through the full middleware stack; anything but a 200 stops the bench."""
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"GET {path} answered {response.status_code}, expected 200")
    return response


def measure(client, path, repeat, *, expect_cache_hit=False):
    """Median and 95th percentile (ms) of `repeat` timed GETs after WARMUP untimed ones.

    Queries are counted as assertNumQueries counts them (BEGIN and COMMIT of the request's
    transaction included), on QUERY_SAMPLES extra requests after the timed ones: the debug
    cursor that counting needs quotes every parameter with an extra SQLite call, so it stays
    out of the timed requests.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _warmup in range(WARMUP):
        get(client, path)
    gc.collect()  # the previous figure's garbage is not this figure's cost
    samples = []
    for _repetition in range(repeat):
        started = time.perf_counter_ns()
        response = get(client, path)
        samples.append((time.perf_counter_ns() - started) / 1e6)
        if expect_cache_hit and response.get("X-Page-Cache") != "hit":
            raise SystemExit(f"GET {path} did not come from the page cache")
    query_counts = set()
    for _sample in range(QUERY_SAMPLES):
        with CaptureQueriesContext(connection) as queries:
            get(client, path)
        query_counts.add(len(queries))
    if len(query_counts) > 1:
        print(
            f"note: {path} ran {sorted(query_counts)} queries; reporting the max", file=sys.stderr
        )
    return {
        "median_ms": round(statistics.median(samples), 3),
        "p95_ms": round(statistics.quantiles(samples, n=20)[18], 3),
        "queries": max(query_counts),
    }


def timed_figures(targets, repeat, only=None):
    """Every in-process figure (or those in `only`), the floor first; ratios are against this
    run's floor."""
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import override_settings

    cache.clear()
    cached_seconds = settings.PAGE_CACHE_SECONDS or 600

    def anonymous():
        # A fresh client per figure: no cookie from an earlier figure changes the path taken.
        return Client(HTTP_HOST=targets.host)

    def logged_in(user):
        # The admin asks every staff member for the second factor (core/twofactor.py): the
        # explorer figures pass it, as the back-office figures do.
        from .backoffice import verified

        return verified(anonymous(), user)

    explorer = targets.explorer_path
    plan = [
        ("floor", anonymous, FLOOR_PATH, False),
        ("fiche", anonymous, targets.fiche_path, False),
        ("fiche_cached", anonymous, targets.fiche_path, True),
        ("home", anonymous, targets.home_path, False),
        ("home_cached", anonymous, targets.home_path, True),
        ("stock_search", anonymous, STOCK_SEARCH_PATH, False),
        ("search", anonymous, targets.search_path, False),
        ("search_place", anonymous, targets.search_place_path, False),
        ("search_name", anonymous, targets.search_name_path, False),
        ("search_cached", anonymous, targets.search_path, True),
        ("search_map", anonymous, targets.search_map_path, False),
        (
            "admin_explorer_provider",
            lambda: logged_in(targets.provider),
            targets.provider_explorer_path,
            False,
        ),
        ("admin_explorer_loket", lambda: logged_in(targets.loket), explorer, False),
    ]
    if not only or set(BACKOFFICE) & set(only) or "admin_floor" in only:
        from .backoffice import prepare, verified

        prepare(targets)
        plan.append(
            (
                "admin_floor",
                lambda: verified(anonymous(), targets.requests_loket),
                ADMIN_FLOOR_PATH,
                False,
            )
        )
        plan += [
            (name, lambda: verified(anonymous(), targets.requests_loket), path, False)
            for name, path in zip(
                BACKOFFICE,
                (targets.backoffice_list_path, targets.backoffice_detail_path),
                strict=True,
            )
        ]
    if not only or "figures_dashboard" in only:
        # The loket's figures over 100,000 generated requests (bench/figures.py).
        from bench import figures
        from bench.backoffice import verified as verified_client

        figures_loket, figures_path = figures.prepare()
        plan.append(
            (
                "figures_dashboard",
                lambda: verified_client(anonymous(), figures_loket),
                figures_path,
                False,
            )
        )
    if only:
        plan = [step for step in plan if step[0] == "floor" or step[0] in only]
    results = {}
    for name, make_client, path, page_cache in plan:
        # Uncached figures switch the page cache off; cached ones fill it during the warm-ups.
        with override_settings(PAGE_CACHE_SECONDS=cached_seconds if page_cache else 0):
            results[name] = measure(make_client(), path, repeat, expect_cache_hit=page_cache)
        if name != "floor":
            results[name]["ratio_to_floor"] = round(
                results[name]["median_ms"] / results["floor"]["median_ms"], 2
            )
        print(f"  {name}: {results[name]['median_ms']} ms", file=sys.stderr)
    if "search" in results and "stock_search" in results:
        results["search"]["ratio_to_stock_search"] = round(
            results["search"]["median_ms"] / results["stock_search"]["median_ms"], 2
        )
    if "admin_floor" in results:
        # What a back-office page costs beyond the admin's chrome (bench/README.md).
        for name in ADMIN_PAGES:
            if name in results:
                results[name]["ratio_to_admin_floor"] = round(
                    results[name]["median_ms"] / results["admin_floor"]["median_ms"], 2
                )
    if only and "request_submit" not in only:
        return results
    with override_settings(TASKS=PRODUCTION_TASKS):
        results["request_submit"] = measure_submit(targets, repeat, anonymous)
    results["request_submit"]["ratio_to_floor"] = round(
        results["request_submit"]["median_ms"] / results["floor"]["median_ms"], 2
    )
    print(f"  request_submit: {results['request_submit']['median_ms']} ms", file=sys.stderr)
    return results


def ready_to_send(make_client, location_ids, number):
    """A fresh parent whose form reached the review; returns (client, send data)."""
    from django.utils import timezone

    from .request_flow import TOKEN, steps

    client = make_client()
    for path, data in steps(location_ids, number, timezone.localdate()):
        response = client.post(path, data)
        if response.status_code != 302:
            raise SystemExit(f"POST {path} answered {response.status_code}, expected 302")
    review = get(client, "/aanvragen/stap/nakijken/").content.decode()
    return client, {"token": TOKEN.search(review).group(1)}


def send(client, data):
    response = client.post("/aanvragen/verstuur/", data)
    if response.status_code != 302 or response["Location"] != "/aanvragen/verzonden/":
        raise SystemExit(f"the final submit answered {response.status_code}, expected 302")


def measure_submit(targets, repeat, make_client):
    """The final submit of a full request for three locations (one transaction: the request,
    its rows and consents, the mails queued), timed alone: the steps before it are not."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ids = targets.request_location_ids
    parents = iter(range(10**6))
    for _warmup in range(WARMUP):
        send(*ready_to_send(make_client, ids, next(parents)))
    gc.collect()
    samples = []
    for _repetition in range(repeat):
        client, data = ready_to_send(make_client, ids, next(parents))
        started = time.perf_counter_ns()
        send(client, data)
        samples.append((time.perf_counter_ns() - started) / 1e6)
    query_counts = set()
    for _sample in range(QUERY_SAMPLES):
        client, data = ready_to_send(make_client, ids, next(parents))
        with CaptureQueriesContext(connection) as queries:
            send(client, data)
        query_counts.add(len(queries))
    return {
        "median_ms": round(statistics.median(samples), 3),
        "p95_ms": round(statistics.quantiles(samples, n=20)[18], 3),
        "queries": max(query_counts),
    }


# -- Worker memory ----------------------------------------------------------------------------


def free_port():
    with contextlib.closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def worker_pids(master_pid):
    """The gunicorn master's children (its workers), from /proc."""
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                # Field 4 of /proc/<pid>/stat is the parent pid; the name in (…) may hold spaces.
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == master_pid:
                    children.append(int(entry.name))
    return children


def peak_rss_mb(pid):
    """VmHWM: the highest resident set size the process ever had."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


def gunicorn_settings():
    from gunicorn.config import KNOWN_SETTINGS

    return {setting.name for setting in KNOWN_SETTINGS}


def fetch(base_url, host, path, timeout=30):
    request = urllib.request.Request(base_url + path, headers={"Host": host})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        response.read()
        return response.status


def mixed_paths(targets, count, rng):
    """`count` anonymous GETs as visitors spread them: fiches, lists, searches, home, login."""
    list_pages = max(1, -(-targets.index.numchild // targets.index.page_size))
    choices = [
        (45, lambda: rng.choice(targets.fiche_paths)),
        (20, lambda: f"{targets.index_path}?pagina={rng.randint(1, list_pages)}"),
        (15, lambda: targets.search_path),
        (15, lambda: targets.home_path),
        (5, lambda: "/admin/login/"),
    ]
    makers = rng.choices([maker for _weight, maker in choices], [w for w, _m in choices], k=count)
    return [make() for make in makers]


def worker_memory(targets, requests=MEMORY_REQUESTS):
    """Peak RSS (MB) of one gunicorn worker (bench settings) after `requests` mixed GETs."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_file = BENCH_DIR.parent / "var" / "bench-gunicorn.log"
    command = [
        *(sys.executable, "-m", "gunicorn", "portal.wsgi:application"),
        *("--workers", "1", "--bind", f"127.0.0.1:{port}"),
        # The project's gunicorn.conf.py recycles workers every ~2,000 requests: not here.
        *("--max-requests", "0", "--access-logfile", os.devnull, "--error-logfile", log_file),
    ]
    if "control_socket_disable" in gunicorn_settings():
        # gunicorn 24+ opens a control socket in ~/.gunicorn, shared with any other server.
        command.append("--no-control-socket")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    master = subprocess.Popen(command, cwd=BENCH_DIR.parent, env=env)
    try:
        for _attempt in range(300):  # up to 30 s for the worker to boot
            if master.poll() is not None:
                raise SystemExit(f"gunicorn exited with {master.returncode}; see {log_file}")
            with contextlib.suppress(OSError):
                fetch(base_url, targets.host, FLOOR_PATH, timeout=2)
                break
            time.sleep(0.1)
        else:
            raise SystemExit(f"gunicorn did not answer within 30 s; see {log_file}")
        workers = worker_pids(master.pid)
        if len(workers) != 1:
            raise SystemExit(f"expected one gunicorn worker, found {workers}")
        for path in mixed_paths(targets, requests, random.Random(2026)):
            status = fetch(base_url, targets.host, path)
            if status != 200:
                raise SystemExit(f"GET {path} answered {status} from gunicorn")
        if worker_pids(master.pid) != workers:
            raise SystemExit("the gunicorn worker was replaced during the run")
        return {"peak_mb": round(peak_rss_mb(workers[0]), 1), "requests": requests}
    finally:
        master.terminate()
        try:
            master.wait(timeout=30)
        except subprocess.TimeoutExpired:
            master.kill()
            master.wait()


# -- Output -----------------------------------------------------------------------------------


def table(results):
    """The results as a plain-text table."""
    lines = [f"{'figure':<26}{'median ms':>11}{'p95 ms':>11}{'queries':>9}{'ratio':>8}"]
    for name, figure in results.items():
        if "median_ms" in figure:
            ratio = figure.get("ratio_to_floor", 1.0)
            lines.append(
                f"{name:<26}{figure['median_ms']:>11.3f}{figure['p95_ms']:>11.3f}"
                f"{figure['queries']:>9}{ratio:>8.2f}"
            )
        else:
            details = ", ".join(f"{key} {value}" for key, value in figure.items())
            lines.append(f"{name:<26}{details:>39}")
    return "\n".join(lines)


def write_results(output, results, *, postgresql=False, merge=True):
    """Write this run's figures into `output`, keeping the keys other runs wrote there.

    The SQLite figures sit at the top level, PostgreSQL's under `postgresql` and the HTTP
    load figures under `http` (bench/load_pages.py): each run replaces only its own part.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    merged = {}
    if merge and output.exists():
        merged = json.loads(output.read_text())
    if postgresql:
        merged["postgresql"] = results
    else:
        merged.update(results)
    output.write_text(json.dumps(merged, indent=2) + "\n")


def main(argv=None):
    args = parse_args(argv)
    # WhiteNoise warns at start-up when STATIC_ROOT is missing (no collectstatic here).
    (BENCH_DIR.parent / "var" / "bench-static").mkdir(parents=True, exist_ok=True)
    django.setup()
    count = prepare_database(args.locations, args.reuse_db)
    targets = Targets()
    print(
        f"Timing {args.repeat} requests per figure at {count} locations "
        f"(provider: {targets.organiser_locations} fiches; search_name: "
        f"{targets.name_word!r})...",
        file=sys.stderr,
    )
    results = timed_figures(targets, args.repeat, args.only)
    if not args.skip_memory and (not args.only or "worker_memory" in args.only):
        print(f"Serving {MEMORY_REQUESTS} mixed requests from gunicorn...", file=sys.stderr)
        results["worker_memory"] = worker_memory(targets)
    if not args.only or "anonymise_100k" in args.only:
        # Databases of its own (bench/retention.py): 10,000 and 100,000 closed requests.
        print("Anonymising 10,000 and 100,000 generated requests...", file=sys.stderr)
        results["anonymise_100k"] = retention_figure()
    # A partial run (--only) writes its own file afresh; a full run updates its part.
    write_results(args.output, results, postgresql=args.postgresql, merge=not args.only)
    print(f"\nbench at {count} locations -> {args.output}")
    print(table(results))


if __name__ == "__main__":
    main()
