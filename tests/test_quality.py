"""Quality floors, measured by the shared scorer (``../shared/eval/score.py``).

The seeds floors are the ones the issues set. ``tests/articles/`` and ``tests/heldout/`` are
articles we wrote, each corpus with a hand-made gold file; the first guided a few general
fixes (its README says which), the second has never been tuned on. Their floors sit a little
below what the build scores today, so that a change that makes the extractor worse on unseen
text fails here.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import SHARED, Built, _build

SCORER = SHARED / "eval" / "score.py"
ARTICLES = Path(__file__).parent / "articles"
HELDOUT = Path(__file__).parent / "heldout"

pytestmark = pytest.mark.model


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kg_score", SCORER)
    assert spec is not None and spec.loader is not None, f"{SCORER}: the shared scorer is missing"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(graph: Path, gold: Path) -> dict[str, Any]:
    scorer = _scorer()
    report: dict[str, Any] = scorer.score(scorer.Graph([str(graph)]), scorer.Gold(str(gold)))
    parts = ("entities", "facts", "events", "event_slots", "statements")
    print({part: report[part]["f1"] for part in parts})
    return report


@pytest.fixture(scope="module")
def seeds_report(seeds_built: Built) -> dict[str, Any]:
    return score(seeds_built.ttl, SHARED / "eval" / "seeds.gold.json")


@pytest.fixture(scope="module")
def articles_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    built = _build(ARTICLES, tmp_path_factory.mktemp("articles"))
    return score(built.ttl, ARTICLES / "gold.json")


@pytest.fixture(scope="module")
def heldout_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    built = _build(HELDOUT, tmp_path_factory.mktemp("heldout"))
    return score(built.ttl, HELDOUT / "gold.json")


@pytest.mark.parametrize(
    ("part", "floor"),
    [
        ("entities", 0.95),  # issue 3 asks 0.80, issue 4 0.95
        ("facts", 0.85),
        ("events", 0.90),
        ("event_slots", 0.80),
        ("statements", 0.90),
    ],
)
def test_seeds_floor(seeds_report: dict[str, Any], part: str, floor: float) -> None:
    assert seeds_report[part]["f1"] >= floor, seeds_report[part]


def test_seeds_have_no_split_or_duplicate_entity(seeds_report: dict[str, Any]) -> None:
    assert seeds_report["split_entities"] == []
    assert seeds_report["duplicates"] == {}


def test_seeds_boilerplate_gives_no_entity(seeds_report: dict[str, Any]) -> None:
    assert seeds_report["entities"]["from_boilerplate"] == []


ARTICLES_FLOORS = {  # scored 0.948 0.815 0.880 0.764 0.965 on 2026-11-23
    "entities": 0.90,
    "facts": 0.76,
    "events": 0.84,
    "event_slots": 0.72,
    "statements": 0.90,
}
HELDOUT_FLOORS = {  # scored 0.866 0.698 0.737-0.789 0.714-0.800 0.958 when it was written
    "entities": 0.84,
    "facts": 0.66,
    "events": 0.70,  # the scorer pairs events greedily, in an order Python's hash seed sets:
    "event_slots": 0.68,  # the same graph scores one of two values here
    "statements": 0.92,
}


@pytest.mark.parametrize(("part", "floor"), sorted(ARTICLES_FLOORS.items()))
def test_articles_floor(articles_report: dict[str, Any], part: str, floor: float) -> None:
    assert articles_report[part]["f1"] >= floor, articles_report[part]


@pytest.mark.parametrize(("part", "floor"), sorted(HELDOUT_FLOORS.items()))
def test_heldout_floor(heldout_report: dict[str, Any], part: str, floor: float) -> None:
    assert heldout_report[part]["f1"] >= floor, heldout_report[part]
