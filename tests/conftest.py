"""Shared paths, graph helpers and the two corpus builds (one model load each per session)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, to_isomorphic

from kg.config import Settings
from kg.pipeline import BuildReport, run_build

ROOT = Path(__file__).parents[1]
SHARED = Path(__file__).parents[2] / "shared"
SEEDS = SHARED / "corpus" / "seeds"
EXAMPLES = ROOT / "examples" / "corpus"
ONTOLOGY = ROOT / "ontology"

GOOD_ARTICLE = "Rain in Lima\n\nHeavy rain fell on Lima on Monday, officials said in a statement.\n"
"""A plain-text article the reader accepts: a headline line and one sentence of story."""


@dataclass(frozen=True)
class Built:
    """A corpus built once per session: the report, the Turtle file and the store."""

    report: BuildReport
    ttl: Path
    store: Path


def _build(corpus: Path, out: Path) -> Built:
    ttl, store = out / "graph.ttl", out / "store"
    report = run_build([corpus], settings=Settings(), output=ttl, store=store)
    return Built(report, ttl, store)


@pytest.fixture(scope="session")
def seeds_built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The seeds corpus (``../shared/corpus/seeds``) built with the real spaCy pipeline."""
    assert SEEDS.is_dir(), f"{SEEDS}: the shared seeds corpus should sit beside the repository"
    return _build(SEEDS, tmp_path_factory.mktemp("seeds"))


@pytest.fixture(scope="session")
def examples_built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """``examples/corpus`` built with the real spaCy pipeline."""
    return _build(EXAMPLES, tmp_path_factory.mktemp("examples"))


@pytest.fixture(scope="session")
def expected() -> dict[str, Any]:
    """What ``examples/expected.json`` says each sample article holds."""
    return json.loads((ROOT / "examples" / "expected.json").read_text(encoding="utf-8"))


def write_files(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``{relative name: text or bytes}`` under ``folder``; returns the folder."""
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def assert_isomorphic(actual: Graph, expected: Graph) -> None:
    """Graphs equal up to blank-node names; on failure the triples on each side are printed."""
    iso_actual, iso_expected = to_isomorphic(actual), to_isomorphic(expected)
    if iso_actual == iso_expected:
        return
    _, only_actual, only_expected = graph_diff(iso_actual, iso_expected)
    print("only in the built graph:\n" + _sorted_nt(only_actual))
    print("only in the expected graph:\n" + _sorted_nt(only_expected))
    raise AssertionError("the graphs differ (see the triples printed above)")


def assert_same_dataset(actual: Dataset, expected: Dataset) -> None:
    """The same named graphs, each isomorphic to its expected content."""
    assert _graph_names(actual) == _graph_names(expected)
    for name in _graph_names(expected):
        assert_isomorphic(actual.graph(name), expected.graph(name))


def _graph_names(ds: Dataset) -> set[str]:
    return {str(g.identifier) for g in ds.graphs() if len(g)}


def _sorted_nt(g: Graph) -> str:
    return "\n".join(sorted(g.serialize(format="nt").splitlines()))
