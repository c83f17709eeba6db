# Two commands: `make run` sets everything up and serves the site; `make test` runs the tests.
# Every step is a file target, so re-running only does what is out of date.

SHELL := /bin/bash
.DEFAULT_GOAL := run

VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The local Stripe (localstripe) that `make run` starts beside the site, on 127.0.0.1.
STRIPE_PORT ?= 8420
STRIPE_WEBHOOK_SECRET ?= whsec_localstripe_development

# Python 3.13 from pyenv (the version in .python-version), else 3.12, else whatever is on PATH.
BASE_PYTHON := $(shell \
	for v in 3.13 3.12; do \
		p=$$(ls -d "$$(pyenv root 2>/dev/null)"/versions/$$v*/bin/python$$v 2>/dev/null | sort -V | tail -n1); \
		[ -n "$$p" ] && { echo "$$p"; exit; }; \
		command -v python$$v >/dev/null && { command -v python$$v; exit; }; \
	done)

.PHONY: run test install frontend db demo lint typecheck format clean

run: install frontend db
	@echo ""
	@echo "  The Local Offer is at  http://$(HOST):$(PORT)/"
	@echo "  Find services:         http://$(HOST):$(PORT)/services/"
	@echo "  Staff and providers:   http://$(HOST):$(PORT)/admin/"
	@echo ""
	@echo "  Demo logins (password for all: localoffer-demo)"
	@echo "    family@northbridge.example      family (parent or carer)"
	@echo "    family2@northbridge.example     a second family, to share a booking"
	@echo "    thirdparty@northbridge.example  a trust holding part of a personal budget"
	@echo "    provider@northbridge.example    provider admin of a demo organisation"
	@echo "    provider2@northbridge.example   provider admin of a second organisation (referrals)"
	@echo "    moderator@northbridge.example   council moderator"
	@echo "    editor@northbridge.example      council content editor"
	@echo "    finance@northbridge.example     council finance officer"
	@echo "    coordinator@northbridge.example assessment coordinator"
	@echo "    panel@northbridge.example       resource panel member"
	@echo "    admin@northbridge.example       site administrator"
	@echo "  Card payments go to a local Stripe on 127.0.0.1:$(STRIPE_PORT) (state in var/);"
	@echo "  pay with the test card 4242 4242 4242 4242."
	@echo ""
	@mkdir -p var
	@# The local Stripe runs in the background for as long as the site does: stopping
	@# runserver (Ctrl+C) stops it too. It sends its signed webhooks to the site.
	$(PY) -m pricing.payments.localstripe_server --quiet --port $(STRIPE_PORT) \
		--state var/localstripe.pickle \
		--webhook-url http://$(HOST):$(PORT)/payments/stripe/webhook/ \
		--webhook-secret $(STRIPE_WEBHOOK_SECRET) & \
	stripe_pid=$$!; trap 'kill $$stripe_pid 2>/dev/null' EXIT INT TERM; \
	STRIPE_API_BASE=http://127.0.0.1:$(STRIPE_PORT) STRIPE_WEBHOOK_SECRET=$(STRIPE_WEBHOOK_SECRET) \
		$(PY) manage.py runserver $(HOST):$(PORT)

# In-process tests run in parallel, one worker per core (pytest-xdist; each worker has its
# own test database). Browser tests drive Chromium against a demo site served by gunicorn;
# they run in a pytest process of their own, two workers each with its own site.
TEST_WORKERS ?= auto
BROWSER_WORKERS ?= 2

test: install frontend
	$(VENV)/bin/pytest -m "not browser" -n $(TEST_WORKERS) --dist loadscope
	$(VENV)/bin/pytest -m browser -n $(BROWSER_WORKERS) --dist loadfile

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -n "$(BASE_PYTHON)" || { echo "Python 3.13 or 3.12 is needed (pyenv install 3.13)"; exit 1; }
	@echo "Creating $(VENV) with $(BASE_PYTHON)"
	test -x $(PY) || $(BASE_PYTHON) -m venv $(VENV)
	$(PY) -m pip install --progress-bar on -e '.[dev]'
	touch $@

frontend: static/dist/main.css

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

static/dist/main.css: node_modules/.installed $(shell find static/scss static/build -type f 2>/dev/null)
	npm run build

db: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

typecheck: install
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules static/dist var db.sqlite3
