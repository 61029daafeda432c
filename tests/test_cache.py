"""The extraction cache of a store: what it gives back, what it refuses, and the documents a
store holds (none leaves it without being asked to).

Most tests fill the cache by hand, so a build finds every document there and spaCy never runs.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.config import Settings
from kg.errors import InputError, StoreError
from kg.extract.nlp import rules_fingerprint
from kg.pipeline import remove_documents, run_build
from kg.read.documents import read_documents
from kg.records import Document, Extraction, Sentence
from kg.store.cache import CACHE_DIR, ExtractionCache, document_key, extraction_to_json
from tests.conftest import write_files

SETTINGS = Settings()
FINGERPRINT = rules_fingerprint(SETTINGS.model)
ARTICLES = {
    "a.txt": "Rain in Lima\n\nHeavy rain fell on Lima on Monday, officials said in a statement.\n",
    "b.txt": "Snow in Oslo\n\nSnow fell on Oslo on Tuesday, officials said in a statement.\n",
    "c.txt": "Sun in Accra\n\nThe sun shone on Accra on Friday, officials said in a statement.\n",
}


def extraction_of(doc: Document) -> Extraction:
    """What spaCy might have read: the whole text as one sentence, nothing named."""
    return Extraction(doc, (Sentence(doc.doc_id, 0, 0, len(doc.text), doc.text),), ())


def read(path: Path) -> list[Document]:
    def fail(error: InputError) -> None:
        raise error

    return list(read_documents([path], on_error=fail))


def seed(folder: Path, store: Path) -> list[Document]:
    """Cache an extraction of every article under ``folder``, as a build would."""
    docs = read(folder)
    cache = ExtractionCache(store, fingerprint=FINGERPRINT)
    for doc in docs:
        cache.put(extraction_of(doc))
    return docs


def held_in_store(store: Path) -> list[str]:
    """The document ids the Oxigraph store itself holds (not what the cache says)."""
    query = "SELECT ?id { ?d a schema:NewsArticle ; schema:identifier ?id }"
    answer = ox.Store.read_only(str(store)).query(
        query, prefixes={"schema": "https://schema.org/"}, use_default_graph_as_union=True
    )
    assert isinstance(answer, ox.QuerySolutions)
    return sorted(str(row["id"].value) for row in answer)


def entry_path(store: Path, doc_id: str) -> Path:
    return ExtractionCache(store, fingerprint=FINGERPRINT)._path(doc_id)


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    """A store built from a.txt, b.txt and c.txt, every extraction from the cache."""
    folder, store = write_files(tmp_path / "in", ARTICLES), tmp_path / "store"
    seed(folder, store)
    report = run_build([folder], settings=SETTINGS, store=store)
    assert (report.extracted, report.reused, report.documents) == (0, 3, 3)
    return folder, store


# -- the key: everything the graph is built from -------------------------------------------------

DOC = Document("a.txt", "in/a.txt", "Rain fell.", headline="Rain", published=date(2024, 1, 2))


@pytest.mark.parametrize(
    "change",
    [
        {"text": "Snow fell."},
        {"headline": "Snow"},
        {"published": date(2024, 1, 3)},
        {"publisher": "Reuters"},
        {"url": "https://example.org/a"},
        {"dateline_place": "Lima"},
    ],
    ids=lambda change: next(iter(change)),
)
def test_a_change_of_any_field_is_a_miss(tmp_path: Path, change: dict[str, object]) -> None:
    cache = ExtractionCache(tmp_path, fingerprint=FINGERPRINT)
    cache.put(extraction_of(DOC))
    assert cache.get(DOC) == extraction_of(DOC)
    changed = dataclasses.replace(DOC, **change)  # type: ignore[arg-type]
    assert document_key(changed) != document_key(DOC)
    assert cache.get(changed) is None


# -- bad entries are misses, with one warning ---------------------------------------------------

BAD_ENTRIES = {
    "empty": b"",
    "truncated": json.dumps({"fingerprint": "x", "extraction": {}}).encode()[:20],
    "braces": b"{}",
    "not-utf8": b"\xff\xfe",
    "numeric-publisher": None,  # the real entry, with a number for a publisher
    "other-document": None,  # the real entry of another document
}


def bad_entry(name: str, good: dict[str, object]) -> bytes:
    if name == "numeric-publisher":
        extraction = json.loads(json.dumps(good["extraction"]))
        extraction["document"]["publisher"] = 5
        return json.dumps({**good, "extraction": extraction}).encode()
    if name == "other-document":
        extraction = extraction_to_json(extraction_of(dataclasses.replace(DOC, doc_id="z.txt")))
        return json.dumps({**good, "extraction": extraction}).encode()
    content = BAD_ENTRIES[name]
    assert content is not None
    return content


@pytest.mark.parametrize("name", sorted(BAD_ENTRIES))
def test_a_bad_entry_is_a_miss_with_one_warning(tmp_path: Path, name: str) -> None:
    warnings: list[str] = []
    cache = ExtractionCache(tmp_path, fingerprint=FINGERPRINT, on_warning=warnings.append)
    cache.put(extraction_of(DOC))
    path = cache._path(DOC.doc_id)
    path.write_bytes(bad_entry(name, json.loads(path.read_text(encoding="utf-8"))))
    assert cache.get(DOC) is None
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{path}: unreadable cache entry (")
    assert warnings[0].endswith("; reading a.txt again")


@pytest.mark.parametrize("name", ["empty", "braces", "numeric-publisher"])
def test_a_bad_entry_of_a_given_file_is_read_anew(built, name: str) -> None:
    """The build reads it again (here a hand-made entry stands in for spaCy's)."""
    folder, store = built
    path = entry_path(store, "a.txt")
    path.write_bytes(bad_entry(name, json.loads(path.read_text(encoding="utf-8"))))
    [doc] = read(folder / "a.txt")
    warnings: list[str] = []
    cache = ExtractionCache(store, fingerprint=FINGERPRINT, on_warning=warnings.append)
    assert cache.get(doc) is None and len(warnings) == 1
    cache.put(extraction_of(doc))  # what the build does after spaCy read it
    report = run_build([folder], settings=SETTINGS, store=store)
    assert (report.reused, report.documents) == (3, 3)


# -- no document leaves the store without being asked to -----------------------------------------


@pytest.mark.parametrize("damage", ["deleted", "empty", "braces", "numeric-publisher"])
def test_a_held_document_whose_entry_is_gone_stops_the_build(built, tmp_path, damage) -> None:
    folder, store = built
    path = entry_path(store, "a.txt")
    if damage == "deleted":
        path.unlink()
    else:
        path.write_bytes(bad_entry(damage, json.loads(path.read_text(encoding="utf-8"))))
    with pytest.raises(StoreError, match=r"can no longer rebuild: a\.txt \(") as raised:
        run_build([folder / "b.txt"], settings=SETTINGS, store=store)
    assert "\n" not in str(raised.value)
    assert "Build them again from their files, or kg remove them" in str(raised.value)
    assert held_in_store(store) == ["a.txt", "b.txt", "c.txt"]
    # given again, the document is read again (spaCy's part played by seed) and all is there
    seed(folder, store)
    report = run_build([folder / "a.txt"], settings=SETTINGS, store=store)
    assert held_in_store(store) == ["a.txt", "b.txt", "c.txt"] and report.kept == 2


def test_documents_not_given_again_stay(built) -> None:
    folder, store = built
    report = run_build([folder / "b.txt"], settings=SETTINGS, store=store)
    assert (report.reused, report.kept, report.documents) == (1, 2, 3)
    assert held_in_store(store) == ["a.txt", "b.txt", "c.txt"]


def test_prune_drops_the_others_and_forgets_their_entries(built) -> None:
    folder, store = built
    entry_path(store, "a.txt").unlink()  # pruned: its entry is not needed
    report = run_build([folder / "b.txt"], settings=SETTINGS, store=store, prune=True)
    assert report.removed == ("a.txt", "c.txt")
    assert held_in_store(store) == ["b.txt"]
    assert not entry_path(store, "c.txt").exists()
    assert run_build([folder / "b.txt"], settings=SETTINGS, store=store).kept == 0


# -- kg remove: all or nothing ------------------------------------------------------------------


def test_remove_drops_the_document_and_its_entry(built) -> None:
    _, store = built
    report = remove_documents(["b.txt"], store=store, settings=SETTINGS)
    assert (report.removed, report.documents, report.kept) == (("b.txt",), 2, 2)
    assert held_in_store(store) == ["a.txt", "c.txt"]
    assert not entry_path(store, "b.txt").exists()


def test_remove_of_an_unknown_id_removes_nothing(built) -> None:
    _, store = built
    with pytest.raises(StoreError, match=r"not in the store: nope\.txt .*nothing removed"):
        remove_documents(["b.txt", "nope.txt"], store=store, settings=SETTINGS)
    assert held_in_store(store) == ["a.txt", "b.txt", "c.txt"]
    assert entry_path(store, "b.txt").exists()


def test_remove_when_a_staying_document_cannot_be_rebuilt_removes_nothing(built) -> None:
    _, store = built
    entry_path(store, "a.txt").write_text("{}", encoding="utf-8")
    with pytest.raises(StoreError, match=r"can no longer rebuild: a\.txt"):
        remove_documents(["b.txt"], store=store, settings=SETTINGS)
    assert held_in_store(store) == ["a.txt", "b.txt", "c.txt"]
    assert entry_path(store, "b.txt").exists()
    # the document whose entry is bad can itself be removed
    remove_documents(["a.txt"], store=store, settings=SETTINGS)
    assert held_in_store(store) == ["b.txt", "c.txt"]


def test_kg_remove_of_an_unknown_id_is_one_line_and_status_1(built) -> None:
    _, store = built
    result = CliRunner().invoke(main, ["remove", "nope.txt", "--store", str(store)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {store}: not in the store: nope.txt (kg documents --store {store} lists what "
        "it holds); nothing removed"
    ]


def test_a_deleted_cache_folder_loses_no_document(built) -> None:
    folder, store = built
    shutil.rmtree(store / CACHE_DIR)
    seed(folder / "a.txt", store)
    with pytest.raises(StoreError, match=r"b\.txt \(no cache entry\); c\.txt \(no cache entry\)"):
        run_build([folder / "a.txt"], settings=SETTINGS, store=store)
    assert held_in_store(store) == ["a.txt", "b.txt", "c.txt"]
    remove_documents(["b.txt", "c.txt"], store=store, settings=SETTINGS)
    assert held_in_store(store) == ["a.txt"]


def test_a_store_of_an_older_kg_holds_the_documents_of_its_entries(built) -> None:
    """Before documents.json, the entries were the list; such a store keeps its documents."""
    folder, store = built
    (store / CACHE_DIR / "documents.json").unlink()
    report = run_build([folder / "a.txt"], settings=SETTINGS, store=store)
    assert report.kept == 2 and held_in_store(store) == ["a.txt", "b.txt", "c.txt"]


def test_kg_documents_lists_what_the_store_holds(built) -> None:
    _, store = built
    remove_documents(["b.txt"], store=store, settings=SETTINGS)
    result = CliRunner().invoke(main, ["documents", "--store", str(store), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "id,headline,published",
        "a.txt,Rain in Lima,",
        "c.txt,Sun in Accra,",
    ]
