# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STORE  ?= var/store
# Debian packages the tests drive: a real browser and the PDF renderer.
DEBIAN_TEST_PACKAGES := chromium poppler-utils

.PHONY: install install-test system-deps run test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'

# Installs the missing Debian packages when running as root; otherwise says which are missing.
system-deps:
	@missing=""; for p in $(DEBIAN_TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installation des paquets Debian / installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Paquets Debian manquants / missing Debian packages:$$missing — sudo apt-get install$$missing"; exit 1; fi; \
	fi

run: install
	$(BIN)/ecosystem --store $(STORE) load data/mauricie --if-empty
	$(BIN)/ecosystem --store $(STORE) serve

test: install-test system-deps
	$(BIN)/python -m pytest

bench: install-test
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) var build *.egg-info .pytest_cache .hypothesis
