# The two commands: `make run` and `make test`. Everything else sets itself up.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install run serve test lint test-sqlite test-postgres test-browser test-api test-dates bench bench-quick demo \
  system-packages clean

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "需要 Python 3.11 ($(PYTHON))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

# Debian packages the tests need: PostgreSQL for the second run, Chromium for browser tests.
system-packages:
	@scripts/ensure-debian-packages.sh

run: install
	@mkdir -p var
	@DEBUG=$${DEBUG:-0} FAZHI_INSECURE_HTTP=1 \
	  PORT=$(PORT) scripts/run.sh

demo: install
	DEBUG=1 $(BIN)/fazhi migrate --noinput && DEBUG=1 $(BIN)/fazhi demo

# ruff, then the import contracts of .importlinter (pure engines, records framework, no cycles between apps).
lint: install
	$(BIN)/ruff check fazhi tests bench scripts scripts/api-fuzz
	$(BIN)/lint-imports --no-cache

# The two database runs spread over the machine's CPUs (pytest-xdist); the browser run shares one server.
test-sqlite: install
	DEBUG=1 $(BIN)/pytest -q -m "not browser" -p no:randomly -n auto

test-postgres: install system-packages
	DEBUG=1 scripts/with-throwaway-postgres.sh $(BIN)/pytest -q -m "not browser" -n auto

test-browser: install system-packages
	DEBUG=1 $(BIN)/pytest -q -m browser

# Schemathesis (coverage and fuzzing phases) against a live gunicorn server on a throwaway demo database,
# as each demo role in turn; seeded and bounded (scripts/api-fuzz, scripts/schemathesis.toml, decision 0006).
# `make test-api API_FUZZ_ARGS="--seed 7"`: other cases (any `st run` option).
test-api: install
	$(BIN)/python scripts/api-fuzz $(API_FUZZ_ARGS)

test: lint test-sqlite test-postgres test-browser test-api

# The date-bound tests with the platform's clock set (FAZHI_CLOCK, fazhi/core/clock.py) to a year's end
# before the next holiday notice, mid-year, and years after the last notice the calendar knows.
TEST_DATES ?= 2026-12-28 2027-06-15 2031-01-02
DATE_TESTS := fazhi/core fazhi/deadlines fazhi/inspections fazhi/enforcement fazhi/officers fazhi/normative_documents \
  fazhi/major_decisions fazhi/legal_advisors fazhi/permits fazhi/ledger fazhi/portal fazhi/demo fazhi/web \
  tests/test_dates.py
test-dates: install
	@for day in $(TEST_DATES); do echo "== FAZHI_CLOCK=$$day"; \
	  FAZHI_CLOCK=$$day DEBUG=1 $(BIN)/pytest -q -m "not browser" -p no:randomly -n auto $(DATE_TESTS) || exit 1; done

# draw_db.py is run by draw.py (end_to_end_db_s), not on its own; support.py is the benchmarks' shared setup.
BENCH_SCRIPTS := $(filter-out bench/draw_db.py bench/support.py,$(wildcard bench/*.py))
bench: install
	@for script in $(BENCH_SCRIPTS); do echo "== $$script"; DEBUG=1 $(BIN)/python $$script || exit 1; done

# Every benchmark at CI sizes (under a minute), so that a broken one fails CI (.ci/run).
bench-quick: install
	@for script in $(BENCH_SCRIPTS); do echo "== $$script --quick"; \
	  DEBUG=1 $(BIN)/python $$script --quick || exit 1; done

clean:
	rm -rf $(VENV) var
