# Two commands do everything on a fresh machine with Python >= 3.11:
#   make run   - set up .venv, build the graph from corpus/, write output/, print a summary and the findings to read first
#   make test  - set up .venv with the test extras (and Chromium and Virtuoso where apt is available), run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip

.PHONY: run test bench notebook serve browser virtuoso screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(VENV)/.run: pyproject.toml | $(BIN)/python
	$(PIP) install -q -e .
	touch $@

$(VENV)/.test: pyproject.toml | $(BIN)/python
	$(PIP) install -q -e '.[test]'
	$(BIN)/python -m ipykernel install --user --name claimgraph --display-name "claimgraph" >/dev/null
	touch $@ $(VENV)/.run

$(VENV)/.notebook: pyproject.toml | $(BIN)/python
	$(PIP) install -q -e '.[notebook]'
	$(BIN)/python -m ipykernel install --user --name claimgraph --display-name "claimgraph" >/dev/null
	touch $@

run: $(VENV)/.run
	$(BIN)/claimgraph build

# Debian's Chromium drives the browser tests; installed when missing and apt is usable.
browser:
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		apt-get update -q && apt-get install -y -q chromium; fi

# Debian's Virtuoso is the second SPARQL server the remote-store tests start; installed when missing and apt is
# usable. The tests start their own server, on 127.0.0.1 in a temporary folder.
virtuoso:
	@if ! command -v virtuoso-t >/dev/null && command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q virtuoso-opensource; fi

test: $(VENV)/.test browser virtuoso
	$(BIN)/python -m pytest

# The browser tests, keeping their screenshots (1400 and 400 px wide) in output/screenshots/.
screenshots: $(VENV)/.test browser
	CLAIMGRAPH_SCREENSHOTS=$(CURDIR)/output/screenshots $(BIN)/python -m pytest -q tests/outputs -k browser

bench: $(VENV)/.run
	$(BIN)/python bench/run.py

notebook: $(VENV)/.notebook
	$(BIN)/jupyter lab notebooks/

serve: $(VENV)/.run
	$(BIN)/claimgraph serve

clean:
	find output -mindepth 1 ! -name README.md -exec rm -rf {} +
	rm -rf $(VENV)
