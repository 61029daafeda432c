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
from dataclasses import is_dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from kg import __version__
from kg.records import (
    Alias,
    Document,
    EventMention,
    Extraction,
    Kind,
    Mention,
    Relation,
    RelationMention,
    Sentence,
    Span,
)

CACHE_DIR = "kg-cache"
INCOMPLETE = "BUILD-INCOMPLETE"
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


# -- records <-> JSON ---------------------------------------------------------------------------


def extraction_to_json(extraction: Extraction) -> dict[str, Any]:
    """Plain JSON values for an extraction (dates as ISO strings)."""
    data: dict[str, Any] = _plain(extraction)
    published = extraction.document.published
    data["document"]["published"] = _date_to_json(published)
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


def _date_from_json(value: dict[str, str] | None) -> date | datetime | None:
    if value is None:
        return None
    if "datetime" in value:
        return datetime.fromisoformat(value["datetime"])
    return date.fromisoformat(value["date"])


def extraction_from_json(data: dict[str, Any]) -> Extraction:
    """The extraction ``extraction_to_json`` wrote.

    >>> doc = Document("a.txt", "a.txt", "Rain.", published=date(2024, 1, 2))
    >>> ex = Extraction(doc, (Sentence("a.txt", 0, 0, 5, "Rain."),), ())
    >>> extraction_from_json(json.loads(json.dumps(extraction_to_json(ex)))) == ex
    True
    """
    doc = dict(data["document"], published=_date_from_json(data["document"]["published"]))
    return Extraction(
        document=Document(**doc),
        sentences=tuple(Sentence(**s) for s in data["sentences"]),
        mentions=tuple(_mention(m) for m in data["mentions"]),
        aliases=tuple(Alias(**a) for a in data["aliases"]),
        relations=tuple(
            RelationMention(
                r["subject"], Relation(r["relation"]), r["object"], Span(**r["span"]), r["title"]
            )
            for r in data["relations"]
        ),
        events=tuple(_event(e) for e in data["events"]),
    )


def _mention(m: dict[str, Any]) -> Mention:
    return Mention(
        **{
            **m,
            "kind": Kind(m["kind"]),
            "span": Span(**m["span"]),
            "descriptors": tuple(m["descriptors"]),
            "described_by": tuple(m["described_by"]),
        }
    )


def _event(e: dict[str, Any]) -> EventMention:
    return EventMention(
        **{
            **e,
            "span": Span(**e["span"]),
            "roles": tuple((role, index) for role, index in e["roles"]),
            "places": tuple(e["places"]),
            "relative": tuple(e["relative"]) if e["relative"] is not None else None,
        }
    )
