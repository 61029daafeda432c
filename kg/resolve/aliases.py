"""Names that the world, not the text, equates: known organizations' other names, and a
person's name with or without middle names.

"Xinhua" and "Xinhua News Agency", "NATO" and "the Atlantic Alliance" are one organization
(``known_organizations.jsonl``); "Nana Akufo-Addo" is "Nana Addo Dankwa Akufo-Addo" where one
document names both (a first and a last name in common, and no other person who has them).
"""

from __future__ import annotations

from collections.abc import Iterator

from kg.knowledge.gazetteer import fold
from kg.knowledge.lexicon import known_organizations
from kg.records import Extraction, Kind, Mention


def known_name(mention: Mention) -> str | None:
    """The canonical name of the well-known organization a mention names, if it is one."""
    if mention.kind is not Kind.ORGANIZATION or not mention.naming:
        return None
    known = known_organizations().get(fold(mention.text))
    return known.name if known is not None else None


def known_organization_links(extraction: Extraction) -> Iterator[tuple[int, int]]:
    """Mentions of one document that name the same well-known organization."""
    first: dict[str, int] = {}
    for i, m in enumerate(extraction.mentions):
        name = known_name(m)
        if name is None:
            continue
        if name in first:
            yield first[name], i
        else:
            first[name] = i


def middle_name_links(extraction: Extraction) -> Iterator[tuple[int, int]]:
    """A person's names with and without middle names, when one person of the document fits."""
    by_ends: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    for i, m in enumerate(extraction.mentions):
        words = fold(m.text).split()
        if m.kind is Kind.PERSON and m.naming and len(words) >= 2:
            by_ends.setdefault(f"{words[0]} {words[-1]}", set()).add(" ".join(words))
            first.setdefault(" ".join(words), i)
    for names in by_ends.values():
        if len(names) < 2:
            continue
        chain = sorted(names, key=lambda n: len(n.split()))
        if all(map(_keeps_order, chain, chain[1:])):  # one person's shorter and longer forms
            yield from ((first[chain[0]], first[n]) for n in chain[1:])


def _keeps_order(short: str, long: str) -> bool:
    """Whether the words of ``short`` appear in ``long`` in the same order.

    >>> _keeps_order("nana akufo addo", "nana addo dankwa akufo addo")
    True
    >>> _keeps_order("kim jong un", "kim un jong")
    False
    """
    words = iter(long.split())
    return all(w in words for w in short.split())
