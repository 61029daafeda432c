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
    decoded: Document = _decoder(Document)(data)
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
    ValueError: document: missing source, text
    """
    decoded: Extraction = _decoder(Extraction)(data)
    return decoded


Decoder = typing.Callable[[object], Any]
_DATES = frozenset({date, datetime})


@cache
def _decoder(hint: Any) -> Decoder:
    """What reads a JSON value as the type ``hint`` names (a record, an enum, a literal, a
    tuple, a scalar), made once per type: the cache reads many entries."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return _optional(hint, [arg for arg in args if arg is not type(None)])
    if origin is tuple:
        return _tuple(args)
    if origin is typing.Literal:
        return _literal(args)
    if is_dataclass(hint):
        return _record(hint)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _enum(hint)
    if hint in (str, int, bool):
        return _scalar(hint)
    raise TypeError(f"Unexpected record field type: {hint!r}")


def _optional(hint: Any, options: list[Any]) -> Decoder:
    if set(options) == _DATES:
        inner: Decoder = _date_from_json
    elif len(options) == 1:
        inner = _decoder(options[0])
    else:
        raise TypeError(f"Unexpected record field type: {hint!r}")
    if len(options) == len(typing.get_args(hint)):
        return inner
    return lambda value: None if value is None else inner(value)


def _tuple(args: tuple[Any, ...]) -> Decoder:
    if len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])

        def sequence(value: object) -> tuple[Any, ...]:
            return tuple(item(each) for each in _list(value))

        return sequence
    items = [_decoder(arg) for arg in args]

    def fixed(value: object) -> tuple[Any, ...]:
        values = _list(value)
        if len(values) != len(items):
            raise ValueError(f"{value!r} does not have {len(items)} items")
        return tuple(read(each) for read, each in zip(items, values, strict=True))

    return fixed


def _list(value: object) -> list[Any]:
    if type(value) is not list:
        raise ValueError(f"{value!r} is not a list")
    return value


def _literal(allowed: tuple[Any, ...]) -> Decoder:
    def literal(value: object) -> object:
        if type(value) is not str or value not in allowed:
            raise ValueError(f"{value!r} is none of {', '.join(map(str, allowed))}")
        return value

    return literal


def _enum(cls: type[Enum]) -> Decoder:
    def member(value: object) -> Enum:
        try:
            return cls(value)
        except ValueError as e:
            raise ValueError(f"{value!r} is no {cls.__name__}") from e

    return member


def _scalar(kind: type) -> Decoder:
    def scalar(value: object) -> object:
        if type(value) is not kind:
            raise ValueError(f"{value!r} is not of type {kind.__name__}")
        return value

    return scalar


def _record(cls: Any) -> Decoder:
    hints = typing.get_type_hints(cls)
    names = frozenset(hints)
    required = frozenset(f.name for f in fields(cls) if f.default is f.default_factory is MISSING)
    readers: dict[str, Decoder] = {}
    scalars = {name: hint for name, hint in hints.items() if hint in (str, int, bool)}

    def record(value: object) -> Any:
        if type(value) is not dict:
            raise ValueError(f"{value!r} is not a record")
        if not names.issuperset(value) or not required.issubset(value):
            unknown, missing = sorted(set(value) - names), sorted(required - set(value))
            raise ValueError(
                f"unknown fields {', '.join(map(str, unknown))}"
                if unknown
                else f"missing {', '.join(missing)}"
            )
        if not readers:  # made on first use: records may refer to each other
            readers.update({name: _decoder(hints[name]) for name in hints})
        decoded = {}
        for name, item in value.items():
            kind = scalars.get(name)
            if kind is not None and type(item) is kind:
                decoded[name] = item
                continue
            try:
                decoded[name] = readers[name](item)
            except ValueError as e:
                raise ValueError(f"{name}: {e}") from e
        return cls(**decoded)

    return record
