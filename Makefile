# Two commands do all the set-up on a fresh clone (see README.md):
#   make demo   install kg with its pinned spaCy model, build the sample corpus, print a summary
#   make test   install the test dependencies and run the whole suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

# The HTML export inlines vis-network's standalone build, kept in the repository (with its
# licences) so that a wheel or sdist carries it and pip needs no npm. `make vendor` fetches the
# pinned version from the npm registry again and checks it against its SHA-256 (to upgrade,
# change both; tests/test_packaging.py checks the file kept against the pin).
VIS_NETWORK_VERSION := 10.1.2
VIS_NETWORK_SHA256 := fc674cfa6cceb27a3b40ff4ea75c204a2d8570fb39b9a627127cf7039e141ad4
VIS_NETWORK := kg/draw/static/vis-network

# Every package of the dev install at the version tested (Python 3.11 on Linux), for
# reproducible installs: `make constraints` writes it again from .venv.
CONSTRAINTS := constraints.txt

.PHONY: demo test lint clean vendor chromium constraints

$(BIN)/python:
	@echo "make: creating the virtual environment $(VENV) and updating its pip"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	@echo "make: installing kg into $(VENV) with pip: spaCy, its pinned English model" \
	  "(en_core_web_sm 3.8.0), rdflib, Oxigraph and the rest (a minute or two, once)"
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	@echo "make: installing kg and its test tools into $(VENV) with pip: spaCy and its" \
	  "pinned English model, pytest, ruff, mypy, Ray, Selenium, Jupyter (a few minutes, once)"
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e ".[dev]"
	touch $@ $(VENV)/.installed

constraints: $(VENV)/.dev-installed
	(echo "# pip constraints: the versions kg is tested with (make constraints)"; \
	 $(BIN)/python -m pip freeze --exclude-editable --exclude kg) > $(CONSTRAINTS)

vendor:
	@tmp=$$(mktemp -d) && pkg=$$tmp/package && \
	(cd $$tmp && npm pack --silent --ignore-scripts --loglevel=error vis-network@$(VIS_NETWORK_VERSION) >/dev/null) && \
	tar -xzf $$tmp/vis-network-$(VIS_NETWORK_VERSION).tgz -C $$tmp && \
	echo "$(VIS_NETWORK_SHA256)  $$pkg/standalone/umd/vis-network.min.js" | sha256sum --check --quiet && \
	cp $$pkg/standalone/umd/vis-network.min.js $(VIS_NETWORK).min.js && \
	cp $$pkg/LICENSE-MIT $(VIS_NETWORK).LICENSE-MIT && \
	cp $$pkg/LICENSE-APACHE-2.0 $(VIS_NETWORK).LICENSE-APACHE-2.0; \
	status=$$?; rm -rf $$tmp; exit $$status

# Debian's Chromium and its driver, for tests/test_browser.py: make test installs them with
# apt-get (as root, once) and says so; where it cannot, the browser tests skip and say why.
chromium:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  echo "make: installing Debian's chromium and chromium-driver (apt-get) for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq chromium chromium-driver >/dev/null) || \
	  echo "make: chromium could not be installed (apt-get needs root on Debian); the browser tests will skip"; \
	fi

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
