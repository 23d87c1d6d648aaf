# 借款人手册 — build and test.
#   make site   build the online site (site/) and the offline bundle (dist/)
#   make test   install test tools (and Debian chromium if missing), run every test
#   make serve  live preview on http://127.0.0.1:8000/
#   make bench  print build, size and calculator benchmarks

SHELL      := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON     ?= python3
VENV       := .venv
BIN        := $(VENV)/bin
NAME       := borrower-handbook
OFFLINE_BUILD := build/offline
ZIP        := dist/$(NAME)-offline.zip
CHROMIUM   ?= /usr/bin/chromium

# Reproducible builds: every date the build writes comes from this timestamp.
# Default: the time of the last commit (so the same commit gives the same bytes).
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 315532800)
export SOURCE_DATE_EPOCH
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help site serve test bench clean install install-test browser

help:
	@grep -E '^#   make' Makefile | sed 's/^#   //'

# --- environments -----------------------------------------------------------

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.site-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[site]'
	touch $@

$(VENV)/.test-installed: pyproject.toml $(VENV)/.site-installed
	$(BIN)/pip install --quiet -e '.[site,test]'
	touch $@

install: $(VENV)/.site-installed
install-test: $(VENV)/.test-installed

# Debian's chromium (never `playwright install`: it downloads its own browser).
browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian chromium and a Chinese font (apt-get)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else \
	    echo "chromium is missing: run 'sudo apt-get install chromium fonts-noto-cjk', then 'make test' again" >&2; exit 1; \
	  fi; \
	fi

# --- site -------------------------------------------------------------------

site: $(VENV)/.site-installed
	rm -rf site $(OFFLINE_BUILD) dist
	$(BIN)/mkdocs build --strict --site-dir site
	OFFLINE=true $(BIN)/mkdocs build --strict --site-dir $(OFFLINE_BUILD)
	$(BIN)/python scripts/bundle.py $(OFFLINE_BUILD) $(ZIP)
	@echo
	@echo "online site:    $(CURDIR)/site/"
	@echo "offline bundle: $(CURDIR)/$(ZIP)"
	@echo "checksum:       $(CURDIR)/$(ZIP).sha256"

serve: $(VENV)/.site-installed
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

# --- tests ------------------------------------------------------------------

test: $(VENV)/.test-installed browser
	$(BIN)/python -m pytest

bench: $(VENV)/.test-installed
	$(BIN)/python bench/run.py

clean:
	rm -rf site build dist .pytest_cache
