"""The extraction cache of a store: what spaCy read from each document, kept as JSON.

An incremental build runs spaCy only on documents whose text (or whose reading rules) changed:
every other extraction comes back from ``STORE/kg-cache``. The cache is also the list of the
documents the store holds, one file per document, written atomically (temporary file, then
rename), so a build killed half-way leaves every file whole.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path

from kg import __version__
from kg.records import Document, Extraction
from kg.records_json import extraction_from_json, extraction_to_json

CACHE_DIR = "kg-cache"
RULE_DATA = ("read", "extract/patterns", "knowledge/data")
"""The folders of ``kg`` whose ``.jsonl`` files (boilerplate, patterns, word lists, gazetteer)
decide what a document reads as."""


@cache
def rules_fingerprint(model: str) -> str:
    """What an extraction depends on besides the text: model, versions, our patterns and data."""
    import spacy  # only a build needs it; queries check the store's marker without it

    digest = hashlib.sha256(f"{__version__}|{spacy.__version__}|{model}".encode())
    for folder in RULE_DATA:
        for path in sorted(resources.files("kg").joinpath(folder).iterdir(), key=lambda p: p.name):
            if path.name.endswith(".jsonl"):
                digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


class ExtractionCache:
    """One JSON file per document of the store, named by its document id."""

    def __init__(self, store_dir: str | Path, *, model: str) -> None:
        self.folder = Path(store_dir) / CACHE_DIR
        self.folder.mkdir(parents=True, exist_ok=True)
        self.fingerprint = rules_fingerprint(model)

    def _path(self, doc_id: str) -> Path:
        return self.folder / f"{hashlib.sha256(doc_id.encode()).hexdigest()[:32]}.json"

    def get(self, document: Document) -> Extraction | None:
        """The cached extraction of this very text read with these very rules, if any."""
        path = self._path(document.doc_id)
        if not path.is_file():
            return None
        entry = json.loads(path.read_text(encoding="utf-8"))
        fresh = entry["fingerprint"] == self.fingerprint
        if not fresh or entry["content_hash"] != document.content_hash:
            return None
        return extraction_from_json(entry["extraction"])

    def put(self, extraction: Extraction) -> None:
        entry = {
            "fingerprint": self.fingerprint,
            "content_hash": extraction.document.content_hash,
            "extraction": extraction_to_json(extraction),
        }
        path = self._path(extraction.document.doc_id)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)

    def remove(self, doc_ids: set[str]) -> set[str]:
        """Forget these documents; returns the ids that were there."""
        removed = {doc_id for doc_id in doc_ids if self._path(doc_id).is_file()}
        for doc_id in removed:
            self._path(doc_id).unlink()
        return removed

    def extractions(self, *, besides: Iterable[str] = ()) -> Iterator[Extraction]:
        """The documents the store holds, as last extracted (whatever rules read them), but
        for the ones named in ``besides`` (the caller has them in hand)."""
        skip = {self._path(doc_id).name for doc_id in besides}
        for path in sorted(self.folder.glob("*.json")):
            if path.name not in skip:
                entry = json.loads(path.read_text(encoding="utf-8"))
                yield extraction_from_json(entry["extraction"])

    def doc_ids(self, *, besides: Iterable[str] = ()) -> set[str]:
        """The ids of the documents the store holds, but for ``besides``."""
        return {e.document.doc_id for e in self.extractions(besides=besides)}
