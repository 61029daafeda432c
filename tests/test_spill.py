"""A corpus kept on disk resolves and builds to what the same corpus in memory gives."""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from rdflib import Graph

import kg.pipeline
from kg.config import Settings
from kg.extract.nlp import rules_fingerprint
from kg.graph.build import iter_quads
from kg.pipeline import resolve_corpus, run_build
from kg.records import Document, EventMention, Extraction, Resolution, Sentence, Span
from kg.resolve.corpus import PerDocument
from kg.resolve.entities import EntityKeys
from kg.resolve.events import _same_time, _timely_pairs, _Told
from kg.store.cache import ExtractionCache
from kg.store.spill import SpilledCorpus
from tests.conftest import EXAMPLES, assert_isomorphic

FIELDS = ("documents", "sentences", "entities", "mentions", "facts", "events")


def sample_extractions(store: Path) -> list[Extraction]:
    """The sample articles as the model read them (the session build's cache)."""
    cache = ExtractionCache(store, fingerprint=rules_fingerprint(Settings().model))
    return cache.load(cache.held())


def test_a_corpus_on_disk_resolves_as_one_in_memory(examples_built):
    extractions = sample_extractions(examples_built.store)
    shuffled = random.Random(3).sample(extractions, len(extractions))
    in_memory = resolve_corpus(extractions)
    on_disk = resolve_corpus(shuffled, spill_after=0)
    assert isinstance(on_disk.mentions, PerDocument)
    assert isinstance(in_memory.mentions, tuple)
    for field in FIELDS:
        assert tuple(getattr(on_disk, field)) == tuple(getattr(in_memory, field)), field
    assert (on_disk.publishers, on_disk.datelines) == (in_memory.publishers, in_memory.datelines)
    assert len(on_disk.mentions) == len(in_memory.mentions) > 0
    settings = Settings()
    assert list(iter_quads(on_disk, settings=settings)) == list(
        iter_quads(in_memory, settings=settings)
    )


def test_a_build_past_the_spill_threshold_gives_the_same_graph(
    examples_built, tmp_path, monkeypatch
):
    store = tmp_path / "store"
    shutil.copytree(examples_built.store, store)  # every extraction comes from its cache
    monkeypatch.setattr(kg.pipeline, "SPILL_AFTER", 1)
    report = run_build([EXAMPLES], settings=Settings(), output=tmp_path / "g.ttl", store=store)
    assert report.reused == report.documents > 1
    assert_isomorphic(Graph().parse(tmp_path / "g.ttl"), Graph().parse(examples_built.ttl))


def extraction(doc_id: str, text: str = "Rain.") -> Extraction:
    document = Document(doc_id, doc_id, text)
    return Extraction(document, (Sentence(doc_id, 0, 0, len(text), text),), ())


def test_the_spilled_corpus_gives_its_extractions_back_in_document_order_each_time():
    with SpilledCorpus([extraction("b"), extraction("a", "One."), extraction("a", "Two.")]) as c:
        c.add(extraction("0"))
        order = [(ex.document.doc_id, ex.document.text) for ex in c]
        assert order == [("0", "Rain."), ("a", "One."), ("a", "Two."), ("b", "Rain.")]
        assert [ex.document.doc_id for ex in c] == ["0", "a", "a", "b"]
        assert len(c) == 4 and extraction("b") in c and extraction("c") not in c
        folder = Path(c._folder.name)
        assert folder.is_dir()
    assert not folder.exists()


def test_entity_keys_are_a_mapping_of_document_and_mention_index():
    keys = EntityKeys()
    keys.add("a", 2, "person:X")
    keys.add("b", 0, "place:Y")
    both = keys.updated({("a", 0): "person:Z", ("b", 0): "place:W"})
    assert dict(keys) == {("a", 2): "person:X", ("b", 0): "place:Y"}
    assert dict(both) == {("a", 0): "person:Z", ("a", 2): "person:X", ("b", 0): "place:W"}
    assert ("a", 1) not in both and ("c", 0) not in both and both.get(("a", 9)) is None
    assert len(both) == 3


def test_only_pairs_of_one_time_are_left_out_of_the_comparison():
    """Every pair that ``_same_time`` allows is among the pairs compared."""
    rng = random.Random(11)
    days = ["2024", "2024-03", "2024-03-05", "2024-03-20", "2024-04", "2023", "2023-12-30", None]
    start = date(2024, 1, 1)
    told = [
        _Told(
            f"d{n % 7}",
            n,
            EventMention("Attack", "Attack", "attack", Span("d", 0, 0, 1), date=rng.choice(days)),
            (),
            (),
            rng.choice([None, start + timedelta(days=rng.randint(0, 120))]),
        )
        for n in range(80)
    ]
    indices = sorted(rng.sample(range(80), 60))
    found = set(_timely_pairs(told, indices))
    allowed = {(i, j) for i in indices for j in indices if i < j and _same_time(told[i], told[j])}
    assert allowed <= found
    assert all(i < j for i, j in found) and len(found) < len(indices) * (len(indices) - 1) / 2


@pytest.mark.parametrize("spill_after", [0, 100])
def test_resolution_is_the_same_whatever_the_order_given(spill_after):
    extractions = [extraction(f"doc{n}", f"Rain {n}.") for n in range(5)]
    resolutions: list[Resolution] = [
        resolve_corpus(order, spill_after=spill_after) for order in (extractions, extractions[::-1])
    ]
    first, second = ([tuple(getattr(r, f)) for f in FIELDS] for r in resolutions)
    assert first == second
