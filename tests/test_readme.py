"""The README tells a new user what they need and shows examples that work on the sample corpus."""

from __future__ import annotations

import json
import re

import click
import pytest

from kg.cli import main
from kg.graph.export import RDF_SUFFIXES
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SAMPLE_PEOPLE = {
    name
    for article in json.loads((ROOT / "examples" / "expected.json").read_text()).values()
    for name in article["people"]
}


BUILD_OPTIONS = [p for p in main.commands["build"].params if isinstance(p, click.Option)]


@pytest.mark.parametrize("option", BUILD_OPTIONS, ids=lambda p: p.opts[-1])
def test_every_build_option_is_in_the_readme(option: click.Option) -> None:
    assert any(re.search(rf"(?<![\w-]){re.escape(name)}\b", README) for name in option.opts)


@pytest.mark.parametrize("suffix", RDF_SUFFIXES)
def test_every_rdf_format_is_in_the_readme(suffix: str) -> None:
    assert re.search(rf"`[^`]*\{suffix}\b[^`]*`", README), suffix


def test_the_examples_name_people_of_the_sample_corpus() -> None:
    """``--around "NAME"`` and example IRIs name people the sample corpus holds."""
    arounds = re.findall(r'--around "([^"]+)"', README)
    slugs = re.findall(r"/id/person/([a-z-]+)", README)
    assert arounds and slugs
    assert set(arounds) <= SAMPLE_PEOPLE
    assert set(slugs) <= {name.lower().replace(" ", "-") for name in SAMPLE_PEOPLE}


@pytest.mark.parametrize(
    "said",
    [
        "What `make test` needs",  # Python, make, PyPI, Chromium via apt-get, ../shared optional
        "http://127.0.0.1:7878/` in a browser",  # the YASGUI page the server shows
        "jupyter lab notebooks/walkthrough.ipynb",  # how to open the notebook
        "pip install -c constraints.txt .",  # a plain, reproducible install
    ],
)
def test_the_readme_tells_how_to_start(said: str) -> None:
    assert said in README
