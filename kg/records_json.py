"""Records <-> JSON: the one plain form of an ``Extraction``, for the store's cache and for
the Ray workers that send theirs back.

A publication date is ``{"date": ISO}`` or ``{"datetime": ISO}``, so a time of day, when the
source gives one, comes back as it went.
"""

from __future__ import annotations

from dataclasses import is_dataclass
from datetime import date, datetime
from typing import Any

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


def document_to_json(document: Document) -> dict[str, Any]:
    """Plain JSON values for a document."""
    data: dict[str, Any] = _plain(document)
    data["published"] = _date_to_json(document.published)
    return data


def document_from_json(data: dict[str, Any]) -> Document:
    """The document ``document_to_json`` wrote.

    >>> when = datetime(2024, 1, 2, 14, 36)
    >>> document_from_json(document_to_json(Document("a", "a", "x", published=when))).published
    datetime.datetime(2024, 1, 2, 14, 36)
    """
    return Document(**dict(data, published=_date_from_json(data["published"])))


def extraction_to_json(extraction: Extraction) -> dict[str, Any]:
    """Plain JSON values for an extraction."""
    data: dict[str, Any] = _plain(extraction)
    data["document"] = document_to_json(extraction.document)
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

    >>> import json
    >>> document = Document("a.txt", "a.txt", "Rain.", published=date(2024, 1, 2))
    >>> ex = Extraction(document, (Sentence("a.txt", 0, 0, 5, "Rain."),), ())
    >>> extraction_from_json(json.loads(json.dumps(extraction_to_json(ex)))) == ex
    True
    """
    return Extraction(
        document=document_from_json(data["document"]),
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
