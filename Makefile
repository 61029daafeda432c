# Two commands do all the set-up on a fresh clone (see README.md):
#   make demo   install kg with its pinned spaCy model, build the sample corpus, print a summary
#   make test   install the test dependencies and run the whole suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: demo test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/kg build examples/corpus -o $(OUT)/graph.ttl --store $(OUT)/store
	$(BIN)/kg query --store $(OUT)/store queries/people.rq

# pytest exits 5 when it collects no test: that is not a failure of the suite.
test: $(VENV)/.dev-installed
	$(BIN)/python -m pytest -q; status=$$?; [ $$status -eq 5 ] && status=0; exit $$status

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check kg tests
	$(BIN)/ruff format --check kg tests
	$(BIN)/mypy

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
