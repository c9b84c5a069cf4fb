"""`make bench` runs to the end: every in-process figure answers 200 (issue 15).

The bench stops at the first figure that does not answer 200. Its admin figures answered 302
for a while (the admin asks every staff member for the second factor, and a loket works only
in its region) and nothing noticed until a full run: this runs the page figures at a small
scale, on a database of its own, as `python -m bench.run` does.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The public pages and the admin's explorer (`bench.run.FIGURES`, not imported: importing
# bench.run points DJANGO_SETTINGS_MODULE at the bench's settings for every later
# subprocess). The back-office, the figures, the request form, the memory and the
# anonymisation need 100,000 generated requests or a server.
PAGE_FIGURES = [
    *("fiche", "fiche_cached", "home", "home_cached", "stock_search"),
    *("search", "search_place", "search_name", "search_cached", "search_map"),
    *("admin_explorer_provider", "admin_explorer_loket"),
]


def test_the_bench_answers_every_page_figure(tmp_path):
    output = tmp_path / "figures.json"
    environment = {
        **os.environ,
        "BENCH_DATABASE_URL": f"sqlite:///{tmp_path / 'bench.sqlite3'}",
    }
    only = [argument for name in PAGE_FIGURES for argument in ("--only", name)]
    command = [sys.executable, "-m", "bench.run", "--locations", "40", "--repeat", "2"]
    result = subprocess.run(
        [*command, "--skip-memory", "--output", str(output), *only],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    figures = json.loads(output.read_text())
    assert set(figures) == {"floor", *PAGE_FIGURES}
    for name in PAGE_FIGURES:
        assert figures[name]["median_ms"] > 0, name
    for name in ("fiche_cached", "home_cached", "search_cached"):
        assert figures[name]["queries"] == 0, name  # every timed request a cache hit
