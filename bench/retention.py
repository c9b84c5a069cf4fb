"""The anonymisation figure (`anonymise_100k`): time and peak memory of apply_retention's
anonymisation over 10,000 and 100,000 generated requests closed six years ago.

Each size gets a database of its own (var/bench-retention-<n>.sqlite3, or
BENCH_RETENTION_DATABASE_URL with {n} in it), filled by one process and anonymised by a fresh
one, so the peak resident memory measured is the command's own. Constant memory (streaming
in batches of ids) shows as the same peak at 10,000 and 100,000.

    python -m bench.retention            # both sizes, prints the figure as JSON
    python -m bench.retention generate N / anonymise N   # the two steps (run by the above)
"""

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import django

BENCH_DIR = Path(__file__).resolve().parent
SIZES = (10_000, 100_000)
CHUNK = 5_000


def database_url(size):
    template = os.environ.get("BENCH_RETENTION_DATABASE_URL")
    if template:
        return template.replace("{n}", str(size))
    return f"sqlite:///{BENCH_DIR.parent / 'var' / f'bench-retention-{size}.sqlite3'}"


def setup(size):
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["BENCH_DATABASE_URL"] = database_url(size)
    django.setup()


def generate(size):
    """Migrate a fresh database and write `size` requests (one location, one history version
    each), filed, answered and closed six years ago."""
    # Imported after django.setup() (main), which must choose the database first.
    import datetime
    import uuid

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from aanvraagformulier.models import ChildcareRequest, RequestedLocation

    settings_db = connection.settings_dict
    if settings_db["ENGINE"].endswith("sqlite3"):
        connection.close()
        Path(settings_db["NAME"]).unlink(missing_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    long_ago = timezone.now() - datetime.timedelta(days=6 * 366)
    history = ChildcareRequest.history.model
    for start in range(0, size, CHUNK):
        with transaction.atomic():
            requests = [
                ChildcareRequest(
                    idempotency_token=uuid.uuid4().hex,
                    parent_first_name=f"Voornaam{number}",
                    parent_last_name=f"Achternaam{number}",
                    parent_birth_date=datetime.date(1985, 1 + number % 12, 1 + number % 28),
                    email=f"ouder{number}@voorbeeld.be",
                    phone=f"0470{number:06d}",
                    street="Voorbeeldstraat",
                    house_number=str(number % 200),
                    postcode="9000",
                    child_birth_date=datetime.date(2020, 1 + number % 12, 1 + number % 28),
                    start_date=datetime.date(2021, 1, 4),
                    care_parts={"0": "full"},
                    last_confirmed_at=long_ago,
                )
                for number in range(start, min(start + CHUNK, size))
            ]
            ChildcareRequest.objects.bulk_create(requests)
            RequestedLocation.objects.bulk_create(
                RequestedLocation(
                    request=filed,
                    location=None,
                    location_title="Kinderdagverblijf",
                    preference=1,
                    status="not_approved",
                    status_changed_at=long_ago,
                    due_date=long_ago.date(),
                )
                for filed in requests
            )
            history.objects.bulk_create(
                history(
                    **{
                        field.attname: getattr(filed, field.attname)
                        for field in ChildcareRequest._meta.concrete_fields
                    },
                    history_date=long_ago,
                    history_type="+",
                )
                for filed in requests
            )
    ChildcareRequest.objects.update(created_at=long_ago)


def anonymise(size):
    """Run the anonymisation pass; print seconds, requests and this process's peak RSS."""
    # After django.setup(), as above.
    from aanvraagformulier import retention

    started = time.perf_counter()
    outcome = retention.anonymise_expired()
    seconds = time.perf_counter() - started
    assert outcome.anonymised == size, (outcome.anonymised, size)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": round(seconds, 2), "peak_rss_mb": round(peak_kb / 1024, 1)}))


def step(command, size):
    result = subprocess.run(
        [sys.executable, "-m", "bench.retention", command, str(size)],
        cwd=BENCH_DIR.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"bench.retention {command} {size} failed:\n{result.stderr}")
    return result.stdout


def figure(sizes=SIZES):
    """{"requests": ..., "seconds": ..., "peak_rss_mb_<n>": ..., ...} over `sizes`."""
    result = {}
    for size in sizes:
        print(f"Generating {size} closed requests...", file=sys.stderr)
        step("generate", size)
        measured = json.loads(step("anonymise", size).strip().splitlines()[-1])
        label = f"{size // 1000}k"
        result[f"seconds_{label}"] = measured["seconds"]
        result[f"peak_rss_mb_{label}"] = measured["peak_rss_mb"]
    largest = max(sizes)
    result["requests"] = largest
    result["requests_per_second"] = round(
        largest / max(result[f"seconds_{largest // 1000}k"], 0.001)
    )
    return result


def main(argv):
    if len(argv) == 2 and argv[0] in ("generate", "anonymise"):
        size = int(argv[1])
        setup(size)
        (generate if argv[0] == "generate" else anonymise)(size)
        return
    print(json.dumps({"anonymise_100k": figure()}, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
