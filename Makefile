# Every target bootstraps what it needs: a fresh clone with Python 3.11 is enough.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
# CI provides PostgreSQL here with trust auth; the suite runs a second time against it.
POSTGRES_TEST_URL ?= postgres://postgres@127.0.0.1:5432/postgres
TEST_SETTINGS := DJANGO_SETTINGS_MODULE=config.settings.test
# pytest-xdist workers per pass: one per core ("auto"); WORKERS=0 runs the tests in one process.
WORKERS ?= auto
PYTEST := $(BIN)/pytest $(if $(filter 0,$(WORKERS)),,-n $(WORKERS))
# Each pass's JUnit report and wall time, summed up at the end of `make test`.
REPORTS := .test-reports
POSTGRES_UP := $(BIN)/python -c "import psycopg; psycopg.connect('$(POSTGRES_TEST_URL)', connect_timeout=3).close()" 2>/dev/null

# $(call timed,<pass>,<command>): run a pass, append "<pass> <seconds> <exit status>" to the record.
define timed
	@echo "== $(1)"
	@mkdir -p $(REPORTS); start=$$(date +%s); \
	$(2) --junitxml=$(REPORTS)/$(1).xml; status=$$?; \
	echo "$(1) $$(( $$(date +%s) - start )) $$status" >> $(REPORTS)/passes.txt; exit $$status
endef

.PHONY: help install run test test-fast test-sqlite test-postgres test-search-engine test-browser coverage lint format messages compile-messages bench screenshots clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-18s %s\n", $$1, $$2}'

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/python search/charsplit.py
	touch $@

$(NODE_INSTALLED): package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm not found: axe-core is not installed, so browser tests will skip."; \
	fi

install: $(INSTALLED) ## Create .venv and install the project with its development tools

compile-messages: $(INSTALLED) ## Compile the .po files (pure Python, no gettext needed)
	$(BIN)/python manage.py compile_translations

messages: $(INSTALLED) ## Extract translatable strings into the .po files (needs GNU gettext)
	for app in config partners theme kb forum search outbox jobs; do \
		(cd $$app && ../$(BIN)/python ../manage.py makemessages -l de -l en --no-obsolete); \
	done

# The scheduler (scheduled publishing, mail, digests, reminders, link checks) runs beside the
# development server and stops with it, as wissensnetz-jobs.timer runs it in production.
run: $(INSTALLED) compile-messages ## Serve the site with demo content on http://127.0.0.1:8000, with the scheduled jobs
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py run_scheduled_jobs --loop & scheduler=$$!; \
	trap 'kill $$scheduler' EXIT; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

lint: $(INSTALLED) ## ruff and djhtml
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $$(git ls-files '*.html')

format: $(INSTALLED) ## Rewrite code and templates in the house style
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml $$(git ls-files '*.html')

test: $(INSTALLED) $(NODE_INSTALLED) compile-messages lint ## Checks, the suite on SQLite and PostgreSQL (when reachable), the browser tests once; timings at the end
	$(TEST_SETTINGS) $(BIN)/python manage.py check --fail-level WARNING
	$(TEST_SETTINGS) $(BIN)/python manage.py makemigrations --check --dry-run
	@rm -rf $(REPORTS); status=0; \
	for pass in test-sqlite test-postgres test-search-engine test-browser; do \
		$(MAKE) --no-print-directory $$pass || status=1; \
	done; \
	$(BIN)/python -m tests.timings $(REPORTS); \
	exit $$status

test-fast: $(INSTALLED) compile-messages ## The quick loop: the suite on SQLite without the browser tests
	env -u DATABASE_URL $(PYTEST) -m "not browser"

test-sqlite: $(INSTALLED)
	$(call timed,sqlite,env -u DATABASE_URL $(PYTEST) -m "not browser")

test-postgres: $(INSTALLED)
	@if $(POSTGRES_UP); then \
		$(MAKE) --no-print-directory _test-postgres; \
	elif [ -n "$$REQUIRE_POSTGRES" ]; then \
		echo "PostgreSQL is required (REQUIRE_POSTGRES) but $(POSTGRES_TEST_URL) is not reachable."; exit 1; \
	else \
		echo "== PostgreSQL not reachable at $(POSTGRES_TEST_URL): suite ran on SQLite only."; \
	fi

_test-postgres:
	$(call timed,postgres,DATABASE_URL=$(POSTGRES_TEST_URL) $(PYTEST) -m "not browser")

# The search suites against a search engine over HTTP: ELASTICSEARCH_URL if set (a real
# cluster), else osmem-server, an in-memory OpenSearch-API emulator started on a free
# loopback port (tests/search/engine_server.py). REQUIRE_SEARCH_ENGINE makes a server that
# cannot start fail the pass. Only the engine's variants run; the SQLite pass ran the others.
# docs/search-engine.md lists where the emulator differs from a real cluster.
SEARCH_ENGINE_SUITES := tests/search/test_contract.py tests/search/test_visibility.py tests/search/test_indexing.py tests/search/test_engine.py
test-search-engine: $(INSTALLED) ## The search suites against a search engine (osmem-server, or ELASTICSEARCH_URL)
	$(call timed,search-engine,env -u DATABASE_URL $(BIN)/python -m tests.search.engine_server $(PYTEST) -m "not browser" -k "ElasticsearchBackend or test_engine" $(SEARCH_ENGINE_SUITES))

# The browser tests run once, on SQLite, in one process. Each of them flushes and restores the
# database, which took more than twice as long on PostgreSQL (5m48s against 2m39s), and two
# workers were slower still: Chromium and the live server already keep both cores busy.
test-browser: $(INSTALLED) $(NODE_INSTALLED)
	$(call timed,browser,env -u DATABASE_URL $(BIN)/pytest -m browser)

coverage: $(INSTALLED) $(NODE_INSTALLED) compile-messages ## Line coverage of the SQLite pass and the browser tests
	env -u DATABASE_URL $(PYTEST) --cov --cov-report=
	$(BIN)/coverage report --skip-covered --precision=2

# Needs Chromium at /usr/bin/chromium; the demo is loaded into a scratch database, never db.sqlite3.
screenshots: $(INSTALLED) compile-messages ## Photograph the demo site for the README (docs/screenshots/*.png)
	$(BIN)/python docs/screenshots/make.py

clean: ## Remove the virtualenv, node_modules, compiled translations and the SQLite database
	rm -rf $(VENV) node_modules db.sqlite3 db.sqlite3-* .test-media .test-db $(REPORTS) .coverage staticfiles
	find . -name '*.mo' -not -path './.venv/*' -delete
