"""Focused timing: the search page's form drawn by our widgets (`search/widgets.py`) or Django's.

`python -m bench.widgets [--rounds 30] [--per-round 5]` on the bench database (seed it first
with `make bench`). The two variants alternate, a few requests each per round, so that the
drift of a shared machine falls on both alike; the figures are the medians over all rounds.
Besides the whole search page (`bench.run`'s search, page cache off) it times the drawing of
the sixteen fields our widgets draw, alone.
"""

import argparse
import contextlib
import os
import statistics
import time

import django

# The bench settings, set up before Django's code is imported (a script, not an app module).
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
django.setup()

from django.http import QueryDict  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from bench.run import SEARCH_QUERY, Targets, get  # noqa: E402
from opvanglocaties.models import Region  # noqa: E402
from search import widgets  # noqa: E402
from search.forms import SearchForm  # noqa: E402


@contextlib.contextmanager
def djangos_widgets(*forms):
    """The search form's fields drawn by Django's own widget classes (its templates): in new
    forms, and in the bound `forms` given."""
    swapped = []
    for fields in [SearchForm.base_fields, *(form.fields for form in forms)]:
        for field in fields.values():
            widget = field.widget
            if isinstance(widget, widgets.PythonRenderedInput | widgets.Select):
                swapped.append((widget, type(widget)))
                widget.__class__ = next(
                    cls for cls in type(widget).__mro__ if cls.__module__.startswith("django.forms")
                )
    try:
        yield
    finally:
        for widget, cls in swapped:
            widget.__class__ = cls


def timed(function, count):
    samples = []
    for _repetition in range(count):
        started = time.perf_counter_ns()
        function()
        samples.append((time.perf_counter_ns() - started) / 1e6)
    return samples


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.widgets", description=__doc__)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--per-round", type=int, default=5)
    args = parser.parse_args(argv)
    targets = Targets()
    region = Region.objects.for_site(targets.index.get_site())
    client = Client(HTTP_HOST=targets.host)

    def page():
        get(client, targets.search_path)

    # Bound and validated once: only the drawing of the fields our widgets draw is timed
    # (the lists of checkboxes are drawn by the template, the same in both).
    bound = SearchForm(QueryDict(SEARCH_QUERY), region=region)
    bound.is_valid()
    drawn = [
        name
        for name, field in bound.fields.items()
        if isinstance(field.widget, widgets.PythonRenderedInput | widgets.Select)
    ]

    def form():
        for name in drawn:
            str(bound[name])

    variants = {"ours": contextlib.nullcontext, "django": lambda: djangos_widgets(bound)}
    samples = {(name, what): [] for name in variants for what in ("page", "form")}
    with override_settings(PAGE_CACHE_SECONDS=0):
        for variant in variants.values():  # warm-up: caches, compiled templates
            with variant():
                timed(page, 5)
                timed(form, 20)
        for _round in range(args.rounds):
            for name, variant in variants.items():
                with variant():
                    samples[name, "page"] += timed(page, args.per_round)
                    samples[name, "form"] += timed(form, args.per_round * 4)
    print(f"{'':<8}{'search page ms':>16}{'form fields ms':>16}")
    medians = {key: statistics.median(values) for key, values in samples.items()}
    for name in variants:
        print(f"{name:<8}{medians[name, 'page']:>16.2f}{medians[name, 'form']:>16.3f}")
    saved = medians["django", "page"] - medians["ours", "page"]
    print(
        f"ours save {saved:.2f} ms a search page "
        f"({100 * saved / medians['django', 'page']:.1f} %), "
        f"{medians['django', 'form'] - medians['ours', 'form']:.3f} ms of drawing the form"
    )


if __name__ == "__main__":
    main()
