# Buurtcafé. On a fresh machine: `make run` starts a demo, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 0.0.0.0
PORT   ?= 5000

.PHONY: run test test-long bench bench-soak bench-tools lint lock install install-test browser services translations clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Versions come from the lock file (as constraints): every install gets the tested versions.
LOCK := requirements.lock

$(VENV)/.installed: pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(LOCK) $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## Start the server with a demo session on SQLite; prints the facilitator, projector and join URLs.
run: install
	$(BIN)/cafe demo --serve --host $(HOST) --port $(PORT)

## Install everything and run the whole test suite. Three workers on two cores: the tests wait on
## servers, browsers and sockets more than they compute (about 10 minutes on a quiet 2-core
## machine). A module's tests stay on one worker (loadscope), so its server starts once; the
## longest modules start first (tests/conftest.py); the 15 slowest tests are listed at the end.
PYTEST_ARGS ?= -n 3 --dist loadscope --durations=15
test: install-test browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## The long forms of two tests that make test runs short: the opinion analyses
## racing, 20 repetitions; analyses, seating, reports and word clouds at once for 3 minutes
## under eventlet and gevent while 60 phones vote (issue 28).
test-long: install-test
	OPINION_RACE_REPEATS=20 STRESS_SECONDS=180 $(BIN)/python -m pytest -n 2 --dist loadfile \
	  tests/statements/test_opinion_race.py tests/live/test_heavy_work_stress.py

## Load and speed benchmarks (not part of the tests); results in bench/results/. About an hour:
## the last 30 minutes are the soak (issue 31; BENCH_ARGS="--no-soak" skips it).
## Options: make bench BENCH_ARGS="--quick"  (or --phones N --modes eventlet --processes 1,2 ...)
BENCH_ARGS ?=
bench: install-test bench-tools services
	$(BIN)/python -m bench $(BENCH_ARGS)

## A long café (issue 31), also the last step of `make bench`: 200 phones churning, 6 events a
## second, at ~300 and ~3,000 cards, both volumes at once (each its own server, port and
## database), judged against the issue's goals (bench/soak_pair.py); fails when a goal is missed.
## Options: make bench-soak SOAK_ARGS="--soak-minutes 10"  (default 30 minutes)
SOAK_ARGS ?=
bench-soak: install-test
	$(BIN)/python -m bench --only-soak $(SOAK_ARGS)

## nginx from Debian's packages: the proxy in front of several server processes.
bench-tools:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q nginx-light; \
	  else echo "Please install Debian's nginx-light for the multi-process runs"; fi; }

lint: install-test
	$(BIN)/ruff check .

## Lock what pyproject.toml asks for: new dependencies are added, pinned ones kept.
## `make lock UPGRADE=1` moves every pin to the newest version allowed. Then `make test`.
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet $(if $(UPGRADE),--upgrade) --strip-extras --extra test \
	  --no-emit-index-url --no-emit-find-links --output-file $(LOCK) pyproject.toml

## Debian's Chromium for the browser tests (Playwright drives it; no browser download), and a
## font with Arabic glyphs for the right-to-left phone pages (the PDF uses matplotlib's DejaVu).
browser:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="chromium fonts-dejavu-core"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	fc-list :lang=ar 2>/dev/null | grep -q . || missing="$$missing fontconfig fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q $$missing; \
	  else echo "Please install Debian's $$missing for the browser and report tests"; fi; fi

## PostgreSQL and Redis for the multi-process tests, started if they are not running.
services:
	@bash .ci/services

translations: install-test
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_pgettext:1c,2 -o cafe/translations/messages.pot .
	$(BIN)/pybabel update -i cafe/translations/messages.pot -d cafe/translations --no-fuzzy-matching
	$(BIN)/pybabel compile -d cafe/translations

clean:
	rm -rf $(VENV) instance .pytest_cache
