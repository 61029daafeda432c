"""Lawmakers told by their title alone ("Sen. Mike Lee, R-Utah", "Speaker Martin Romualdez",
"Sens. A, B and C"): each holds a post in the house of the story's country that the title
belongs to (``kg.knowledge.legislatures``), where no other rule gave the name a post.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.knowledge.gazetteer import Country, fold
from kg.knowledge.legislatures import (
    LegislatorTitle,
    chamber_named,
    chamber_of_key,
    house_key,
    legislator_titles,
    party_tags,
    without_party_tags,
)
from kg.records import Key, Kind, Mention, Relation

if TYPE_CHECKING:
    from kg.extract.conversion import DocReader

LIST_JOINERS = {",", "and", ", and"}


def legislator_posts(reader: DocReader, country: Country) -> Iterator[tuple[int, int, str]]:
    """(person, house, post) for every name right after a lawmaker's title, and the names
    listed after a plural one; the house is the document's mention of it, else one made
    where the title is written (naming no house, it gives no label)."""
    text = reader.document.text
    held = {r.subject for r in reader.relations if r.relation is Relation.HOLDS_POST}
    parties = {  # "NDP MP X": where the party X belongs to ends
        (r.subject, reader.mentions[r.object].span.end)
        for r in reader.relations
        if r.relation is Relation.MEMBER_OF
    }
    for index, m in enumerate(list(reader.mentions)):
        if m.kind is not Kind.PERSON or not m.naming or m.is_description or index in held:
            continue
        party_ends = {end for person, end in parties if person == index}
        found = _title_before(text, m.span.start, party_ends)
        if found is None:
            continue
        title, start, end = found
        house = _house(reader, house_key(title.role, country.code), start, end)
        if house is None:
            continue
        listed = _listed_after(reader, index) if title.plural else []
        for person in (index, *listed):
            if person not in held:
                yield person, house, title.post


def _title_before(
    text: str, start: int, party_ends: set[int]
) -> tuple[LegislatorTitle, int, int] | None:
    """The lawmaker's title right before a name, on its line, and where it is written; none
    after a capitalised word that may own it ("Senate Speaker X" is read elsewhere), unless
    that word ends the name of the person's party (``party_ends``: "NDP MP X")."""
    line = text[:start].rsplit("\n", 1)[-1]
    words = line.split()
    if not words:
        return None
    title = legislator_titles().get(fold(words[-1]))
    if title is None:
        return None
    end = len(text[:start].rstrip())
    title_start = end - len(words[-1])
    owner_end = len(text[:title_start].rstrip())
    owned = len(words) > 1 and words[-2][:1].isupper() and words[-2][-1] not in ".:!?\"'"
    if owned and owner_end not in party_ends:
        return None
    return title, title_start, end


def _house(reader: DocReader, key: str, start: int, end: int) -> int | None:
    """The document's mention of the house of that key, or a new one at start:end (if no
    other mention is written there)."""
    parsed = Key.parse(key)
    chamber = chamber_of_key(key)
    for i, m in enumerate(reader.mentions):
        if m.kind is not Kind.ORGANIZATION:
            continue
        if m.key == key or (chamber is not None and m.key and chamber_of_key(m.key) == chamber):
            return i
        named = m.naming and not m.key and chamber is not None
        if named and chamber_named(m.text, parsed.country) == chamber:
            return i
    if (start, end) in reader.index_of:
        return None
    span = reader.span(start, end)
    text = reader.document.text[start:end]
    mention = Mention(text, Kind.ORGANIZATION, span, "GovernmentOrganization", key, naming=False)
    return reader.add(mention)


def _listed_after(reader: DocReader, person: int) -> list[int]:
    """The people listed right after one, their party tags aside ("Sens. Mike Lee, R-Utah,
    Rand Paul, R-Ky., and Bernie Sanders": Paul and Sanders)."""
    mentions = reader.mentions
    text = reader.document.text
    first = mentions[person]
    following = sorted(
        (m.span.start, i)
        for i, m in enumerate(mentions)
        if m.span.sentence == first.span.sentence and m.span.start > first.span.start
    )
    tags = party_tags(text)
    listed, end = [], first.span.end
    for start, index in following:
        if any(s <= start and mentions[index].span.end <= e for s, e in tags):
            continue  # "Ky." of "R-Ky."
        if mentions[index].kind is not Kind.PERSON:
            break
        if " ".join(without_party_tags(text[end:start]).split()) not in LIST_JOINERS:
            break
        listed.append(index)
        end = mentions[index].span.end
    return listed
