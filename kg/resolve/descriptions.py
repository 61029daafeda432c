"""Descriptions: "Iran's top security official" -> the person of the document it fits.

A description is resolved after the named entities and their facts: the candidates are the
people the document names before it (or after, if none before); each scores one point per
thing the description says that a fact of theirs confirms (the organization they hold a post
in or belong to, their country by nationality or by post, their title, a word of their
organization's name: "security" for a security council). The best score wins when it is
unique; among equals the person the document names most, then last, wins. A description
nothing fits stays unresolved and gives no fact.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from kg.records import Entity, Extraction, Fact, Kind, Relation

KeyOf = Mapping[tuple[str, int], str]


def resolve_descriptions(
    extractions: Iterable[Extraction],
    key_of: KeyOf,
    facts: Iterable[Fact],
    entities: Mapping[str, Entity],
) -> dict[tuple[str, int], str]:
    """The person each description refers to, by (document id, mention index)."""
    known = _what_facts_say(facts, entities)
    resolved: dict[tuple[str, int], str] = {}
    for ex in extractions:
        doc_id = ex.document.doc_id
        for index, m in enumerate(ex.mentions):
            if not m.is_description:
                continue
            said = {key_of[doc_id, d] for d in m.descriptors if (doc_id, d) in key_of}
            said |= {f"title:{m.description}"} | {f"word:{w}" for w in m.described_by}
            person = _best_person(ex, index, said, key_of, known, entities)
            if person is not None:
                resolved[doc_id, index] = person
    return resolved


def _what_facts_say(facts: Iterable[Fact], entities: Mapping[str, Entity]) -> dict[str, set[str]]:
    """For each person: the organizations, countries, title words and organization-name words
    their facts name."""
    facts = list(facts)
    located: dict[str, set[str]] = {}
    for f in facts:
        if f.relation is Relation.LOCATION:
            located.setdefault(f.subject, set()).add(f.object)
    known: dict[str, set[str]] = {}
    for f in facts:
        if f.relation in {Relation.HOLDS_POST, Relation.MEMBER_OF, Relation.NATIONALITY}:
            about = known.setdefault(f.subject, set())
            about.add(f.object)
            about |= located.get(f.object, set())
            about |= {f"word:{w}" for w in entities[f.object].label.lower().split()}
            if f.title:
                about |= {f"title:{word}" for word in f.title.lower().split()}
    return known


def _best_person(
    ex: Extraction,
    index: int,
    said: set[str],
    key_of: KeyOf,
    known: Mapping[str, set[str]],
    entities: Mapping[str, Entity],
) -> str | None:
    doc_id, here = ex.document.doc_id, ex.mentions[index].span.start
    last_seen: dict[str, int] = {}
    named: Counter[str] = Counter()
    for i, m in enumerate(ex.mentions):
        key = key_of.get((doc_id, i))
        if key is not None and m.naming and entities[key].kind is Kind.PERSON:
            before = m.span.start < here
            last_seen[key] = max(last_seen.get(key, -1), m.span.start if before else -1)
            named[key] += 1
    orgs = {k for k in said if k in entities and entities[k].kind is Kind.ORGANIZATION}
    scores = {  # "the head of Turkey's X board" is someone of that board, not any Turk
        person: len(said & known.get(person, set()))
        for person in last_seen
        if not orgs or orgs & known.get(person, set())
    }
    best = max(scores.values(), default=0)
    if best == 0:
        return None
    tied = [p for p, score in scores.items() if score == best]
    return max(tied, key=lambda p: (named[p], last_seen[p]))
