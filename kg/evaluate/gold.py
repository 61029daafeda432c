"""Gold files: a hand-made graph of a corpus, in the schema of the graph contract's scorer.

A gold file is JSON with ``documents``, ``entities`` (each with an ``id``, a ``type`` and its
``labels``), ``optional_entities``, ``absent`` (names seen only in page furniture), ``facts``,
``optional_facts``, ``events``, ``optional_events``, ``statements`` and ``single_node``. It is
read into frozen records here and checked on the way: a malformed file is one ``GoldError``
naming the file and the entry.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from kg.errors import KgError

KINDS = ("Person", "Organization", "Place")
EVENT_CLASSES = ("Meeting", "Attack", "Statement", "Legislation", "Election")


class GoldError(KgError):
    """A gold file that cannot be read or does not follow the schema."""


def fold(text: str) -> str:
    """A name folded for matching: case, accents, apostrophes, dots, hyphens, "'s", "the".

    >>> fold("The Ministry of Foreign Affairs' spokesman"), fold("Al-Sudani's"), fold("U.N.")
    ("ministry of foreign affairs' spokesman", 'al sudani', 'un')
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[\u2018\u2019\u02bc`\u00b4]", "'", text).casefold()
    text = text.replace(".", "").replace("-", " ")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w' ]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the ", "", text)


@dataclass(frozen=True)
class GoldEntity:
    """A person, organization or place, with every surface form the text uses."""

    id: str
    kind: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class GoldFact:
    """A relation between two gold entities; ``title`` is the post's title (a substring)."""

    rel: str
    s: str
    o: str
    title: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.rel, self.s, self.o)


@dataclass(frozen=True)
class GoldEvent:
    """An event the text reports; any one of ``agents_any`` fills the agent slot, any one of
    ``places`` the place; ``date`` is an ISO day, month or year prefix."""

    id: str
    event_class: str
    actors: frozenset[str]
    agents_any: frozenset[str]
    places: frozenset[str]
    date: str | None

    @property
    def n_slots(self) -> int:
        return len(self.actors) + bool(self.agents_any) + bool(self.places) + bool(self.date)


@dataclass(frozen=True)
class GoldDocument:
    """A document of the corpus; a graph's document matches it by the file's stem."""

    id: str
    stem: str


@dataclass(frozen=True)
class Gold:
    """A whole gold file."""

    documents: tuple[GoldDocument, ...]
    entities: tuple[GoldEntity, ...]
    optional_entities: tuple[GoldEntity, ...]
    absent: frozenset[str]
    facts: tuple[GoldFact, ...]
    optional_facts: frozenset[tuple[str, str, str]]
    events: tuple[GoldEvent, ...]
    optional_event_classes: frozenset[str]
    statements: frozenset[tuple[str, str]]
    single_node: tuple[str, ...]

    @cached_property
    def required(self) -> dict[str, GoldEntity]:
        return {e.id: e for e in self.entities}

    @cached_property
    def optional_ids(self) -> frozenset[str]:
        return frozenset(e.id for e in self.optional_entities)

    def entity_by_label(self) -> dict[str, str]:
        """Folded label -> entity id; a label two entities share goes to the first listed."""
        by_label: dict[str, str] = {}
        for entity in (*self.entities, *self.optional_entities):
            for label in entity.labels:
                by_label.setdefault(fold(label), entity.id)
        return by_label


def load_gold(path: str | Path) -> Gold:
    """Read and check a gold file.

    Raises:
        GoldError: the file cannot be read, is not JSON, or an entry lacks a field.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise GoldError(f"{path}: cannot read: {e.strerror or e}") from e
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise GoldError(f"{path}: not a JSON gold file ({e})") from e
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
        raise GoldError(f"{path}: not a gold file: no 'entities' list")
    try:
        return _gold(data)
    except (KeyError, TypeError, ValueError) as e:
        raise GoldError(f"{path}: not a gold file of the contract's schema: {e}") from e


def _gold(data: dict[str, Any]) -> Gold:
    return Gold(
        documents=tuple(
            GoldDocument(_text(d, "id"), Path(_text(d, "file")).stem)
            for d in _entries(data, "documents")
        ),
        entities=tuple(_entity(e, typed=True) for e in _entries(data, "entities")),
        optional_entities=tuple(
            _entity(e, typed=False) for e in _entries(data, "optional_entities")
        ),
        absent=frozenset(fold(str(name)) for name in data.get("absent", [])),
        facts=tuple(_fact(f) for f in _entries(data, "facts")),
        optional_facts=frozenset(_fact(f).key for f in _entries(data, "optional_facts")),
        events=tuple(_event(e) for e in _entries(data, "events")),
        optional_event_classes=frozenset(
            _text(e, "type") for e in _entries(data, "optional_events")
        ),
        statements=frozenset(
            (_text(s, "speaker"), _text(s, "doc")) for s in _entries(data, "statements")
        ),
        single_node=tuple(str(i) for i in data.get("single_node", [])),
    )


def _entries(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    entries = data.get(key, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ValueError(f"'{key}' must be a list of objects")
    return entries


def _text(entry: dict[str, Any], key: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value:
        raise ValueError(f"an entry has no '{key}': {json.dumps(entry)[:80]}")
    return value


def _entity(entry: dict[str, Any], *, typed: bool) -> GoldEntity:
    labels = entry.get("labels")
    if not isinstance(labels, list) or not labels:
        raise ValueError(f"entity {entry.get('id')!r} has no 'labels'")
    kind = _text(entry, "type") if typed else str(entry.get("type", ""))
    if typed and kind not in KINDS:
        raise ValueError(f"entity {entry['id']!r} has type {kind!r}, not one of {KINDS}")
    return GoldEntity(_text(entry, "id"), kind, tuple(map(str, labels)))


def _fact(entry: dict[str, Any]) -> GoldFact:
    title = entry.get("title")
    return GoldFact(
        _text(entry, "rel"), _text(entry, "s"), _text(entry, "o"), str(title) if title else None
    )


def _event(entry: dict[str, Any]) -> GoldEvent:
    places = set(entry.get("place_any", [])) | ({entry["place"]} if entry.get("place") else set())
    return GoldEvent(
        id=_text(entry, "id"),
        event_class=_text(entry, "type"),
        actors=frozenset(entry.get("participants", [])) | frozenset(entry.get("targets", [])),
        agents_any=frozenset(entry.get("agents_any", [])),
        places=frozenset(places),
        date=entry.get("date") or None,
    )
