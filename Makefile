# mockpath. On a fresh clone:
#   make serve   run the emulator on http://127.0.0.1:8080/v1 (state in ~/.mockpath)
#   make test    install everything, then lint, type-check and run the test suite
#
# Everything goes into .venv (and node_modules under tests/contract/*). Each install
# leaves a stamp, keyed on the content of pyproject.toml (or on package.json and
# package-lock.json), so a second run installs nothing.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet
SERVE_ARGS ?=
PYTEST_ARGS ?=

PYPROJECT_KEY := $(firstword $(shell cksum < pyproject.toml))
STAMP := $(VENV)/.installed-$(PYPROJECT_KEY)
DEV_STAMP := $(VENV)/.installed-dev-$(PYPROJECT_KEY)

NODE_DIRS := $(patsubst %/package.json,%,$(wildcard tests/contract/*/package.json))
NODE_STAMPS := $(addsuffix /node_modules/.mockpath-installed,$(NODE_DIRS))

.DEFAULT_GOAL := help
.PHONY: help serve test check lint types pytest install install-dev node format clean

help:
	@echo "make serve   run mockpath on http://127.0.0.1:8080/v1 (SERVE_ARGS='--port 9000')"
	@echo "make test    install everything, then ruff check, mypy and pytest (PYTEST_ARGS=...)"
	@echo "make check   the same, plus a ruff format check"
	@echo "make format  ruff format and ruff check --fix"
	@echo "make bench   run the scripts in bench/ (BENCH_ARGS=...), where there are any"
	@echo "make clean   remove .venv, node_modules and tool caches"

serve: install
	$(BIN)/mockpath serve $(SERVE_ARGS)

test: lint types pytest

check: install-dev
	$(BIN)/ruff format --check
	@$(MAKE) --no-print-directory test

lint: install-dev
	$(BIN)/ruff check

types: install-dev
	$(BIN)/mypy

# pytest exits 5 when it collected no test: that is a failure here, like any other.
pytest: install-dev node
	@status=0; $(BIN)/python -m pytest $(PYTEST_ARGS) || status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest ran no test" >&2; fi; \
	exit $$status

format: install-dev
	$(BIN)/ruff format
	$(BIN)/ruff check --fix

install: $(STAMP)
install-dev: $(DEV_STAMP)
node: $(NODE_STAMPS)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): | $(BIN)/python
	$(PIP) install -e .
	touch $@

# the dev extras include the package itself, so they satisfy `install` too
$(DEV_STAMP): | $(BIN)/python
	$(PIP) install -e '.[dev]'
	touch $@ $(STAMP)

.SECONDEXPANSION:
$(NODE_STAMPS): %/node_modules/.mockpath-installed: %/package.json $$(wildcard $$*/package-lock.json)
	cd $* && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# every script in bench/ in turn, each against a server of its own (BENCH_ARGS=...)
BENCH_SCRIPTS := $(wildcard bench/*.py)
ifneq ($(BENCH_SCRIPTS),)
.PHONY: bench
bench: install-dev
	@for script in $(BENCH_SCRIPTS); do \
		echo "== $$script"; $(BIN)/python $$script $(BENCH_ARGS) || exit $$?; \
	done
endif

clean:
	rm -rf $(VENV) $(addsuffix /node_modules,$(NODE_DIRS)) .pytest_cache .mypy_cache .ruff_cache
