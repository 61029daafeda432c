"""What our components find, as small frozen types.

The component that finds a thing writes it on the ``Doc`` (``doc._.kg_*``); ``kg.extract``'s
conversion reads it there and turns it into records. Offsets are characters of the Doc's
text, so they stay valid when a later component merges tokens.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.records import BaseClass, EventClass, Relation


@dataclass(frozen=True)
class Found:
    """A word or phrase of the text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Role:
    """What fills one named role of a pattern match ("person", "org", "date", ...)."""

    name: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class AliasFound:
    """Two spans the text equates: "National Liberation Army (ELN)" (``kg_acronyms``)."""

    long: tuple[int, int]
    short: tuple[int, int]


@dataclass(frozen=True)
class InstitutionFound:
    """A country's institution, "the Iraqi parliament": its phrase in our word list and the
    country's code (``kg_institutions``)."""

    start: int
    end: int
    phrase: str
    country: str


@dataclass(frozen=True)
class RelationFound:
    """A match of a relation pattern (``kg_relations``): the relation the pattern states and
    what fills each of its roles."""

    relation: Relation
    roles: tuple[Role, ...]

    def role(self, name: str) -> Role | None:
        return next((role for role in self.roles if role.name == name), None)


@dataclass(frozen=True)
class DescriptionFound:
    """A phrase that tells a person by role, "Kenya's top security official"
    (``kg_descriptions``): its role word, its other words and the names that modify it."""

    head: int
    """The character offset of the role word."""
    start: int
    end: int
    role: str
    words: tuple[str, ...]
    modifiers: tuple[Found, ...]


@dataclass(frozen=True)
class EventFound:
    """An event trigger, its class and the role each neighbour plays (``kg_events``).

    ``content`` is what a statement says (a clause, else the sentence); ``roles`` may hold
    ``date`` fillers, and an ``anchor`` whose text is "before" or "after": the trigger of
    another event a duration counts from.
    """

    event_class: EventClass
    base: BaseClass
    trigger: Found
    definite: bool
    future: bool
    content: tuple[int, int]
    roles: tuple[Role, ...]
    joins: bool = False
    """A cue of an event told elsewhere in the document ("Premadasa came second")."""
