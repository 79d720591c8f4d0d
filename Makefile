# Rooted: `make run` serves the site on http://127.0.0.1:8000, `make test` runs every test.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PG_DIR := $(or $(EMBEDDED_POSTGRES_DIR),.data/postgres)

# The first Python 3.12+ among: pyenv's choice from .python-version, python3.13, python3.12, python3.
PYTHON := $(shell for c in "$$(command -v pyenv >/dev/null 2>&1 && pyenv which python 2>/dev/null)" \
	python3.13 python3.12 python3; do \
	[ -n "$$c" ] && "$$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { command -v "$$c"; break; }; done)

.PHONY: run test lint check-python clean bench backup restore

check-python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "Rooted needs Python 3.12 or newer (Django 6 requires it)." >&2; \
		echo "Install one (e.g. 'pyenv install 3.12'), then run make again." >&2; \
		exit 1; fi

$(VENV)/.runtime-installed: requirements.txt | check-python
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: $(VENV)/.runtime-installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# The trap stops the embedded PostgreSQL however the server ends (Ctrl-C included).
run: $(VENV)/.runtime-installed
	@trap '$(PY) -m practice_site.embedded_postgres stop "$(PG_DIR)" >/dev/null 2>&1' EXIT; \
	set -e; \
	$(PY) manage.py migrate --noinput; \
	$(PY) manage.py createcachetable; \
	$(PY) manage.py load_demo_content; \
	$(PY) manage.py ensure_dev_admin; \
	$(PY) manage.py runserver 127.0.0.1:8000

# A throwaway PostgreSQL cluster per run, removed afterwards whatever the outcome.
test: $(VENV)/.dev-installed
	@pgdir=$$(mktemp -d -t rooted-test-XXXXXX); \
	trap '$(PY) -m practice_site.embedded_postgres stop "$$pgdir/data" >/dev/null 2>&1; rm -rf "$$pgdir"' EXIT; \
	EMBEDDED_POSTGRES_DIR="$$pgdir/data" $(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev-installed
	$(PY) -m ruff check .

# A dated folder under backups/ (or BACKUP_DIR, a folder or s3://bucket/prefix) with a database dump, the media
# files and the outage spool, encrypted to BACKUP_PUBLIC_KEY; UNENCRYPTED=1 to write a plain one; see README.
backup: $(VENV)/.runtime-installed
	$(PY) manage.py backup $(if $(BACKUP_DIR),--to "$(BACKUP_DIR)") $(if $(UNENCRYPTED),--unencrypted)

# make restore BACKUP=backups/2026-12-01T1030 [KEY=backup-key.pem] [FORCE=1]: refuses a database that holds data
# unless FORCE=1.
restore: $(VENV)/.runtime-installed
	@if [ -z "$(BACKUP)" ]; then echo "usage: make restore BACKUP=backups/<date> [KEY=file] [FORCE=1]" >&2; exit 2; fi
	$(PY) manage.py restore "$(BACKUP)" $(if $(KEY),--key "$(KEY)") $(if $(FORCE),--force)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles

# Rooted under gunicorn -w 2 with production settings, loaded with wrk against a bare WSGI app (README: Benchmark).
bench: $(VENV)/.runtime-installed
	$(PY) -m practice_site.bench --articles $(or $(ARTICLES),0) --requests $(or $(REQUESTS),0) --waitlist $(or $(WAITLIST),0) --duration $(or $(DURATION),5)
