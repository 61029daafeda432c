# Two commands do all the set-up on a fresh clone (see README.md):
#   make demo   install kg with its pinned spaCy model, build the sample corpus, print a summary
#   make test   install the test dependencies and run the whole suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

# The HTML export inlines vis-network's standalone build, vendored from the npm registry into
# the package (kg/draw/static/, not committed) and checked against its SHA-256.
VIS_NETWORK_VERSION := 10.1.2
VIS_NETWORK_SHA256 := fc674cfa6cceb27a3b40ff4ea75c204a2d8570fb39b9a627127cf7039e141ad4
VIS_NETWORK := kg/draw/static/vis-network.min.js

.PHONY: demo test lint clean vendor chromium

$(BIN)/python:
	@echo "make: creating the virtual environment $(VENV) and updating its pip"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python $(VIS_NETWORK)
	@echo "make: installing kg into $(VENV) with pip: spaCy, its pinned English model" \
	  "(en_core_web_sm 3.8.0), rdflib, Oxigraph and the rest (a minute or two, once)"
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python $(VIS_NETWORK)
	@echo "make: installing kg and its test tools into $(VENV) with pip: spaCy and its" \
	  "pinned English model, pytest, ruff, mypy, Ray, Selenium, Jupyter (a few minutes, once)"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

vendor: $(VIS_NETWORK)

$(VIS_NETWORK):
	@tmp=$$(mktemp -d) && js=$$tmp/package/standalone/umd/vis-network.min.js && \
	(cd $$tmp && npm pack --silent --ignore-scripts --loglevel=error vis-network@$(VIS_NETWORK_VERSION) >/dev/null) && \
	tar -xzf $$tmp/vis-network-$(VIS_NETWORK_VERSION).tgz -C $$tmp package/standalone/umd/vis-network.min.js && \
	echo "$(VIS_NETWORK_SHA256)  $$js" | sha256sum --check --quiet && \
	cp $$js $@; status=$$?; rm -rf $$tmp; exit $$status

# Debian's Chromium and its driver, for tests/test_browser.py (installed as root, once).
chromium:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null)

demo: $(VENV)/.installed
	$(BIN)/kg build examples/corpus -o $(OUT)/graph.ttl --store $(OUT)/store
	$(BIN)/kg query --store $(OUT)/store queries/people.rq

# pytest exits 5 when it collects no test: that is not a failure of the suite.
test: $(VENV)/.dev-installed chromium
	$(BIN)/python -m pytest -q; status=$$?; [ $$status -eq 5 ] && status=0; exit $$status

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check kg tests
	$(BIN)/ruff format --check kg tests
	$(BIN)/mypy

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
