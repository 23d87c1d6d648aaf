# 借款人手册 — build and test.
#   make site   build the online site (site/) and the offline bundle (dist/)
#   make test   install test tools (and Debian chromium if missing), run every test
#   make lint   ruff check + ruff format --check
#   make serve  live preview on http://127.0.0.1:8000/
#   make bench  print build, size and calculator benchmarks
#   make linkcheck  check every external link (needs network)

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

.PHONY: help site serve test lint bench linkcheck clean install install-test browser

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

# Debian's chromium (never `playwright install`: it downloads its own browser), a Chinese
# font for screenshots and the PDF, and poppler-utils (pdftotext, pdffonts) for the PDF tests.
# The PDF prints regular Chinese in fonts-droid-fallback and Latin in fonts-liberation (TrueType:
# Chromium writes them as real fonts, not Type 3 glyphs), and qpdf packs it (scripts/pdf.py).
BROWSER_PACKAGES := chromium fonts-noto-cjk fonts-droid-fallback fonts-liberation poppler-utils qpdf
browser:
	@if [ ! -x "$(CHROMIUM)" ] || ! command -v pdffonts >/dev/null || ! command -v qpdf >/dev/null \
	    || [ -z "$$(fc-list :lang=zh 2>/dev/null)" ] || [ -z "$$(fc-list 'Droid Sans Fallback' 2>/dev/null)" ] \
	    || [ -z "$$(fc-list 'Liberation Sans' 2>/dev/null)" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing $(BROWSER_PACKAGES) (apt-get)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PACKAGES) >/dev/null; \
	  else \
	    echo "chromium, a font, qpdf or poppler-utils is missing: run 'sudo apt-get install $(BROWSER_PACKAGES)', then 'make test' again" >&2; exit 1; \
	  fi; \
	fi

# JavaScript tools, pinned in package-lock.json: esbuild (minifies calc.js/forms.js in the build)
# and axe-core (the accessibility gate in the tests).
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else echo "npm is missing: run 'sudo apt-get install nodejs npm', then 'make test' again" >&2; exit 1; fi; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# --- site -------------------------------------------------------------------

# Three downloads in dist/, each with a .sha256 beside it, plus dist/SHA256SUMS:
# the zip, one self-contained HTML file (for phones) and a PDF printed from it by
# Debian's chromium (hence `browser`). Order matters: the offline edition and the
# downloads first, the online site last, so that its 离线版 page can state each file's
# size and checksum and site/downloads/ serves the files (hooks/downloads.py).
site: $(VENV)/.site-installed browser node_modules/.installed
	rm -rf site $(OFFLINE_BUILD) dist
	REQUIRE_ESBUILD=1 OFFLINE=true $(BIN)/mkdocs build --strict --site-dir $(OFFLINE_BUILD)
	$(BIN)/python scripts/bundle.py $(OFFLINE_BUILD) $(ZIP)
	$(BIN)/python scripts/single_file.py $(OFFLINE_BUILD) dist/$(NAME).html
	CHROMIUM=$(CHROMIUM) $(BIN)/python scripts/pdf.py dist/$(NAME).html dist/$(NAME).pdf
	cd dist && sha256sum $(NAME)-offline.zip $(NAME).html $(NAME).pdf > SHA256SUMS
	REQUIRE_ESBUILD=1 DOWNLOADS_DIR=dist $(BIN)/mkdocs build --strict --site-dir site
	@echo
	@echo "online site:    $(CURDIR)/site/ (downloads in site/downloads/)"
	@echo "offline bundle: $(CURDIR)/$(ZIP)"
	@echo "single file:    $(CURDIR)/dist/$(NAME).html"
	@echo "PDF:            $(CURDIR)/dist/$(NAME).pdf"
	@echo "checksums:      $(CURDIR)/dist/SHA256SUMS (and a .sha256 beside each file)"

serve: $(VENV)/.site-installed
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

# --- tests ------------------------------------------------------------------

# node --test: calc.js against the Python views in tests/golden/calc-parity.json (no browser).
test: $(VENV)/.test-installed browser node_modules/.installed lint
	node --test tests/
	$(BIN)/python -m pytest

# ruff: lint and format check (configured in pyproject.toml; also run by .pre-commit-config.yaml).
lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Lighthouse for the bench report (Node 20 runs Lighthouse 12; pinned in bench/package-lock.json).
bench/node_modules/.installed: bench/package.json bench/package-lock.json node_modules/.installed
	npm ci --prefix bench --no-audit --no-fund --loglevel=error
	touch $@

bench: $(VENV)/.test-installed browser bench/node_modules/.installed
	$(BIN)/python bench/run.py

# External links in the content and the registry (needs network; not run in CI).
linkcheck: $(VENV)/.site-installed
	$(BIN)/python scripts/linkcheck.py --check

clean:
	rm -rf site build dist .pytest_cache test-artifacts
