"""Load test of the request form: N parents at once through every step, some sending twice.

    python bench/load_request.py --serve                 # start gunicorn itself, then load it
    python bench/load_request.py --base-url http://127.0.0.1:8000 --host localhost

Each simulated parent opens the form with three locations, fills in every step with its own
email address, and sends; a share of them (`--double-share`) sends the final form twice at
once, as a double click does. The run is bounded: `--seconds` of new parents (default 60),
`--parents` at a time (default 50), at most `--max-parents` in all, and every request has a
time-out. Only loopback addresses are accepted as a target.

It reports what reached the database (read through Django with the same settings as the
server): requests stored, parents whose request is missing ("lost"), parents with more than
one request ("duplicated"), answers other than 2xx/3xx, and the latency of the steps.
`--serve` runs gunicorn with the project's gunicorn.conf.py and DJANGO_SETTINGS_MODULE
(bench.settings by default, BENCH_DATABASE_URL for PostgreSQL); see bench/README.md.
"""

import argparse
import asyncio
import contextlib
import datetime
import ipaddress
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import django
import httpx
from django.utils import timezone

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

from bench.request_flow import CSRF, TOKEN, steps  # noqa: E402 - after the path is set

EMAIL_DOMAIN = "@bench.invalid"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="")
    parser.add_argument("--host", default="", help="Host header: the site to use")
    parser.add_argument("--parents", type=int, default=50, help="parents at the same time")
    parser.add_argument("--seconds", type=float, default=60, help="how long new parents start")
    parser.add_argument("--max-parents", type=int, default=5000, help="at most this many")
    parser.add_argument("--double-share", type=float, default=0.2)
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--serve", action="store_true", help="start gunicorn for the run")
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (--serve)")
    return parser.parse_args(argv)


def loopback_only(url):
    host = urlsplit(url).hostname or ""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        raise SystemExit(f"refusing {url}: the load test only targets loopback addresses")


class Stats:
    def __init__(self):
        self.latencies = []
        self.bad = []
        self.parents = self.doubled = self.done = 0
        self.emails = []

    def record(self, response, started):
        self.latencies.append((time.perf_counter() - started) * 1000)
        if not 200 <= response.status_code < 400:
            self.bad.append(
                (response.request.method, response.request.url.path, response.status_code)
            )


async def one_parent(client, number, location_ids, double, stats, rng):
    async def call(method, path, data=None):
        started = time.perf_counter()
        response = await client.request(method, path, data=data)
        stats.record(response, started)
        return response

    first = await call("GET", f"/aanvragen/?locaties={','.join(map(str, location_ids))}")
    csrf = CSRF.search(first.text).group(1)
    flow = steps(location_ids, number, datetime.date.today(), rng)
    stats.emails.append(flow[2][1]["email"])
    for path, data in flow:
        response = await call("POST", path, {**data, "csrfmiddlewaretoken": csrf})
        if response.status_code != 302:
            return
    review = await call("GET", "/aanvragen/stap/nakijken/")
    token = TOKEN.search(review.text)
    if token is None:
        return
    send = {"token": token.group(1), "csrfmiddlewaretoken": csrf}
    sends = [call("POST", "/aanvragen/verstuur/", send) for _ in range(2 if double else 1)]
    answers = await asyncio.gather(*sends)
    stats.doubled += double
    if all(a.status_code == 302 and a.headers["location"].endswith("/verzonden/") for a in answers):
        stats.done += 1


async def run_load(args, base_url, host, location_ids):
    stats = Stats()
    rng = random.Random(11)
    deadline = time.monotonic() + args.seconds
    numbers = iter(range(args.max_parents))
    headers = {"Host": host} if host else {}
    limits = httpx.Limits(max_connections=2)

    async def parent_loop():
        while time.monotonic() < deadline:
            number = next(numbers, None)
            if number is None:
                return
            stats.parents += 1
            async with httpx.AsyncClient(
                base_url=base_url, headers=headers, timeout=args.timeout, limits=limits
            ) as client:
                try:
                    await one_parent(
                        client, number, location_ids, rng.random() < args.double_share, stats, rng
                    )
                except httpx.HTTPError as error:
                    stats.bad.append(("-", type(error).__name__, 0))

    await asyncio.gather(*(parent_loop() for _ in range(args.parents)))
    return stats


def free_port():
    with contextlib.closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(workers):
    port = free_port()
    env = {**os.environ, "GUNICORN_BIND": f"127.0.0.1:{port}", "OPVANGPUNT_RATE_LIMITS": "off"}
    if workers:
        env["GUNICORN_WORKERS"] = str(workers)
    log = open(BASE_DIR / "var" / "load-gunicorn.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _attempt in range(120):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            time.sleep(0.5)
        else:
            raise SystemExit("gunicorn did not start; see var/load-gunicorn.log")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def targets():
    """The seeded site's host and three fiches that take requests."""
    from opvanglocaties.models import LocationIndexPage, LocationPage

    index = LocationIndexPage.objects.order_by("-numchild", "pk").first()
    site = index.get_site()
    ids = list(
        LocationPage.objects.descendant_of(index)
        .live()
        .filter(accepts_requests=True)
        .order_by("pk")
        .values_list("pk", flat=True)[:3]
    )
    return site.hostname, ids


def report(stats, elapsed, since):
    from django.db.models import Count

    from aanvraagformulier.models import ChildcareRequest

    # This run's requests only: the simulated parents' addresses come from a seeded random
    # generator, so a rerun on the same database uses the same ones again.
    ours = ChildcareRequest.objects.filter(email__in=stats.emails, created_at__gte=since)
    per_email = dict(ours.values_list("email").annotate(n=Count("pk")))
    stored = sum(per_email.values())
    lost = stats.done - sum(1 for email in stats.emails if per_email.get(email))
    duplicated = sum(1 for n in per_email.values() if n > 1)
    latencies = sorted(stats.latencies)
    lines = {
        "seconds": round(elapsed, 1),
        "parents": stats.parents,
        "parents_double_submitting": stats.doubled,
        "parents_through_to_the_end": stats.done,
        "requests_stored": stored,
        "lost": max(lost, 0),
        "duplicated": duplicated,
        "http_requests": len(latencies),
        "non_2xx_3xx": len(stats.bad),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(statistics.quantiles(latencies, n=20)[18], 1)
        if len(latencies) > 1
        else None,
    }
    for key, value in lines.items():
        print(f"{key:<28}{value}")
    for bad in stats.bad[:10]:
        print("  not 2xx/3xx:", *bad)
    return lines


def main(argv=None):
    args = parse_args(argv)
    django.setup()
    host, location_ids = targets()
    if len(location_ids) < 3:
        raise SystemExit("the database needs at least three live fiches (seed_demo)")
    host = args.host or host
    since = timezone.now()
    started = time.monotonic()
    if args.serve:
        with gunicorn(args.workers) as base_url:
            stats = asyncio.run(run_load(args, base_url, host, location_ids))
    else:
        loopback_only(args.base_url or "http://127.0.0.1:8000")
        stats = asyncio.run(
            run_load(args, args.base_url or "http://127.0.0.1:8000", host, location_ids)
        )
    report(stats, time.monotonic() - started, since)


if __name__ == "__main__":
    main()
