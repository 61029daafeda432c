"""Frozen records passed between stages; provenance (document, sentence, character span) is a field.

Stages exchange only these: a stage never reaches into another stage's objects (spaCy
``Doc``s stay inside extraction, rdflib graphs inside build/store/export).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Literal, get_args


class Kind(str, Enum):
    """The basic type of an entity, named as in schema.org."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    PLACE = "Place"


class Relation(str, Enum):
    """Relations between entities, named by the contract's local names."""

    HOLDS_POST = "holds"
    MEMBER_OF = "memberOf"
    SUB_ORGANIZATION_OF = "subOrganizationOf"
    LOCATION = "location"
    NATIONALITY = "nationality"
    HOME_LOCATION = "homeLocation"
    CONTAINED_IN_PLACE = "containedInPlace"


BaseClass = Literal["Meeting", "Attack", "Statement", "Legislation", "Election"]
"""The kinds of event of the graph contract; every event class is one or a subclass of one."""
EventClass = Literal[
    "Meeting", "Summit", "PressConference",
    "Attack", "AirStrike", "Assassination", "Bombing",
    "Statement",
    "Legislation", "LawPassage", "Resolution", "Vote",
    "Election",
]  # fmt: skip
"""Every event class of our ontology (``kgo:``)."""
EventRole = Literal["agent", "target", "participant"]
"""What an entity does in an event."""
BASE_CLASSES: tuple[BaseClass, ...] = get_args(BaseClass)
EVENT_CLASSES: tuple[EventClass, ...] = get_args(EventClass)
EVENT_ROLES: tuple[EventRole, ...] = get_args(EventRole)
STATEMENT: BaseClass = "Statement"
"""Statements are events of their own kind: one per speaker and article, with what was said."""


def event_role(name: str) -> EventRole:
    """The role of that name, checked.

    >>> event_role("agent")
    'agent'
    """
    for role in EVENT_ROLES:
        if role == name:
            return role
    raise ValueError(f"Unknown event role {name!r}: one of {', '.join(EVENT_ROLES)}")


@dataclass(frozen=True, slots=True)
class Key:
    """What identifies a thing when the wording does not: a country (``country@US``), a city
    (``city@US/Chicago``), a state or province (``region@US/GA``, after ISO 3166-2) or a
    country's institution (``parliament@IQ``). ``Mention.key`` and entity lookups carry it as
    text (``str(key)``); ``Key.parse`` reads it back.

    >>> str(Key.for_city("US", "Chicago")), Key.parse("parliament@IQ").country
    ('city@US/Chicago', 'IQ')
    >>> Key.parse("region@US/GA").region
    'GA'
    """

    name: str
    """``country``, ``city``, ``region``, or the institution ("parliament")."""
    country: str
    """The ISO 3166 code of the country."""
    city: str | None = None
    region: str | None = None
    """The subdivision's part of its ISO 3166-2 code ("GA" for ``US-GA``)."""

    def __post_init__(self) -> None:
        if not (len(self.country) == 2 and self.country.isalpha() and self.country.isupper()):
            raise ValueError(f"Not an ISO 3166 country code: {self.country!r}")
        if not self.name or any(c in self.name for c in "@/"):
            raise ValueError(f"Not a key name: {self.name!r}")
        if (self.name == "city") != (self.city is not None):
            raise ValueError(f"A city key, and only a city key, names a city: {self!r}")
        if (self.name == "region") != (self.region is not None):
            raise ValueError(f"A region key, and only a region key, names a region: {self!r}")

    @classmethod
    def for_country(cls, code: str) -> Key:
        return cls("country", code)

    @classmethod
    def for_city(cls, country: str, name: str) -> Key:
        return cls("city", country, name)

    @classmethod
    def for_region(cls, country: str, region: str) -> Key:
        return cls("region", country, region=region)

    @classmethod
    def for_institution(cls, name: str, country: str) -> Key:
        if name in {"country", "city", "region"}:
            raise ValueError(f"Not an institution: {name!r}")
        return cls(name, country)

    @classmethod
    def parse(cls, text: str) -> Key:
        name, _, rest = text.partition("@")
        country, _, part = rest.partition("/")
        if name == "region":
            return cls(name, country, region=part or None)
        return cls(name, country, part or None)

    def __str__(self) -> str:
        part = self.city if self.city is not None else self.region
        return f"{self.name}@{self.country}" + (f"/{part}" if part is not None else "")

    @property
    def is_country(self) -> bool:
        return self.name == "country"

    @property
    def is_city(self) -> bool:
        return self.name == "city"

    @property
    def is_region(self) -> bool:
        return self.name == "region"

    @property
    def is_institution(self) -> bool:
        return not (self.is_country or self.is_city or self.is_region)


@dataclass(frozen=True, slots=True)
class Document:
    """One source article, its text cleaned of page boilerplate, and what we know about it.

    >>> Document("a.txt", "a.txt", "Rain fell.").content_hash[:12]
    '8a4b1e83d9ac'
    """

    doc_id: str
    source: str
    text: str
    headline: str | None = None
    published: date | datetime | None = None
    publisher: str | None = None
    url: str | None = None
    dateline_place: str | None = None

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text, so a changed document can be told from an unchanged one."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def published_date(self) -> date | None:
        """The publication day, whatever precision the source gave."""
        if isinstance(self.published, datetime):
            return self.published.date()
        return self.published


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document: the unit of evidence every fact points back to."""

    doc_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Span:
    """Where a piece of text was read: document, sentence index and character offsets."""

    doc_id: str
    sentence: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in the text that refers to a person, organization or place.

    ``text`` is the name as written, without leading articles or titles; ``fine_type`` is a
    finer schema.org class (``Country``, ``City``, ``GovernmentOrganization``) when known;
    ``key`` identifies the thing when the wording does not ("US" and "America" are both
    ``country@US``, "the Iraqi parliament" is ``parliament@IQ``); ``naming`` is false for words
    that refer to the thing without being its name ("Iraqi" for Iraq), which give no label;
    ``description`` is the role word of a phrase that describes a person ("official" in
    "Iran's top security official"), ``descriptors`` the mentions it names beside it and
    ``described_by`` its other words ("security").
    """

    text: str
    kind: Kind
    span: Span
    fine_type: str | None = None
    key: str | None = None
    naming: bool = True
    description: str | None = None
    descriptors: tuple[int, ...] = ()
    described_by: tuple[str, ...] = ()

    @property
    def is_description(self) -> bool:
        """ "Iran's top security official": a person told by role, resolved later."""
        return self.description is not None


@dataclass(frozen=True, slots=True)
class Alias:
    """Two mentions the text itself equates, e.g. an expansion and its acronym in parentheses."""

    long: int
    short: int


@dataclass(frozen=True, slots=True)
class RelationMention:
    """A relation stated in one sentence between two mentions (indices into the mentions)."""

    subject: int
    relation: Relation
    object: int
    span: Span
    title: str | None = None


@dataclass(frozen=True, slots=True)
class EventMention:
    """An event as one sentence tells it: its class, who plays which role, where and when.

    ``roles`` pairs a role (``agent``, ``target``, ``participant``) with a mention index;
    ``date`` is an ISO day, month or year; ``relative`` is (days, index of another event
    mention of the document) for "two days after the assassination"; ``definite`` marks
    "the attack", which may refer back to an event told before; ``text`` is what a
    statement says.
    """

    event_class: EventClass
    base_class: BaseClass
    trigger: str
    span: Span
    roles: tuple[tuple[EventRole, int], ...] = ()
    places: tuple[int, ...] = ()
    date: str | None = None
    relative: tuple[int, int] | None = None
    definite: bool = False
    text: str | None = None
    joins: bool = False
    """A cue of an event the document tells elsewhere (a candidate who "came third"): it only
    adds its fillers to that event, and is no event alone."""

    @property
    def is_statement(self) -> bool:
        return self.base_class == STATEMENT


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything read from one document."""

    document: Document
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    aliases: tuple[Alias, ...] = ()
    relations: tuple[RelationMention, ...] = ()
    events: tuple[EventMention, ...] = ()


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world thing, however many names and documents it appears under."""

    key: str
    kind: Kind
    label: str
    alt_labels: tuple[str, ...] = ()
    fine_types: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    wikidata: str | None = None
    """The Wikidata item ("Q794") of a place or organization the gazetteer or the lexicon
    identifies beyond doubt."""
    geonames: int | None = None
    """The GeoNames feature of such a place."""
    coordinates: tuple[float, float] | None = None
    """Where such a place is: (latitude, longitude) in degrees."""
    same_as: tuple[str, ...] = ()
    """IRIs a link table (``kg build --link``) gives the entity."""

    @property
    def names(self) -> tuple[str, ...]:
        """The label and every other name."""
        return (self.label, *self.alt_labels)


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A mention tied to the entity it was resolved to."""

    entity: str
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Fact:
    """A relation between two resolved entities, with every sentence that states it."""

    subject: str
    relation: Relation
    object: str
    evidence: tuple[Span, ...]
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event, however many sentences and documents tell it (its IRI is the
    graph builder's to mint)."""

    event_class: EventClass
    base_class: BaseClass
    label: str
    evidence: tuple[Span, ...]
    agents: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    date: str | None = None
    texts: tuple[str, ...] = ()

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(span.doc_id for span in self.evidence))

    @property
    def is_statement(self) -> bool:
        return self.base_class == STATEMENT


@dataclass(frozen=True, slots=True)
class Resolution:
    """The corpus after resolution: the input of the graph builder. The records of each
    document (``documents``, ``sentences``, ``mentions``) are tuples, or, for a corpus kept on
    disk, made again from it at each reading (``kg.resolve.corpus``)."""

    documents: Collection[Document]
    sentences: Collection[Sentence]
    entities: tuple[Entity, ...]
    mentions: Collection[EntityMention]
    facts: tuple[Fact, ...] = ()
    events: tuple[Event, ...] = ()
    publishers: tuple[tuple[str, str], ...] = ()
    """(document id, entity key) for every document whose publisher is known."""
    datelines: tuple[tuple[str, str], ...] = ()
    """(document id, place entity key) for every dateline place the graph knows."""
