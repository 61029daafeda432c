"""Relation rules: what the relation patterns found, and what names say, -> relation records.

The patterns (``kg/extract/patterns/relations.jsonl``, run by ``kg_relations``) state one
relation each, named as in ``kg.records.Relation``; here each is checked (every role of the
kind the relation needs) and completed: a post also gives the holder's nationality, and the
owner of the organization ("the head of Iraq's X": X is in Iraq).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.components.findings import DescriptionFound, RelationFound, Role
from kg.knowledge.lexicon import Title, function_words, titles
from kg.records import Kind, Relation, RelationMention

if TYPE_CHECKING:
    from kg.extract.conversion import DocReader

BETWEEN_ROLES: dict[Relation, tuple[tuple[str, Kind], tuple[str, Kind]]] = {
    Relation.SUB_ORGANIZATION_OF: (("sub", Kind.ORGANIZATION), ("parent", Kind.ORGANIZATION)),
    Relation.MEMBER_OF: (("person", Kind.PERSON), ("org", Kind.ORGANIZATION)),
    Relation.LOCATION: (("org", Kind.ORGANIZATION), ("place", Kind.PLACE)),
}
"""The relations of the patterns that are one fact between two roles of the kinds given; the
others (``holds``, ``containedInPlace``) have rules of their own below."""
POSSESSIVES = sorted(function_words("possessive"))


class RelationRules:
    """Adds one document's relations to its ``DocReader``."""

    def __init__(self, reader: DocReader) -> None:
        self.reader = reader
        self.holder_of: dict[tuple[int, int], int] = {}
        """A title or organization named just before a person who holds it -> that person."""

    def relate(self, subject: int, relation: Relation, obj: int, title: str | None = None) -> None:
        if subject != obj:
            span = self.reader.mentions[subject].span
            self.reader.relations.append(RelationMention(subject, relation, obj, span, title))

    def locate_by_name(self, org: int, name: str, start: int) -> None:
        """An organization named after its country is based there: "Ghanaian National Petroleum
        Authority", "Kenya Red Cross Society", and the institutions "the parliament of Iraq"."""
        reader = self.reader
        institution = reader.institution_of.get((start, start + len(name)))
        words = name.split()
        positions = range(len(words)) if institution is not None else range(1)
        for at in positions:
            for n in (2, 1):
                phrase = _without_possessive(" ".join(words[at : at + n]))
                country = reader.country(phrase)
                if country is not None and len(words) > n:
                    offset = start + len(" ".join(words[:at])) + (1 if at else 0)
                    place = reader.country_reference(offset, offset + len(phrase), country)
                    self.relate(org, Relation.LOCATION, place)
                    return
        if institution is not None:  # "the Baghdad government": the capital stands for the country
            country = reader.gazetteer.countries[institution.country]
            word = _without_possessive(words[0])
            place = reader.country_reference(start, start + len(word), country)
            self.relate(org, Relation.LOCATION, place)

    def ref(self, role: Role | None, kind: Kind) -> int | None:
        """The mention a pattern role points at, if it is of the expected kind."""
        if role is None:
            return None
        reader = self.reader
        index = reader.index_of.get((role.start, role.end))
        if index is None and kind is Kind.PLACE and (country := reader.country(role.text)):
            index = reader.country_reference(role.start, role.end, country)
        if index is None or reader.mentions[index].kind is not kind:
            return None
        return index

    def add(self, found: RelationFound) -> None:
        """Turn a pattern match into relation records, checking each role's kind."""
        if found.relation is Relation.HOLDS_POST:
            self._add_post(found)
        elif found.relation in BETWEEN_ROLES:
            (role_a, kind_a), (role_b, kind_b) = BETWEEN_ROLES[found.relation]
            subject = self.ref(found.role(role_a), kind_a)
            obj = self.ref(found.role(role_b), kind_b)
            if subject is not None and obj is not None:
                self.relate(subject, found.relation, obj)
        elif found.relation is Relation.CONTAINED_IN_PLACE:
            place = self.ref(found.role("place"), Kind.PLACE)
            parent = self.ref(found.role("parent"), Kind.PLACE)
            if (
                place is not None
                and parent is not None
                and self.reader.is_country(parent)
                and not self.reader.is_country(place)
            ):
                self.relate(place, Relation.CONTAINED_IN_PLACE, parent)
        else:
            raise ValueError(f"No rule for the relation {found.relation.value!r} of a pattern")

    def _add_post(self, found: RelationFound) -> None:
        person = self.ref(found.role("person"), Kind.PERSON)
        written = found.role("title")
        title = title_entry(written.text) if written is not None else None
        if person is None or written is None or title is None:
            return
        label = title_label(written.text)
        self._remember_holder(person, found)
        org = self.ref(found.role("org"), Kind.ORGANIZATION)
        if org is not None:
            self.relate(person, Relation.HOLDS_POST, org, label)
            self._add_owner(org, found.role("owner"))
        place = self.ref(found.role("country"), Kind.PLACE)
        if place is None:
            return
        if not self.reader.is_country(place):
            self.relate(person, Relation.HOLDS_POST, place, label)  # "Jujuy Governor X"
            return
        self.relate(person, Relation.NATIONALITY, place)
        if title.state:
            self.relate(person, Relation.HOLDS_POST, place, label)

    def _add_owner(self, org: int, owner: Role | None) -> None:
        """ "the head of Iraq's X": X is based in Iraq; "of the ELN's Central Command": part of."""
        place = self.ref(owner, Kind.PLACE)
        if place is not None:
            self.relate(org, Relation.LOCATION, place)
        parent = self.ref(owner, Kind.ORGANIZATION)
        if parent is not None:
            self.relate(org, Relation.SUB_ORGANIZATION_OF, parent)

    def _remember_holder(self, person: int, found: RelationFound) -> None:
        """ "a meeting with the chairman of X, Y": the chairman, and X, stand for Y; in "Y,
        deputy director of X, said" the parse may make the title the speaker: it is Y."""
        person_start = self.reader.mentions[person].span.start
        for name in ("title", "org"):
            role = found.role(name)
            if role is not None and (name == "title" or role.start < person_start):
                self.holder_of[role.start, role.end] = person

    def describe(self, index: int, found: DescriptionFound, descriptors: tuple[int, ...]) -> None:
        """What a description says of the person: "Kenya's ... official" is Kenyan, "the WFP
        director" holds a post in the WFP."""
        title = title_entry(found.role)
        for d in descriptors:
            if self.reader.is_country(d):
                self.relate(index, Relation.NATIONALITY, d)
            elif (
                title is not None
                and title.post
                and self.reader.mentions[d].kind is Kind.ORGANIZATION
            ):
                self.relate(index, Relation.HOLDS_POST, d, title_label(found.role))


def _without_possessive(words: str) -> str:
    for possessive in POSSESSIVES:
        words = words.removesuffix(possessive)
    return words


def title_entry(text: str) -> Title | None:
    """The lexicon entry of a title phrase; a run of post words ("deputy head") is a post."""
    lexicon = titles()
    phrase = " ".join(text.lower().split())
    if phrase in lexicon:
        return lexicon[phrase]
    words = [lexicon.get(w) for w in phrase.split()]
    if any(w is not None and w.post for w in words):
        return Title(post=True, state=False)
    return None


def title_label(text: str) -> str:
    """A post's label from the title as written: "deputy head" -> "Deputy Head".

    >>> title_label("SECRETARY-GENERAL")
    'Secretary-General'
    """
    return " ".join(text.split()).title()
