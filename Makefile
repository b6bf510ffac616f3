# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STORE  ?= var/store
# Debian packages: cairo draws the PDF/PNG exports, Pango lays out the annual report's PDF; the tests drive a
# real browser, render PDFs, start a real SPARQL server and read the network exports with node (graphology).
DEBIAN_RUN_PACKAGES  := libcairo2 libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
DEBIAN_TEST_PACKAGES := $(DEBIAN_RUN_PACKAGES) chromium poppler-utils virtuoso-opensource-7-bin nodejs libreoffice-calc-nogui
# The npm packages the tests read the GEXF and GraphML exports with (pinned by package-lock.json).
JS_READERS := tests/export/js

.PHONY: install install-test system-deps system-deps-run js-readers run test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'

# Installs the missing Debian packages when running as root; otherwise says which are missing.
system-deps-run:
	@$(MAKE) --no-print-directory system-deps DEBIAN_TEST_PACKAGES="$(DEBIAN_RUN_PACKAGES)"

system-deps:
	@missing=""; for p in $(DEBIAN_TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installation des paquets Debian / installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Paquets Debian manquants / missing Debian packages:$$missing — sudo apt-get install$$missing"; exit 1; fi; \
	fi

run: install system-deps-run
	$(BIN)/ecosystem --store $(STORE) load data/mauricie --if-empty
	$(BIN)/ecosystem --store $(STORE) serve

# Debian's nodejs may come without npm (NodeSource's bundles it): the npm package only when missing.
js-readers: system-deps
	@command -v npm >/dev/null 2>&1 || $(MAKE) --no-print-directory system-deps DEBIAN_TEST_PACKAGES=npm
	npm ci --prefix $(JS_READERS) --no-audit --no-fund --silent

test: install-test system-deps js-readers
	$(BIN)/python -m pytest

# The web benchmark's load generator is Debian's wrk (C; against 127.0.0.1 only, bounded in time).
bench: install-test
	@$(MAKE) --no-print-directory system-deps DEBIAN_TEST_PACKAGES="$(DEBIAN_TEST_PACKAGES) wrk"
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) var build *.egg-info .pytest_cache .hypothesis $(JS_READERS)/node_modules
