# The two commands: `make run` and `make test`. Everything else sets itself up.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install run serve test lint test-sqlite test-postgres test-browser bench demo system-packages clean

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

lint: install
	$(BIN)/ruff check fazhi tests bench

# The two database runs spread over the machine's CPUs (pytest-xdist); the browser run shares one server.
test-sqlite: install
	DEBUG=1 $(BIN)/pytest -q -m "not browser" -p no:randomly -n auto

test-postgres: install system-packages
	DEBUG=1 scripts/with-throwaway-postgres.sh $(BIN)/pytest -q -m "not browser" -n auto

test-browser: install system-packages
	DEBUG=1 $(BIN)/pytest -q -m browser

test: lint test-sqlite test-postgres test-browser

bench: install
	@# draw_db.py is run by draw.py (end_to_end_db_s), not on its own.
	@for script in $(filter-out bench/draw_db.py,$(wildcard bench/*.py)); do echo "== $$script"; DEBUG=1 $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) var
