"""The extraction cache of a store: what spaCy read from each document, kept as JSON.

An incremental build runs spaCy only on documents that changed (their text or any of their
metadata) or whose reading rules changed: every other extraction comes back from
``STORE/kg-cache``, one file per document, written atomically (temporary file, then rename),
so a build killed half-way leaves every file whole. Beside them, ``documents.json`` lists the
documents the store holds; it is rewritten only once the store is, so a document leaves the
store only when a build prunes it or ``kg remove`` names it. An entry that cannot be read back
(truncated, edited, written by a bug) is a cache miss, never a crash.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from kg.errors import StoreError
from kg.records import Document, Extraction
from kg.records_json import document_to_json, extraction_from_json, extraction_to_json
from kg.store.store import stored_document_ids

CACHE_DIR = "kg-cache"
HELD = "documents.json"
"""The list of the documents the store holds, written after each write of the store."""
_ENTRY_NAME = re.compile(r"[0-9a-f]{32}\.json")


def document_key(document: Document) -> str:
    """A digest of everything the graph is built from: the text and every metadata field.

    >>> a = Document("a.txt", "a.txt", "Rain.", headline="Rain")
    >>> document_key(a) == document_key(Document("a.txt", "a.txt", "Rain.", headline="Snow"))
    False
    """
    encoded = json.dumps(document_to_json(document), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


class ExtractionCache:
    """One JSON file per document of the store, named by a digest of its document id.

    Args:
        store_dir: the store whose cache this is.
        fingerprint: names the rules the extractions were read with (``kg.extract``'s
            ``rules_fingerprint``): an entry read with other rules is not given back as fresh.
        on_warning: told, in one line, of each entry that cannot be read (it is then a miss).
    """

    def __init__(
        self,
        store_dir: str | Path,
        *,
        fingerprint: str,
        on_warning: Callable[[str], None] | None = None,
    ) -> None:
        self.folder = Path(store_dir) / CACHE_DIR
        self.folder.mkdir(parents=True, exist_ok=True)
        self.fingerprint = fingerprint
        self._warn = on_warning or (lambda _message: None)

    def _path(self, doc_id: str) -> Path:
        return self.folder / f"{hashlib.sha256(doc_id.encode()).hexdigest()[:32]}.json"

    def get(self, document: Document) -> Extraction | None:
        """The cached extraction of this very document read with these very rules, if any."""
        path = self._path(document.doc_id)
        try:
            entry = _read_entry(path, document.doc_id)
        except FileNotFoundError:
            return None
        except ValueError as e:
            self._warn(f"{path}: unreadable cache entry ({e}); reading {document.doc_id} again")
            return None
        fresh = entry["fingerprint"] == self.fingerprint
        if not fresh or entry.get("document_key") != document_key(document):
            return None
        return entry["extraction"]

    def put(self, extraction: Extraction) -> None:
        entry = {
            "fingerprint": self.fingerprint,
            "document_key": document_key(extraction.document),
            "extraction": extraction_to_json(extraction),
        }
        write_atomically(self._path(extraction.document.doc_id), entry)

    def held(self) -> set[str]:
        """The ids of the documents the store holds.

        Without ``documents.json`` (a store of an older kg, or a cache folder deleted), they
        are those of the entries and those the store's graph holds.
        """
        path = self.folder / HELD
        if path.is_file():
            try:
                listed = json.loads(path.read_bytes().decode("utf-8"))
                if isinstance(listed, dict) and _all_strings(listed.get("documents")):
                    return set(listed["documents"])
                reason = "not a list of document ids"
            except (OSError, ValueError) as e:
                reason = getattr(e, "strerror", None) or str(e)
            self._warn(f"{path}: unreadable ({reason}); the store's documents are read instead")
        held = stored_document_ids(self.folder.parent)
        for entry in self.folder.iterdir():
            if _ENTRY_NAME.fullmatch(entry.name):
                try:
                    held.add(_read_entry(entry, None)["extraction"].document.doc_id)
                except ValueError as e:
                    self._warn(f"{entry}: unreadable cache entry ({e}); ignored")
        return held

    def load(self, doc_ids: Iterable[str]) -> list[Extraction]:
        """The cached extractions of documents the store holds but the build was not given.

        Raises:
            StoreError: some of them have no readable entry; they are named, and nothing is
                written (the store keeps them until their files are built again or they are
                removed).
        """
        extractions, missing = [], []
        for doc_id in sorted(doc_ids):
            path = self._path(doc_id)
            try:
                extractions.append(_read_entry(path, doc_id)["extraction"])
            except FileNotFoundError:
                missing.append(f"{doc_id} (no cache entry)")
            except ValueError as e:
                missing.append(f"{doc_id} ({path.name}: {e})")
        if missing:
            raise StoreError(
                f"{self.folder.parent}: the store holds documents it can no longer rebuild: "
                f"{'; '.join(missing)}. Build them again from their files, or kg remove them"
            )
        return extractions

    def has(self, doc_id: str) -> bool:
        """Whether an entry for this document is kept (read back by ``load``)."""
        return self._path(doc_id).is_file()

    def commit(self, doc_ids: Iterable[str]) -> None:
        """Record that the store now holds exactly these documents; forget every other entry."""
        held = sorted(set(doc_ids))
        write_atomically(self.folder / HELD, {"documents": held})
        keep = {self._path(doc_id).name for doc_id in held}
        for entry in self.folder.iterdir():
            if _ENTRY_NAME.fullmatch(entry.name) and entry.name not in keep:
                entry.unlink(missing_ok=True)


def _all_strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def write_atomically(path: Path, data: Any) -> None:
    """``data`` as JSON at ``path``, whole or not at all (a temporary file, then a rename)."""
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)


def _read_entry(path: Path, doc_id: str | None) -> dict[str, Any]:
    """An entry with its extraction decoded; ``ValueError`` says what is wrong with it."""
    try:
        entry = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise
    except OSError as e:
        raise ValueError(e.strerror or str(e)) from e
    except RecursionError as e:
        raise ValueError("nested too deeply") from e
    if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
        raise ValueError("not a cache entry")
    if "extraction" not in entry:
        raise ValueError("no extraction in it")
    extraction = extraction_from_json(entry["extraction"])
    if doc_id is not None and extraction.document.doc_id != doc_id:
        raise ValueError(f"it holds document {extraction.document.doc_id!r}")
    return {**entry, "extraction": extraction}
