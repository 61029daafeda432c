"""What a story is about: its country, its company, its court; and who is listed with whom.

Relation rules use them for titles the text gives no organization ("Prime Minister X" in a
story about one country, "Chairman X said", "state governor X" in a story about one state,
"Justices A, B and C").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from kg.knowledge.gazetteer import Country, Gazetteer, fold
from kg.knowledge.lexicon import function_words, known_organizations
from kg.records import Key, Kind, Mention

INITIALS_AFTER = re.compile(r"(?:\s(?:[A-Z]\.?|(?:[A-Z]\.){2,3}))+\s*$")
COMPANY_SUFFIXES = function_words("company_suffix")


def story_country(
    mentions: Sequence[Mention], gazetteer: Gazetteer, cues: Counter[str] | None = None
) -> Country | None:
    """The country the story is about: the one its places name (country names and known
    cities, not demonyms: "Chinese nationals" are not the story), with the ``cues`` that
    place it in one (its dateline, lawmakers' state tags), at least twice as often as any
    other."""
    keys = (Key.parse(m.key) for m in mentions if m.naming and m.key)
    counts = Counter(key.country for key in keys if key.is_country or key.is_city)
    counts.update(cues or Counter())
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return gazetteer.countries.get(ranked[0][0])


def story_company(mentions: Sequence[Mention]) -> int | None:
    """The organization a story is about: named (by a name that begins with a word of
    another, or holds the first word of another: "Campari", "Campari Group", "Davide
    Campari-Milano NV") at least three times and twice as often as any other; no state body
    or news outlet. Its most frequent name stands for it."""
    names: dict[str, Counter[str]] = {}
    first: dict[str, int] = {}
    groups: dict[str, str] = {}
    """A word of a name -> the group of names it is in."""
    starts: dict[str, str] = {}
    """The first word of a name -> the group of names it is in."""
    for index, m in enumerate(mentions):
        if m.kind is not Kind.ORGANIZATION or not m.naming or m.key is not None:
            continue
        if m.fine_type in {"GovernmentOrganization", "NewsMediaOrganization"}:
            continue
        if known_organizations().get(fold(m.text)) is not None:
            continue  # agencies, broadcasters, platforms, international bodies
        words = _name_words(m.text)
        if not words:
            continue
        group = groups.get(words[0]) or next((starts[w] for w in words if w in starts), words[0])
        starts.setdefault(words[0], group)
        for word in words:
            groups.setdefault(word, group)
        names.setdefault(group, Counter())[m.text] += 1
        first.setdefault(m.text, index)
    ranked = sorted(names.values(), key=lambda c: c.total(), reverse=True)
    if not ranked or ranked[0].total() < 3:
        return None
    if len(ranked) > 1 and ranked[0].total() < 2 * ranked[1].total():
        return None
    return first[ranked[0].most_common(1)[0][0]]


def story_region(mentions: Sequence[Mention]) -> int | None:
    """The one state or province a story names ("Rio Grande do Sul"), if it names only one."""
    regions: dict[str, int] = {}
    for index, m in enumerate(mentions):
        if m.kind is Kind.PLACE and m.naming and m.key and Key.parse(m.key).is_region:
            regions.setdefault(m.key, index)
    return next(iter(regions.values())) if len(regions) == 1 else None


def story_court(mentions: Sequence[Mention]) -> int | None:
    """The one court a story names ("the Supreme Court"), if it names only one."""
    courts: dict[str, int] = {}
    for index, m in enumerate(mentions):
        if m.kind is Kind.ORGANIZATION and m.naming and "court" in m.text.lower().split():
            courts.setdefault(fold(m.text), index)
    return next(iter(courts.values())) if len(courts) == 1 else None


def listed_after(mentions: Sequence[Mention], text: str, person: int) -> list[int]:
    """The people listed right after one ("Justices A, B, C and D": B, C and D)."""
    following = sorted(
        (m.span.start, i)
        for i, m in enumerate(mentions)
        if m.span.sentence == mentions[person].span.sentence
        and m.span.start > mentions[person].span.start
    )
    listed, end = [], mentions[person].span.end
    for start, index in following:
        if mentions[index].kind is not Kind.PERSON:
            break
        if INITIALS_AFTER.sub("", text[end:start]).strip() not in {",", "and", ", and"}:
            break
        listed.append(index)
        end = mentions[index].span.end
    return listed


def _name_words(name: str) -> list[str]:
    """A name's words, parts of hyphenated ones apart, without company suffixes ("NV")."""
    words = fold(name).replace("-", " ").split()
    return [w for w in words if w not in COMPANY_SUFFIXES]
