"""Incremental builds into a store equal a build from scratch; a killed build heals on rerun."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.config import Settings
from kg.errors import StoreError
from kg.extract.nlp import rules_fingerprint
from kg.pipeline import remove_documents, run_build
from kg.read.documents import read_documents
from kg.store.cache import CACHE_DIR, ExtractionCache
from kg.store.store import mark_incomplete, open_store
from tests.conftest import ROOT

ARTICLES = ROOT / "tests" / "articles"
SETTINGS = Settings()

pytestmark = pytest.mark.model


def quads(store: Path) -> set[str]:
    """Every quad of a store, as text (our IRIs are stable and we mint no blank nodes)."""
    return {str(quad) for quad in ox.Store.read_only(str(store))}


def corpus(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(ARTICLES / name, folder / name)
    return folder


NAMES = sorted(p.name for p in ARTICLES.glob("*.txt"))


def fresh_build(tmp_path: Path, names: list[str]) -> set[str]:
    folder = corpus(tmp_path / "fresh-corpus", names)
    run_build([folder], settings=SETTINGS, store=tmp_path / "fresh-store")
    return quads(tmp_path / "fresh-store")


def test_grown_and_changed_corpus_equals_a_build_from_scratch(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "corpus", NAMES[:4])
    store = tmp_path / "store"
    first = run_build([folder], settings=SETTINGS, store=store)
    assert (first.extracted, first.reused) == (4, 0)

    corpus(folder, NAMES[4:6])
    changed = folder / NAMES[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nThe minister said more.\n")
    second = run_build([folder], settings=SETTINGS, store=store)
    assert (second.extracted, second.reused) == (3, 3)

    (tmp_path / "fresh-corpus").mkdir()
    shutil.copytree(folder, tmp_path / "fresh-corpus", dirs_exist_ok=True)
    run_build([tmp_path / "fresh-corpus"], settings=SETTINGS, store=tmp_path / "fresh-store")
    assert quads(store) == quads(tmp_path / "fresh-store")


def test_documents_stay_unless_pruned_or_removed(tmp_path: Path) -> None:
    store = tmp_path / "store"
    run_build([corpus(tmp_path / "a", NAMES[:2])], settings=SETTINGS, store=store)
    kept = run_build([corpus(tmp_path / "b", NAMES[2:3])], settings=SETTINGS, store=store)
    assert kept.documents == 3 and kept.removed == ()

    pruned = run_build([tmp_path / "b"], settings=SETTINGS, store=store, prune=True)
    assert (pruned.documents, pruned.extracted, pruned.removed) == (1, 0, tuple(NAMES[:2]))
    assert quads(store) == fresh_build(tmp_path, NAMES[2:3])

    run_build([tmp_path / "a"], settings=SETTINGS, store=store)
    with pytest.raises(StoreError, match=r"not in the store: no-such\.txt"):
        remove_documents([NAMES[2], "no-such.txt"], store=store, settings=SETTINGS)
    removed = remove_documents([NAMES[2]], store=store, settings=SETTINGS)
    assert removed.removed == (NAMES[2],) and removed.documents == 2


def test_changed_metadata_alone_is_read_anew(tmp_path: Path) -> None:
    """Only the title changes: the store gets the new title, as a build from scratch would."""
    folder = corpus(tmp_path / "a", NAMES[:2])
    store = tmp_path / "store"
    run_build([folder], settings=SETTINGS, store=store)
    edited = folder / NAMES[0]
    headline, rest = edited.read_text(encoding="utf-8").split("\n", 1)
    edited.write_text(f"{headline} (updated)\n{rest}", encoding="utf-8")
    again = run_build([folder], settings=SETTINGS, store=store)
    assert (again.extracted, again.reused) == (1, 1)
    headlines = ox.Store.read_only(str(store)).quads_for_pattern(
        None, ox.NamedNode("https://schema.org/headline"), None
    )
    titles = {quad.object.value for quad in headlines}
    assert f"{headline} (updated)" in titles and headline not in titles
    shutil.copytree(folder, tmp_path / "fresh-corpus")
    run_build([tmp_path / "fresh-corpus"], settings=SETTINGS, store=tmp_path / "fresh-store")
    assert quads(store) == quads(tmp_path / "fresh-store")


def test_a_truncated_cache_entry_is_read_anew_with_one_warning(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "a", NAMES[:2])
    store = tmp_path / "store"
    run_build([folder], settings=SETTINGS, store=store)
    before = quads(store)
    entry = ExtractionCache(store, fingerprint=rules_fingerprint(SETTINGS.model))._path(NAMES[0])
    entry.write_bytes(entry.read_bytes()[:100])
    warnings: list[str] = []
    again = run_build([folder], settings=SETTINGS, store=store, on_warning=warnings.append)
    assert (again.extracted, again.reused) == (1, 1)
    assert len(warnings) == 1 and str(entry) in warnings[0]
    assert quads(store) == before


def test_changed_rules_read_documents_again(tmp_path: Path) -> None:
    store = tmp_path / "store"
    folder = corpus(tmp_path / "a", NAMES[:1])
    run_build([folder], settings=SETTINGS, store=store)
    [doc] = read_documents([folder], on_error=pytest.fail)
    ours = ExtractionCache(store, fingerprint=rules_fingerprint(SETTINGS.model))
    assert ours.get(doc) is not None
    other = ExtractionCache(store, fingerprint=rules_fingerprint("another_model"))
    assert other.get(doc) is None


def test_killed_build_heals_on_the_next_run(tmp_path: Path) -> None:
    """SIGKILL in the middle of a build; the next build gives what a clean build gives."""
    folder = corpus(tmp_path / "corpus", NAMES)
    store = tmp_path / "store"
    command = [
        sys.executable,
        "-m",
        "kg",
        "build",
        str(folder),
        "--store",
        str(store),
        "--batch-size",
        "1",
        "--quiet",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list((store / CACHE_DIR).glob("*.json"))) < 3:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the build ended before it could be killed"

    healed = run_build([folder], settings=SETTINGS, store=store)
    assert healed.reused >= 3 and healed.documents == len(NAMES)
    assert quads(store) == fresh_build(tmp_path, NAMES)


def test_an_unfinished_store_write_is_refused_then_rewritten(tmp_path: Path) -> None:
    store = tmp_path / "store"
    folder = corpus(tmp_path / "a", NAMES[:1])
    run_build([folder], settings=SETTINGS, store=store)
    mark_incomplete(store, True)
    with pytest.raises(StoreError, match="did not finish"):
        open_store(store, read_only=True)
    run_build([folder], settings=SETTINGS, store=store)
    open_store(store, read_only=True)  # no longer refused: the rebuild took the marker away
    assert quads(store) == fresh_build(tmp_path, NAMES[:1])
