VENV    := .venv
PY      := $(VENV)/bin/python
FLASK   := $(VENV)/bin/flask --app caseflow
STAMP   := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
OIDC_DIR  := tests/integration/oidc
OIDC_STAMP := $(OIDC_DIR)/node_modules/.installed
AXE_DIR   := tests/browser/axe
AXE_STAMP := $(AXE_DIR)/node_modules/.installed
PG_TEST_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
PG_CHECK := import psycopg; psycopg.connect('postgresql://postgres@127.0.0.1:5432/test', connect_timeout=3).close()

.DEFAULT_GOAL := help
.PHONY: help install run serve test test-sqlite test-postgres lint audit fmt check-workflows

help:  ## show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

install: $(STAMP) $(NPM_STAMP) $(OIDC_STAMP) $(AXE_STAMP)  ## create .venv, install caseflow with its dev tools and the npm packages (idempotent)

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

# The NL Design System CSS and theme, and axe-core for the browser tests (package.json); installed
# here at build time, never copied into the repository.
$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(NPM_STAMP)

# The OpenID provider the single sign-on tests start (npm's oidc-provider), from its lock file.
$(OIDC_STAMP): $(OIDC_DIR)/package.json $(OIDC_DIR)/package-lock.json
	cd $(OIDC_DIR) && npm ci --no-fund --no-audit --loglevel=error
	touch $@

# The accessibility engine the browser tests inject into their pages (npm's axe-core).
$(AXE_STAMP): $(AXE_DIR)/package.json $(AXE_DIR)/package-lock.json
	cd $(AXE_DIR) && npm ci --no-fund --no-audit --loglevel=error
	touch $@

# The key that signs sessions, made once and kept: create_app() reads it when SECRET_KEY is unset.
SECRET_FILE := instance/secret_key

$(SECRET_FILE):
	mkdir -p $(@D)
	umask 077 && python3 -c 'import secrets; print(secrets.token_hex(32))' > $@.new && mv $@.new $@

run: install $(SECRET_FILE)  ## migrate, seed demo data when empty, serve on http://127.0.0.1:5000 with the scheduler
	$(FLASK) init-db
	$(FLASK) seed-demo --if-empty
	@# The scheduler runs beside the web server and stops with it.
	$(FLASK) scheduler & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(FLASK) run --host 127.0.0.1 --port 5000

serve: install  ## production: migrate, the scheduler, gunicorn with N workers on PostgreSQL (README: Production)
	$(PY) -m caseflow.serve

test: install  ## the whole suite on SQLite, then on PostgreSQL (required when CI=true)
	$(VENV)/bin/pytest
	@if [ -n "$$CI" ] || $(PY) -c "$(PG_CHECK)" 2>/dev/null; then \
		$(MAKE) --no-print-directory test-postgres; \
	else \
		echo "PostgreSQL is not reachable on 127.0.0.1:5432: the PostgreSQL run was skipped."; \
	fi

test-sqlite: install  ## the suite on SQLite only
	$(VENV)/bin/pytest

test-postgres: install  ## the suite on PostgreSQL (browser and PDF-rendering tests run in the SQLite pass)
	CASEFLOW_TEST_DATABASE_URL=$(PG_TEST_URL) $(VENV)/bin/pytest -m "not browser and not documents"

lint: install  ## ruff, mypy and bandit (security linter)
	$(VENV)/bin/ruff check caseflow tests
	$(VENV)/bin/ruff format --check caseflow tests
	$(VENV)/bin/mypy
	$(VENV)/bin/bandit -q -r caseflow --severity-level medium

audit: install  ## known vulnerabilities in the installed packages (needs the PyPI advisory service)
	$(VENV)/bin/pip-audit --skip-editable --strict

fmt: install  ## format and autofix
	$(VENV)/bin/ruff format caseflow tests
	$(VENV)/bin/ruff check --fix caseflow tests

check-workflows: install $(SECRET_FILE)  ## validate workflows/*.yaml
	$(FLASK) check-workflows

BENCH_STAMP := $(VENV)/.bench-installed
.PHONY: bench bench-full

$(BENCH_STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q -e '.[dev,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)  ## quick benchmark: scale S on SQLite, writes benchmarks/results/latest.json
	$(PY) -m benchmarks run --db sqlite --scale S --quick --reuse

bench-full: $(BENCH_STAMP)  ## M and L on SQLite and PostgreSQL (takes long; not part of CI)
	$(PY) -m benchmarks run --db sqlite --scale M
	$(PY) -m benchmarks run --db postgresql --scale M
	$(PY) -m benchmarks run --db sqlite --scale L
	$(PY) -m benchmarks run --db postgresql --scale L
