"""Records <-> JSON: the one plain form of an ``Extraction``, for the store's cache and for
the Ray workers that send theirs back.

A publication date is ``{"date": ISO}`` or ``{"datetime": ISO}``, so a time of day, when the
source gives one, comes back as it went. Reading checks every field against the record types,
so JSON we did not write (a truncated or edited cache entry) is a ``ValueError``, not a record
that breaks a later stage.
"""

from __future__ import annotations

import types
import typing
from dataclasses import MISSING, fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any

from kg.records import Document, Extraction


def document_to_json(document: Document) -> dict[str, Any]:
    """Plain JSON values for a document."""
    data: dict[str, Any] = _plain(document)
    data["published"] = _date_to_json(document.published)
    return data


def document_from_json(data: object) -> Document:
    """The document ``document_to_json`` wrote (``ValueError`` if a field does not fit).

    >>> when = datetime(2024, 1, 2, 14, 36)
    >>> document_from_json(document_to_json(Document("a", "a", "x", published=when))).published
    datetime.datetime(2024, 1, 2, 14, 36)
    """
    decoded: Document = _decode(Document, data, "document")
    return decoded


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


def _date_from_json(value: object) -> date | datetime:
    if isinstance(value, dict) and isinstance(value.get("datetime"), str):
        return datetime.fromisoformat(value["datetime"])
    if isinstance(value, dict) and isinstance(value.get("date"), str):
        return date.fromisoformat(value["date"])
    raise ValueError(f"not a date: {value!r}")


def extraction_from_json(data: object) -> Extraction:
    """The extraction ``extraction_to_json`` wrote, every field checked against the record
    types (``ValueError`` if one does not fit: the entry was not written by us).

    >>> import json
    >>> from kg.records import Sentence
    >>> document = Document("a.txt", "a.txt", "Rain.", published=date(2024, 1, 2))
    >>> ex = Extraction(document, (Sentence("a.txt", 0, 0, 5, "Rain."),), ())
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
    if origin is typing.Literal:
        if value not in typing.get_args(hint):
            raise ValueError(f"{where}: {value!r} is none of {typing.get_args(hint)}")
        return value
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
