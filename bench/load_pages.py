"""HTTP figures: requests per second and p95 of three pages served by gunicorn.

    python -m bench.load_pages                      # the bench database, 8 s per figure
    python -m bench.load_pages --seconds 20 --output var/http.json

Starts gunicorn with the project's `gunicorn.conf.py` (its worker count: twice the cores plus
one) and the bench settings (`bench.settings`: the bench database, `BENCH_DATABASE_URL` for
PostgreSQL), twice: once with the anonymous page cache on (`fiche_cached`) and once with it off
(`PAGE_CACHE_SECONDS=0`: `fiche` and `search_place`). Each figure is loaded over loopback by
asyncio and httpx with 1 and with 8 connections at once, each connection sending its next
request as soon as the previous one answered, for `--seconds` after a warm-up that fills every
worker's cache. Any answer but 200 stops the run. The figures go under the `http` key of the
output (bench/results.json by default), keeping the other keys.
"""

import argparse
import asyncio
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import django
import httpx

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

BENCH_DIR = Path(__file__).resolve().parent
BASE_DIR = BENCH_DIR.parent
CONNECTIONS = (1, 8)
WARMUP_REQUESTS = 40  # spread over the workers: every one of them has filled its cache


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.load_pages", description=__doc__)
    parser.add_argument("--seconds", type=float, default=8, help="load per figure and width")
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "results.json")
    return parser.parse_args(argv)


def free_port():
    with contextlib.closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(page_cache_seconds):
    """gunicorn with the project's gunicorn.conf.py on a free loopback port; yields its URL."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "PAGE_CACHE_SECONDS": str(page_cache_seconds),
        # No recycling: each worker's page cache here is its own memory (production's is
        # shared), so a worker gunicorn restarts after `max_requests` would answer from an
        # empty cache, and its restart (importing the project) would be timed too. At 600
        # cached requests a second the timed part reached 2,000 per worker: ten restarts.
        "GUNICORN_MAX_REQUESTS": "0",
    }
    log_path = BASE_DIR / "var" / "bench-http-gunicorn.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "gunicorn", "portal.wsgi:application"]
    command += ["--config", str(BASE_DIR / "gunicorn.conf.py"), "--access-logfile", os.devnull]
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=log)
        try:
            for _attempt in range(240):
                if process.poll() is not None:
                    raise SystemExit(f"gunicorn exited with {process.returncode}; see {log_path}")
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                    break
                time.sleep(0.25)
            else:
                raise SystemExit(f"gunicorn did not start; see {log_path}")
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


async def load(base_url, host, path, connections, seconds, expect_hit):
    """`connections` loops, each sending GET `path` after the last answer, for `seconds`."""
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    latencies = []
    unexpected = []  # X-Page-Cache answers of timed requests that were not the expected one
    async with httpx.AsyncClient(
        base_url=base_url, headers={"Host": host}, limits=limits, timeout=60
    ) as client:

        async def one(check=True):
            started = time.perf_counter()
            response = await client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise SystemExit(f"GET {path} answered {response.status_code}")
            hit = response.headers.get("X-Page-Cache") == "hit"
            if check and expect_hit is not None and hit != expect_hit:
                unexpected.append(response.headers.get("X-Page-Cache"))
            return elapsed, hit

        # The warm-up fills every worker's page cache: misses are expected there. Which
        # worker answers is the kernel's choice, and an idle one may get nothing for a while:
        # a cached figure warms up until WARMUP_REQUESTS answers in a row were hits.
        in_a_row, sent = 0, 0
        while sent < WARMUP_REQUESTS or (expect_hit and in_a_row < WARMUP_REQUESTS):
            if sent > 50 * WARMUP_REQUESTS:
                raise SystemExit(f"GET {path}: still page cache misses after {sent} requests")
            answers = await asyncio.gather(*(one(check=False) for _ in range(connections)))
            sent += connections
            for _elapsed, hit in answers:
                in_a_row = in_a_row + 1 if hit else 0
        deadline = time.perf_counter() + seconds
        started = time.perf_counter()

        async def loop():
            while time.perf_counter() < deadline:
                latencies.append((await one())[0])

        await asyncio.gather(*(loop() for _ in range(connections)))
        elapsed = time.perf_counter() - started
    if unexpected:
        return None  # a worker's cache was still cold: `measure` warms up and times again
    return {
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "p95_ms": round(statistics.quantiles(latencies, n=20)[18], 2),
        "median_ms": round(statistics.median(latencies), 2),
        "requests": len(latencies),
    }


def measure(base_url, host, path, connections, seconds, expect_hit, attempts=5):
    """`load`, again while a timed request did not come from the page cache as expected.

    Which worker answers is the kernel's choice: with sync workers one may get no request
    through a whole warm-up and answer its first from an empty cache in the timed part (each
    worker has its own in-memory cache here). A figure is only ever taken from a timed part
    whose every answer was as expected."""
    for _attempt in range(attempts):
        figure = asyncio.run(load(base_url, host, path, connections, seconds, expect_hit))
        if figure is not None:
            return figure
        print(f"  {path}: a worker's page cache was still cold; timing again", file=sys.stderr)
    raise SystemExit(f"GET {path}: page cache misses in {attempts} timed runs")


def targets():
    """The seeded site's host and the paths of the bench's fiche and place search."""
    from bench.run import SEARCH_PLACE_QUERY, search_page
    from opvanglocaties.models import LocationIndexPage, LocationPage

    index = LocationIndexPage.objects.order_by("-numchild", "pk").first()
    site = index.get_site()
    host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
    fiche = LocationPage.objects.descendant_of(index).live().order_by("pk").first()
    search_path = search_page(site.root_page).get_url_parts()[2]
    return host, fiche.get_url_parts()[2], f"{search_path}?{SEARCH_PLACE_QUERY}"


def main(argv=None):
    args = parse_args(argv)
    django.setup()
    host, fiche_path, search_place_path = targets()
    from django.db import connections

    connections.close_all()  # the servers open their own
    plan = [
        (600, [("fiche_cached", fiche_path, True)]),
        (0, [("fiche", fiche_path, None), ("search_place", search_place_path, None)]),
    ]
    results = {"workers": None}
    for cache_seconds, figures in plan:
        with gunicorn(cache_seconds) as base_url:
            for name, path, expect_hit in figures:
                results[name] = {}
                for width in CONNECTIONS:
                    figure = measure(base_url, host, path, width, args.seconds, expect_hit)
                    results[name][f"connections_{width}"] = figure
                    print(
                        f"  {name} x{width}: {figure['requests_per_second']} req/s, "
                        f"p95 {figure['p95_ms']} ms",
                        file=sys.stderr,
                    )
    results["workers"] = gunicorn_workers()
    results["seconds_per_figure"] = args.seconds
    merged = json.loads(args.output.read_text()) if args.output.exists() else {}
    merged["http"] = results
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(merged, indent=2) + "\n")
    print(json.dumps(results, indent=2))


def gunicorn_workers():
    """The worker count gunicorn.conf.py gives on this machine."""
    namespace = {}
    exec((BASE_DIR / "gunicorn.conf.py").read_text(), namespace)  # our own file
    return namespace["workers"]


if __name__ == "__main__":
    main()
