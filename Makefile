# Everything installs into .venv; the install step reruns only when pyproject.toml changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint install migrate messages bench bench-pg bench-http screenshots clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --no-input

## make demo: install, migrate, load the demo regions, serve on http://127.0.0.1:8000
## (another port: make demo DEMO_PORT=8080; the demo's sites follow it)
DEMO_PORT ?= 8000
demo: migrate
	$(BIN)/python manage.py seed_demo --port $(DEMO_PORT)
	$(BIN)/python manage.py runserver 127.0.0.1:$(DEMO_PORT)

## make test: the whole suite, with coverage; installs Debian's chromium and axe-core for the
## browser tests and nginx for the deploy/ tests when they are missing (scripts/install-*-deps.sh)
test: install
	scripts/install-e2e-deps.sh
	scripts/install-deploy-deps.sh
	$(BIN)/python -m pytest --ds=portal.settings.test --cov --cov-report=term-missing:skip-covered $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=portal.settings.test

## make bench: time views against a floor at 8,000 fiches; writes bench/results.json
## (reuses var/bench.sqlite3 when it holds enough fiches; BENCH_ARGS= forces a fresh one)
BENCH_ARGS ?= --reuse-db
bench: install
	$(BIN)/python -m bench.run $(BENCH_ARGS)

## make bench-pg: the same figures on a throw-away PostgreSQL (bench/pg.sh), under `postgresql`
## (BENCH_PGDATA=<dir> keeps the cluster between runs; then BENCH_ARGS=--reuse-db pays)
bench-pg: install
	bench/pg.sh $(BENCH_PG_ARGS)

## make bench-http: requests per second and p95 from gunicorn (bench/load_pages.py), under `http`
bench-http: install
	$(BIN)/python -m bench.load_pages

## make screenshots: the pictures in docs/guides/img/ from a throw-away demo (scripts/screenshots.py;
## needs Debian's chromium: scripts/install-e2e-deps.sh). Documentation, not a test: commit the
## changed PNGs with the guide that shows them (tests/core/test_guide_images.py checks the links)
screenshots: install
	scripts/install-e2e-deps.sh
	$(BIN)/python scripts/screenshots.py $(SCREENSHOTS_ARGS)

## make messages: refresh the translation catalogues (needs GNU gettext)
messages: install
	$(BIN)/python manage.py makemessages --locale nl --locale en --no-obsolete \
		--ignore ".venv/*" --ignore "tests/*" --ignore "bench/*" --ignore "node_modules/*"
	$(BIN)/python manage.py compilemessages --ignore ".venv/*" --ignore "node_modules/*"

clean:
	rm -rf $(VENV) db.sqlite3 static media .pytest_cache .coverage
