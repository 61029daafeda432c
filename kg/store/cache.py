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
import types
import typing
from collections.abc import Callable, Iterable
from dataclasses import MISSING, fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from kg import __version__
from kg.errors import StoreError
from kg.records import Document, Extraction

CACHE_DIR = "kg-cache"
INCOMPLETE = "BUILD-INCOMPLETE"
HELD = "documents.json"
"""The list of the documents the store holds, written after each write of the store."""
RULE_DATA = ("read", "extract/patterns", "knowledge/data")
"""The folders of ``kg`` whose ``.jsonl`` files (boilerplate, patterns, word lists, gazetteer)
decide what a document reads as."""
_ENTRY_NAME = re.compile(r"[0-9a-f]{32}\.json")


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
        model: the spaCy pipeline; an entry read with other rules is stale.
        on_warning: told, in one line, of each entry that cannot be read (it is then a miss).
    """

    def __init__(
        self,
        store_dir: str | Path,
        *,
        model: str,
        on_warning: Callable[[str], None] | None = None,
    ) -> None:
        self.folder = Path(store_dir) / CACHE_DIR
        self.folder.mkdir(parents=True, exist_ok=True)
        self.fingerprint = rules_fingerprint(model)
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
        _write_atomically(self._path(extraction.document.doc_id), entry)

    def held(self) -> set[str]:
        """The ids of the documents the store holds.

        A store written before ``documents.json`` existed holds the documents of its entries.
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
            self._warn(f"{path}: unreadable ({reason}); the documents are those of the entries")
        held = set()
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

    def commit(self, doc_ids: Iterable[str]) -> None:
        """Record that the store now holds exactly these documents; forget every other entry."""
        held = sorted(set(doc_ids))
        _write_atomically(self.folder / HELD, {"documents": held})
        keep = {self._path(doc_id).name for doc_id in held}
        for entry in self.folder.iterdir():
            if _ENTRY_NAME.fullmatch(entry.name) and entry.name not in keep:
                entry.unlink(missing_ok=True)

    def mark_incomplete(self, incomplete: bool) -> None:
        """A marker that the store is being rewritten; a crash leaves it behind."""
        marker = self.folder / INCOMPLETE
        if incomplete:
            marker.touch()
        else:
            marker.unlink(missing_ok=True)


def is_incomplete(store_dir: str | Path) -> bool:
    """Whether the last build into this store stopped before it finished writing."""
    return (Path(store_dir) / CACHE_DIR / INCOMPLETE).exists()


def _all_strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _write_atomically(path: Path, data: Any) -> None:
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


# -- records <-> JSON ---------------------------------------------------------------------------


def extraction_to_json(extraction: Extraction) -> dict[str, Any]:
    """Plain JSON values for an extraction (dates as ISO strings)."""
    data: dict[str, Any] = _plain(extraction)
    data["document"] = document_to_json(extraction.document)
    return data


def document_to_json(document: Document) -> dict[str, Any]:
    """Plain JSON values for a document (its publication date as an ISO string)."""
    data: dict[str, Any] = _plain(document)
    data["published"] = _date_to_json(document.published)
    return data


def _plain(value: Any) -> Any:
    """Records as dicts and lists (what ``dataclasses.asdict`` gives, without deep-copying
    every value on the way: that copy was most of the cost of writing the cache)."""
    if is_dataclass(value):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def _date_to_json(value: date | datetime | None) -> dict[str, str] | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    raise ValueError(f"Unexpected publication date: {value!r}")


def _date_from_json(value: object) -> date | datetime:
    if isinstance(value, dict) and isinstance(value.get("datetime"), str):
        return datetime.fromisoformat(value["datetime"])
    if isinstance(value, dict) and isinstance(value.get("date"), str):
        return date.fromisoformat(value["date"])
    raise ValueError(f"not a date: {value!r}")


def extraction_from_json(data: object) -> Extraction:
    """The extraction ``extraction_to_json`` wrote, every field checked against the record
    types (``ValueError`` if one does not fit: the entry was not written by us).

    >>> from kg.records import Sentence
    >>> doc = Document("a.txt", "a.txt", "Rain.", published=date(2024, 1, 2))
    >>> ex = Extraction(doc, (Sentence("a.txt", 0, 0, 5, "Rain."),), ())
    >>> extraction_from_json(json.loads(json.dumps(extraction_to_json(ex)))) == ex
    True
    >>> extraction_from_json({**extraction_to_json(ex), "document": {"doc_id": 5}})
    Traceback (most recent call last):
    ...
    ValueError: extraction.document: missing source, text
    """
    decoded: Extraction = _decode(Extraction, data, "extraction")
    return decoded


_DATES = frozenset({date, datetime})


def _decode(hint: Any, value: object, where: str) -> Any:
    """``value`` as the type ``hint`` names (a record, an enum, a tuple, a scalar)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if value is None and len(options) < len(typing.get_args(hint)):
            return None
        if set(options) == _DATES:
            return _date_from_json(value)
        if len(options) == 1:
            return _decode(options[0], value, where)
        raise TypeError(f"Unexpected record field type: {hint!r}")
    if origin is tuple:
        return _decode_tuple(typing.get_args(hint), value, where)
    if is_dataclass(hint):
        return _decode_record(hint, value, where)
    if isinstance(hint, type) and issubclass(hint, Enum):
        try:
            return hint(value)
        except ValueError as e:
            raise ValueError(f"{where}: {value!r} is no {hint.__name__}") from e
    if hint in (str, int, bool):
        if type(value) is not hint:
            raise ValueError(f"{where}: {value!r} is not of type {hint.__name__}")
        return value
    raise TypeError(f"Unexpected record field type: {hint!r}")


def _decode_tuple(args: tuple[Any, ...], value: object, where: str) -> tuple[Any, ...]:
    if not isinstance(value, list):
        raise ValueError(f"{where}: {value!r} is not a list")
    if len(args) == 2 and args[1] is Ellipsis:
        return tuple(_decode(args[0], item, f"{where}[{i}]") for i, item in enumerate(value))
    if len(value) != len(args):
        raise ValueError(f"{where}: {value!r} does not have {len(args)} items")
    pairs = enumerate(zip(args, value, strict=True))
    return tuple(_decode(hint, item, f"{where}[{i}]") for i, (hint, item) in pairs)


def _decode_record(cls: Any, value: object, where: str) -> Any:
    if not isinstance(value, dict):
        raise ValueError(f"{where}: {value!r} is not a record")
    hints = _field_types(cls)
    unknown = sorted(set(value) - set(hints))
    if unknown:
        raise ValueError(f"{where}: unknown fields {', '.join(map(str, unknown))}")
    required = {f.name for f in fields(cls) if f.default is f.default_factory is MISSING}
    missing = sorted(required - set(value))
    if missing:
        raise ValueError(f"{where}: missing {', '.join(missing)}")
    return cls(
        **{name: _decode(hints[name], item, f"{where}.{name}") for name, item in value.items()}
    )


@cache
def _field_types(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)
