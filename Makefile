# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STORE  ?= var/store
# Debian packages: cairo draws the PDF/PNG exports; the tests drive a real browser, render
# PDFs and start a real SPARQL server.
DEBIAN_RUN_PACKAGES  := libcairo2 fonts-dejavu-core
DEBIAN_TEST_PACKAGES := $(DEBIAN_RUN_PACKAGES) chromium poppler-utils virtuoso-opensource-7-bin

.PHONY: install install-test system-deps system-deps-run run test bench clean

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

test: install-test system-deps
	$(BIN)/python -m pytest

bench: install-test
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) var build *.egg-info .pytest_cache .hypothesis
