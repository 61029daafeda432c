"""Facts: the relations read in each document, restated between resolved entities.

Each relation mention becomes a ``Fact`` between the two entities it names; the same fact
read in several sentences is one fact with all of them as evidence. A post in an
organization makes its holder a member of it (not of its country: a nationality is stated
only where the text gives it, "the Kenyan speaker", never read off a post). The gazetteer
adds the country of each known city, when that country is in the graph; such facts have no
sentence as evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kg.knowledge.gazetteer import load_gazetteer
from kg.records import Entity, Extraction, Fact, Kind, Relation, Span

FactKey = tuple[str, Relation, str, str | None]

PERSON, ORGANIZATION, PLACE = Kind.PERSON, Kind.ORGANIZATION, Kind.PLACE
FITS: dict[Relation, tuple[set[Kind], set[Kind]]] = {
    Relation.HOLDS_POST: ({PERSON}, {ORGANIZATION, PLACE}),
    Relation.MEMBER_OF: ({PERSON}, {ORGANIZATION, PLACE}),
    Relation.SUB_ORGANIZATION_OF: ({ORGANIZATION}, {ORGANIZATION}),
    Relation.LOCATION: ({ORGANIZATION}, {PLACE}),
    Relation.NATIONALITY: ({PERSON}, {PLACE}),
    Relation.HOME_LOCATION: ({PERSON}, {PLACE}),
    Relation.CONTAINED_IN_PLACE: ({PLACE}, {PLACE}),
}
"""What each relation may join: a mention read as a place may belong to an entity that is,
all mentions weighed, an organization; then the fact does not hold as read."""


def relate_entities(
    extractions: Iterable[Extraction],
    key_of: Mapping[tuple[str, int], str],
    entities: Mapping[str, Entity],
) -> tuple[Fact, ...]:
    """Every relation between resolved entities, with the sentences that state it."""
    evidence: dict[FactKey, list[Span]] = {}
    for ex in extractions:
        doc_id = ex.document.doc_id
        for r in ex.relations:
            subject, obj = key_of.get((doc_id, r.subject)), key_of.get((doc_id, r.object))
            if (
                subject is not None
                and obj is not None
                and subject != obj
                and _fits(r.relation, entities[subject], entities[obj])
            ):
                evidence.setdefault((subject, r.relation, obj, r.title), []).append(r.span)
    derived = [(d, spans) for key, spans in evidence.items() for d in _consequences(key, entities)]
    for key, spans in derived:
        evidence.setdefault(key, []).extend(spans)
    for key in _gazetteer_facts(entities.values()):
        evidence.setdefault(key, [])
    return tuple(
        Fact(s, relation, o, tuple(dict.fromkeys(spans)), title)
        for (s, relation, o, title), spans in sorted(evidence.items(), key=_order)
    )


def _order(item: tuple[FactKey, list[Span]]) -> tuple[str, str, str, str]:
    (s, relation, o, title), _ = item
    return s, relation.value, o, title or ""


def _consequences(fact: FactKey, entities: Mapping[str, Entity]) -> Iterable[FactKey]:
    subject, relation, obj, _ = fact
    if relation is Relation.HOLDS_POST and entities[obj].kind is Kind.ORGANIZATION:
        yield subject, Relation.MEMBER_OF, obj, None


def _gazetteer_facts(entities: Iterable[Entity]) -> Iterable[FactKey]:
    gazetteer = load_gazetteer()
    entities = list(entities)
    countries = {
        code: e.key
        for e in entities
        if "Country" in e.fine_types and (country := gazetteer.country(e.label)) is not None
        for code in [country.code]
    }
    for e in entities:
        city = gazetteer.city(e.label) if "City" in e.fine_types else None
        if city is not None and city.country in countries:
            yield e.key, Relation.CONTAINED_IN_PLACE, countries[city.country], None


def _fits(relation: Relation, subject: Entity, obj: Entity) -> bool:
    subjects, objects = FITS[relation]
    return subject.kind in subjects and obj.kind in objects
