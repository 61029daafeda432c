"""Names that the world, not the text, equates: known organizations' other names, and a
person's name with or without middle names, or by a part of it, with its initials spaced or
not, or by a handle; a country's other name in an organization's; a residence's forms.

"Xinhua" and "Xinhua News Agency", "NATO" and "the Atlantic Alliance" are one organization
(``known_organizations.jsonl``); "Nana Akufo-Addo" is "Nana Addo Dankwa Akufo-Addo" where one
document names both (a first and a last name in common, and no other person who has them).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from kg.knowledge.gazetteer import fold, load_gazetteer
from kg.knowledge.lexicon import (
    entity_heads,
    function_words,
    known_organizations,
    name_particles,
    place_words,
    without_company_suffix,
)
from kg.records import Extraction, Kind


class Named(Protocol):
    """What these rules read of a mention: its name and types, not where it stands (a
    ``Mention``, or the ``MentionName`` resolution keeps of it across documents)."""

    @property
    def text(self) -> str: ...
    @property
    def kind(self) -> Kind: ...
    @property
    def fine_type(self) -> str | None: ...
    @property
    def key(self) -> str | None: ...
    @property
    def naming(self) -> bool: ...


def known_name(mention: Named) -> str | None:
    """The canonical name of the well-known organization a mention names, if it is one."""
    if mention.kind is Kind.PLACE or not mention.naming:
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


def brand_links(extraction: Extraction) -> Iterator[tuple[int, int]]:
    """A company's one-word name and its legal name, when one legal name of the document holds
    the word: "Campari" and "Davide Campari-Milano N.V.", "Toyota" and "Toyota Motor Corp"."""
    mentions = extraction.mentions
    legal: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    for i, m in enumerate(mentions):
        name = fold(m.text)
        short = without_company_suffix(name)
        if m.kind is Kind.ORGANIZATION and m.naming and short != name:
            for word in short.replace("-", " ").split():
                legal.setdefault(word, set()).add(name)
            first.setdefault(name, i)
    for i, m in enumerate(mentions):
        name = fold(m.text)
        if m.kind is not Kind.ORGANIZATION or not m.naming or m.key or len(name.split()) > 1:
            continue
        full = legal.get(name, set())
        if len(full) == 1 and name not in entity_heads():
            yield first[next(iter(full))], i


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


def joined_initials(name: str) -> str:
    """A folded name with a run of spaced initials written as one word: "D K Shivakumar" is
    "DK Shivakumar" (and "D.K. Shivakumar", which folds to it).

    >>> joined_initials("d k shivakumar"), joined_initials("george h w bush")
    ('dk shivakumar', 'george hw bush')
    >>> joined_initials("k")
    'k'
    """
    words: list[str] = []
    initial = False  # whether the last word kept is a lone letter
    for word in name.split():
        if len(word) == 1 and initial:
            words[-1] += word
        else:
            words.append(word)
            initial = len(word) == 1
    return " ".join(words)


def longer_forms(names: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Pairs of folded person names where the longer is the one name to hold all the words of
    the shorter, in order, from the same first word: "Abdelaali Hassani" and "Abdelaali
    Hassani Cherif". A generation suffix ("Jr") is no longer form: it names a son.

    >>> list(longer_forms(["ana ruiz", "ana ruiz vega", "ana ruiz jr"]))
    [('ana ruiz', 'ana ruiz vega')]
    >>> list(longer_forms(["ana ruiz", "ana ruiz vega", "ana maria ruiz"]))
    []
    """
    blocks: dict[str, set[str]] = {}
    for name in names:
        if len(name.split()) >= 2:
            blocks.setdefault(name.split()[0], set()).add(name)
    sons = function_words("generation")
    for block in blocks.values():
        for short in sorted(block):
            size = len(short.split())
            longer = [
                long
                for long in block
                if len(long.split()) > size
                and _keeps_order(short, long)
                and not sons & set(long.split())
            ]
            if len(longer) == 1:
                yield short, longer[0]


def country_spelt_out(name: str) -> str:
    """A folded organization name whose first words name a country, with the country's own
    name: "US Geological Survey" is "United States Geological Survey".

    >>> country_spelt_out("us geological survey"), country_spelt_out("geological survey")
    ('united states geological survey', 'geological survey')
    """
    words = name.split()
    gazetteer = load_gazetteer()
    for size in range(min(4, len(words) - 1), 0, -1):
        country = gazetteer.country(" ".join(words[:size]))
        if country is not None:
            return " ".join([fold(country.name), *words[size:]])
    return name


def residence_of(name: str) -> str | None:
    """The place a folded name of a residence is named after: "Meseberg" for "Schloss
    Meseberg" and "Meseberg Palace" (not for "Palais de la Nation": a name of its own).

    >>> residence_of("schloss meseberg"), residence_of("meseberg palace")
    ('meseberg', 'meseberg')
    >>> residence_of("palais de la nation"), residence_of("palace")
    (None, None)
    """
    words = name.split()
    residence = place_words("residence")
    if len(words) >= 2 and words[0] in residence:
        rest = words[1:]
    elif len(words) >= 2 and words[-1] in residence:
        rest = words[:-1]
    else:
        return None
    if residence & set(rest) or rest[0] in name_particles() or rest[0] in function_words("joiner"):
        return None
    return " ".join(rest)


def residence_links(extraction: Extraction) -> Iterator[tuple[int, int]]:
    """A place named after a residence of the document is that residence ("Meseberg" for
    "Schloss Meseberg", where the story is of a meeting there), and the residence's forms are
    one ("Schloss Meseberg", "Meseberg Palace")."""
    first: dict[str, int] = {}
    for i, m in enumerate(extraction.mentions):
        if m.kind is Kind.PLACE and m.naming and not m.key:
            place = residence_of(fold(m.text))
            if place is not None and place in first:
                yield first[place], i
            elif place is not None:
                first[place] = i
    for i, m in enumerate(extraction.mentions):
        place = fold(m.text)
        if m.kind is Kind.PLACE and m.naming and not m.key and place in first:
            yield first[place], i


def handle_links(extraction: Extraction) -> Iterator[tuple[int, int]]:
    """A social-media handle is the one person of the document whose name it spells without
    spaces: "@DKShivakumar" under an embedded post of "DK Shivakumar"."""
    people: dict[str, set[int]] = {}
    for i, m in enumerate(extraction.mentions):
        if m.kind is Kind.PERSON and m.naming and len(fold(m.text).split()) >= 2:
            people.setdefault(fold(m.text).replace(" ", ""), set()).add(i)
    for i, m in enumerate(extraction.mentions):
        found = people.get(fold(m.text), set()) if m.text.startswith("@") else set()
        if len({fold(extraction.mentions[j].text) for j in found}) == 1:
            yield min(found), i


def _keeps_order(short: str, long: str) -> bool:
    """Whether the words of ``short`` appear in ``long`` in the same order.

    >>> _keeps_order("nana akufo addo", "nana addo dankwa akufo addo")
    True
    >>> _keeps_order("kim jong un", "kim un jong")
    False
    """
    words = iter(long.split())
    return all(w in words for w in short.split())


def name_part_links(extraction: Extraction) -> Iterator[tuple[int, int]]:
    """A part of one person's name stands for that person: "Lopez Obrador" and "Hassan Sheikh"
    (a run of words at either end of "Andres Manuel Lopez Obrador", "Hassan Sheikh Mohamud"), and
    "Lula" (a word inside "Luiz Inacio Lula da Silva"), when no other person of the document
    has that part."""
    mentions = extraction.mentions
    people: dict[str, int] = {}
    for i, m in enumerate(mentions):
        words = fold(m.text).split()
        if m.kind is Kind.PERSON and m.naming and len(words) >= 3:
            people.setdefault(" ".join(words), i)
    if not people:
        return
    for i, m in enumerate(mentions):
        words = fold(m.text).split()
        if (
            not m.naming
            or m.key
            or len(words) >= 3
            or (len(words) == 2 and m.kind is not Kind.PERSON)
        ):
            continue
        holders = {name for name in people if _part_of(words, name.split())}
        if len(holders) == 1:
            yield people[holders.pop()], i


def _part_of(part: list[str], name: list[str]) -> bool:
    """Whether ``part`` is a run of words at an end of ``name`` (two words), or a word inside it.

    >>> _part_of(["lopez", "obrador"], "andres manuel lopez obrador".split())
    True
    >>> _part_of(["lula"], "luiz inacio lula da silva".split())
    True
    >>> _part_of(["manuel", "lopez"], "andres manuel lopez obrador".split())
    False
    """
    if len(part) == 2:
        return name[:2] == part or name[-2:] == part
    return len(part) == 1 and part[0] in name[1:-1] and part[0] not in name_particles()


def looks_personal(mentions: Iterable[Named]) -> bool:
    """Whether every name is a person's in shape, whatever type the model gave it: capitalised
    words and particles, no organization's head word ("... Party"), not an acronym, not a
    well-known organization, no gazetteer key."""
    names = [m for m in mentions if m.naming]
    return bool(names) and all(
        not m.key and known_name(m) is None and _personal_words(m.text) for m in names
    )


def _personal_words(text: str) -> bool:
    words = text.replace("-", " ").split()
    heads = entity_heads()
    return not text.isupper() and all(
        ((w[:1].isupper() and not w.isupper()) or w.lower() in name_particles())
        and w.lower() not in heads
        for w in words
    )


SPELLING_MIN_SIMILARITY = 90.0
"""How alike (rapidfuzz's ratio, 0-100) two names must be to be spellings of one name."""
SPELLING_MAX_EDITS = 2
"""And at most this many letters apart (a longer name leaves more room to the ratio)."""


def spelling_variants(names: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Pairs of folded names that spell one name two ways ("Dissanayake"/"Dissanayaka",
    "Defence"/"Defense"): the same first word, the same number of words, and at most two
    letters apart (names of two words or more; a lone word is too little to go by). The
    model's types do not count: it types one name differently from article to article.

    >>> sorted(spelling_variants(["anura kumara dissanayake", "anura kumara dissanayaka",
    ...     "anura kumara"]))
    [('anura kumara dissanayake', 'anura kumara dissanayaka')]
    >>> list(spelling_variants(["kim jong un", "kim jong il"]))
    []
    """
    blocks: dict[tuple[str, int], list[str]] = {}
    for name in names:
        words = name.split()
        if len(words) >= 2 and len(name) >= 10:
            blocks.setdefault((words[0], len(words)), []).append(name)
    for block in blocks.values():
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if (
                    fuzz.ratio(a, b) >= SPELLING_MIN_SIMILARITY
                    and Levenshtein.distance(a, b) <= SPELLING_MAX_EDITS
                ):
                    yield a, b
