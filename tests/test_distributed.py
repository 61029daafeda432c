"""Extraction on Ray Data: a Ray build gives the very graph a local build gives."""

from __future__ import annotations

import dataclasses
import json
import shutil
import sys
import time
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import pipeline
from kg.cli import main
from kg.config import Settings
from kg.errors import KgError
from kg.extract import ray_engine
from kg.extract.ray_engine import document_from_row, document_to_row, extract_on_ray
from kg.pipeline import run_build
from kg.records import Document, Extraction
from tests.conftest import ROOT

ARTICLES = ROOT / "tests" / "articles"
NAMES = [
    "colombia_eln_saravena_attack.txt",
    "egypt_turkey_foreign_ministers_ankara.txt",
    "poland_gdansk_mayoral_runoff.md",
    "unhcr_chad_sudan_appeal.md",
]


def quads(store: Path) -> set[str]:
    """Every quad of a store, as text (our IRIs are stable and we mint no blank nodes)."""
    return {str(quad) for quad in ox.Store.read_only(str(store))}


@pytest.mark.model
@pytest.mark.ray
def test_a_ray_build_equals_a_local_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Four articles, extracted on a local Ray instance of 2 CPUs and bulk-loaded from
    N-Quads shards, give the quads a local build gives; Ray is stopped afterwards. Ray is
    imported first, as a notebook would: its instance is on the loopback address all the same.
    """
    ray = pytest.importorskip("ray", reason="the ray engine needs kg[ray]")
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in NAMES:
        shutil.copy(ARTICLES / name, folder / name)
    local = run_build([folder], settings=Settings(), store=tmp_path / "local")

    nodes: set[str] = set()

    def on_two_cpus(documents: Iterable[Document], **options: Any) -> Iterator[Extraction]:
        for extraction in extract_on_ray(documents, num_cpus=2, **options):
            nodes.update(node["NodeManagerAddress"] for node in ray.nodes())
            yield extraction

    monkeypatch.setattr(pipeline, "extract_on_ray", on_two_cpus)
    settings = Settings(engine="ray")
    started = time.monotonic()
    on_ray = run_build([folder], settings=settings, store=tmp_path / "ray")
    print(f"ray build of {len(NAMES)} documents: {time.monotonic() - started:.1f} s")

    assert not ray.is_initialized(), "the build left its local Ray instance running"
    assert nodes == {"127.0.0.1"}, "the local Ray instance should be on the loopback address"
    assert dataclasses.replace(on_ray, store=None) == dataclasses.replace(local, store=None)
    assert quads(tmp_path / "ray") == quads(tmp_path / "local")
    again = run_build([folder], settings=settings, store=tmp_path / "ray")
    assert (again.extracted, again.reused) == (0, len(NAMES))  # the cache, as with local


@pytest.mark.parametrize(
    "published", [None, date(2024, 1, 2), datetime(2024, 1, 2, 14, 36, 5)], ids=str
)
def test_a_document_crosses_to_a_worker_as_a_plain_row(published: date | None) -> None:
    doc = Document("a.txt", "news/a.txt", "Rain fell.", "Rain", published, "Daily", None, "Lima")
    row = document_to_row(doc, position=3)
    assert all(v is None or isinstance(v, str | int) for v in row.values())
    assert row["position"] == 3
    assert document_from_row(row) == doc


def test_extractions_come_back_in_document_order() -> None:
    from kg.extract.nlp import rules_fingerprint
    from kg.records_json import extraction_to_json

    def row(position: int, fingerprint: str) -> dict[str, object]:
        ex = Extraction(Document(f"{position}.txt", f"{position}.txt", "x"), (), ())
        return {
            "position": position,
            "extraction": json.dumps(extraction_to_json(ex)),
            "fingerprint": fingerprint,
        }

    ours = rules_fingerprint(Settings().model)
    rows = [row(2, ours), row(0, ours), row(1, ours)]
    ids = [ex.document.doc_id for ex in ray_engine._in_order(rows, 3, ours)]
    assert ids == ["0.txt", "1.txt", "2.txt"]
    with pytest.raises(KgError, match="other rules"):
        list(ray_engine._in_order([row(0, "another")], 1, ours))
    with pytest.raises(KgError, match="2 extractions of 3 documents"):
        list(ray_engine._in_order([row(0, ours), row(2, ours)], 3, ours))


def test_without_ray_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    doc = Document("a.txt", "a.txt", "Rain fell.")
    with pytest.raises(KgError, match=r"kg\[ray\]"):
        list(extract_on_ray([doc], settings=Settings(engine="ray")))


def test_ray_address_needs_the_ray_engine(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Rain\n\nRain fell on Lima.\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["build", str(tmp_path), "--store", str(tmp_path / "s"), "--ray-address", "auto"]
    )
    assert result.exit_code == 2
    assert "--engine ray" in result.output
