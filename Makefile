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

.PHONY: help install run test test-sqlite test-postgres lint format messages compile-messages bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-18s %s\n", $$1, $$2}'

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
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
	for app in config partners theme kb forum search; do \
		(cd $$app && ../$(BIN)/python ../manage.py makemessages -l de -l en --no-obsolete); \
	done

run: $(INSTALLED) compile-messages ## Serve the site with demo content on http://127.0.0.1:8000
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

lint: $(INSTALLED) ## ruff and djhtml
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $$(git ls-files '*.html')

format: $(INSTALLED) ## Rewrite code and templates in the house style
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml $$(git ls-files '*.html')

test: $(INSTALLED) $(NODE_INSTALLED) compile-messages lint ## Checks, then the suite on SQLite and on PostgreSQL when reachable
	$(TEST_SETTINGS) $(BIN)/python manage.py check --fail-level WARNING
	$(TEST_SETTINGS) $(BIN)/python manage.py makemigrations --check --dry-run
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: $(INSTALLED)
	@echo "== Test suite on SQLite"
	env -u DATABASE_URL $(BIN)/pytest

test-postgres: $(INSTALLED)
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(POSTGRES_TEST_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		echo "== Test suite on PostgreSQL"; \
		DATABASE_URL=$(POSTGRES_TEST_URL) $(BIN)/pytest; \
	elif [ -n "$$REQUIRE_POSTGRES" ]; then \
		echo "PostgreSQL is required (REQUIRE_POSTGRES) but $(POSTGRES_TEST_URL) is not reachable."; exit 1; \
	else \
		echo "== PostgreSQL not reachable at $(POSTGRES_TEST_URL): suite ran on SQLite only."; \
	fi

clean: ## Remove the virtualenv, node_modules, compiled translations and the SQLite database
	rm -rf $(VENV) node_modules db.sqlite3 db.sqlite3-* .test-media staticfiles
	find . -name '*.mo' -not -path './.venv/*' -delete
