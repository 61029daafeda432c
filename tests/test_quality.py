"""Quality floors, measured by ``kg evaluate`` (our scorer of gold files in the contract's schema).

``tests/articles/`` and ``tests/heldout/`` are articles we wrote, each corpus with a hand-made
gold file; the first guided a few general fixes (its README says which), the second served as a
regression check of the real-news work (its misses were read twice). ``tests/news/`` holds
eighty-eight pages modelled on real news: ``dev/`` is tuned on, ``test/`` is frozen and was scored
once, after the tuning. The floors sit a little below what the build scores today, so that a
change that makes the extractor worse on unseen text fails here. The seeds floors (the ones
the issues set) and the check that ``kg evaluate`` agrees with the contract's own
``score.py`` need ``../shared``; they skip with the reason where it is absent.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.evaluate import PARTS
from tests.conftest import SHARED, SHARED_SCORER, Built, _build, require_shared

ARTICLES = Path(__file__).parent / "articles"
HELDOUT = Path(__file__).parent / "heldout"
NEWS_DEV = Path(__file__).parent / "news" / "dev"
NEWS_TEST = Path(__file__).parent / "news" / "test"
SEEDS_GOLD = SHARED / "eval" / "seeds.gold.json"
GOLD = {
    "seeds": SEEDS_GOLD,
    "articles": ARTICLES / "gold.json",
    "heldout": HELDOUT / "gold.json",
    "news_dev": NEWS_DEV / "gold.json",
    "news_test": NEWS_TEST / "gold.json",
}
AGREEMENT = 0.005
"""How far ``kg evaluate`` may be from ``score.py`` on any part (they should not differ)."""

pytestmark = pytest.mark.model


def evaluate(graph: Path, gold: Path) -> dict[str, Any]:
    """``kg evaluate GRAPH --gold GOLD --json``, through the command line."""
    result = CliRunner().invoke(main, ["evaluate", str(graph), "--gold", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    print({part: report[part]["f1"] for part in PARTS})
    return report


def shared_score(graph: Path, gold: Path) -> dict[str, Any]:
    """The contract's own scorer (``../shared/eval/score.py``) on the same graph."""
    require_shared()
    spec = importlib.util.spec_from_file_location("kg_shared_score", SHARED_SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    report: dict[str, Any] = module.score(module.Graph([str(graph)]), module.Gold(str(gold)))
    return report


@pytest.fixture(scope="module")
def articles_built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(ARTICLES, tmp_path_factory.mktemp("articles"))


@pytest.fixture(scope="module")
def heldout_built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(HELDOUT, tmp_path_factory.mktemp("heldout"))


@pytest.fixture(scope="module")
def news_dev_built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(NEWS_DEV, tmp_path_factory.mktemp("news_dev"))


@pytest.fixture(scope="module")
def news_test_built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(NEWS_TEST, tmp_path_factory.mktemp("news_test"))


@pytest.fixture(scope="module")
def seeds_report(seeds_built: Built) -> dict[str, Any]:
    return evaluate(seeds_built.ttl, GOLD["seeds"])


@pytest.fixture(scope="module")
def articles_report(articles_built: Built) -> dict[str, Any]:
    return evaluate(articles_built.ttl, GOLD["articles"])


@pytest.fixture(scope="module")
def heldout_report(heldout_built: Built) -> dict[str, Any]:
    return evaluate(heldout_built.ttl, GOLD["heldout"])


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


@pytest.mark.parametrize("corpus", ["seeds", "articles", "heldout"])
def test_kg_evaluate_agrees_with_the_contract_scorer(request, corpus: str) -> None:
    built: Built = request.getfixturevalue(f"{corpus}_built")
    theirs = shared_score(built.ttl, GOLD[corpus])
    ours = evaluate(built.ttl, GOLD[corpus])
    for part in PARTS:
        assert abs(ours[part]["f1"] - theirs[part]["f1"]) <= AGREEMENT, (part, ours, theirs)
    assert abs(ours["kg_f1"] - theirs["kg_f1"]) <= AGREEMENT
    assert ours["duplicates"] == theirs["duplicates"]


ARTICLES_FLOORS = {  # scored 0.994 0.965 0.945 0.933 0.966 on 2026-12-08
    "entities": 0.97,
    "facts": 0.94,
    "events": 0.91,
    "event_slots": 0.9,
    "statements": 0.94,
}
HELDOUT_FLOORS = {  # scored 0.950 0.902 0.952 0.962 0.980 on 2026-12-08
    "entities": 0.93,
    "facts": 0.87,
    "events": 0.92,
    "event_slots": 0.93,
    "statements": 0.95,
}
NEWS_DEV_FLOORS = {  # scored 0.947 0.864 0.870 0.798 0.904, kg_f1 0.877 on 2026-12-08 (tuned on;
    "entities": 0.92,  # its 16 pages of writers D4 and D5 scored kg_f1 0.597 before the tuning)
    "facts": 0.83,
    "events": 0.83,
    "event_slots": 0.76,
    "statements": 0.88,
    "kg_f1": 0.85,
}
NEWS_TEST_FLOORS = {  # scored 0.874 0.629 0.585 0.553 0.837, kg_f1 0.696 on 2026-12-08, once,
    "entities": 0.85,  # after the tuning ended (frozen: never tuned on)
    "facts": 0.6,
    "events": 0.54,
    "event_slots": 0.51,
    "statements": 0.81,
    "kg_f1": 0.67,
}


@pytest.mark.parametrize(("part", "floor"), sorted(ARTICLES_FLOORS.items()))
def test_articles_floor(articles_report: dict[str, Any], part: str, floor: float) -> None:
    assert articles_report[part]["f1"] >= floor, articles_report[part]


@pytest.mark.parametrize(("part", "floor"), sorted(HELDOUT_FLOORS.items()))
def test_heldout_floor(heldout_report: dict[str, Any], part: str, floor: float) -> None:
    assert heldout_report[part]["f1"] >= floor, heldout_report[part]


@pytest.mark.parametrize(
    ("split", "floors"), [("dev", NEWS_DEV_FLOORS), ("test", NEWS_TEST_FLOORS)]
)
def test_news_floors(request, split: str, floors: dict[str, float]) -> None:
    """Pages modelled on real news, furniture and all (tests/news/README.md)."""
    built: Built = request.getfixturevalue(f"news_{split}_built")
    report = evaluate(built.ttl, GOLD[f"news_{split}"])
    for part, floor in floors.items():
        score = report[part] if part == "kg_f1" else report[part]["f1"]
        assert score >= floor, (part, score, floor)
