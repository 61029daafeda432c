"""Evidence inside one document that two of its mentions name the same thing.

Each link yields pairs of mention indices: the same name or gazetteer key, an acronym defined
in parentheses, initials, the surname of a person named in full, a country's official title,
a short form of an organization's name, its head word, an institution's proper name, a
residence's other forms, a person's social-media handle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache

from kg.knowledge.gazetteer import fold, load_gazetteer
from kg.knowledge.lexicon import (
    entity_heads,
    function_words,
    institutions,
    place_words,
    strip_particles,
    without_company_suffix,
)
from kg.records import Extraction, Key, Kind, Mention
from kg.resolve.aliases import (
    brand_links,
    handle_links,
    joined_initials,
    known_organization_links,
    looks_personal,
    middle_name_links,
    name_part_links,
    residence_links,
)

NAME_JOINERS = function_words("joiner")
GENERIC_WORDS = function_words("generic")
PARTY_HEADS = function_words("party_head")
DIRECTIONS = function_words("direction")
PLACE_WORDS = place_words("division")


def same_name(extraction: Extraction) -> Iterator[tuple[int, int]]:
    """One key or one name, spaced initials run together ("D K Shivakumar", "DK Shivakumar")."""
    first: dict[str, int] = {}
    for i, m in enumerate(extraction.mentions):
        for key in filter(None, (m.key, joined_initials(fold(m.text)) if m.naming else None)):
            if key in first:
                yield first[key], i
            else:
                first[key] = i


def text_aliases(extraction: Extraction) -> Iterator[tuple[int, int]]:
    for alias in extraction.aliases:
        yield alias.long, alias.short


def initialisms(extraction: Extraction) -> Iterator[tuple[int, int]]:
    """An all-capitals name spelling the initials of one organization named in full ("NDMA"),
    or its initials with those of its small words in lower case ("BoG": "Bank of Ghana")."""
    mentions = extraction.mentions
    by_initials: dict[str, set[int]] = {}
    for i, m in enumerate(mentions):
        words = [w for w in m.text.split() if w[:1].isupper() and w.lower() not in NAME_JOINERS]
        if m.kind is Kind.ORGANIZATION and len(words) >= 2:
            by_initials.setdefault("".join(w[0] for w in words), set()).add(i)
            joined = "".join(w[0] for w in m.text.split() if w[:1].isupper() or w in NAME_JOINERS)
            if joined != joined.upper():
                by_initials.setdefault(joined, set()).add(i)
    for i, m in enumerate(mentions):
        spelt = m.text.isupper() or (m.text.isalpha() and sum(c.isupper() for c in m.text) >= 2)
        found = by_initials.get(m.text.rstrip("s"), set()) if spelt else set()
        if len({fold(mentions[j].text) for j in found}) == 1:
            yield min(found), i


def surnames_of_people(extraction: Extraction) -> Iterator[tuple[int, int]]:
    """A lone name (of any NER type) names the one person of the document with that surname,
    or else with that first name-part ("Lee" for "Lee Dong-hyun": family name first). Where
    no person has it, a lone name that is no place's stands for the one two-word name of a
    person's shape the model typed otherwise that begins with it ("Priyank" for "Priyank
    Kharge" read as a place; a surname, or a longer name's first word, may be a place's:
    "Jujuy" and "San Salvador de Jujuy", "Dasu" and "Dasu Hydropower Project"). Where two
    have it, a lone name before the second is named is the first's ("Sara Duterte ...
    Duterte said ... her father, Rodrigo Duterte")."""
    mentions = extraction.mentions
    by_last: dict[str, set[str]] = {}
    by_first: dict[str, set[str]] = {}
    by_given: dict[str, set[str]] = {}
    first_of: dict[str, int] = {}
    for i, m in enumerate(mentions):
        name = strip_particles(fold(m.text))
        words = name.split()
        if not m.naming or len(words) < 2:
            continue
        if m.kind is Kind.PERSON:
            by_last.setdefault(words[-1], set()).add(name)
            by_first.setdefault(words[0], set()).add(name)
        elif len(words) == 2 and looks_personal([m]):
            by_given.setdefault(words[0], set()).add(name)
        first_of.setdefault(name, i)
    for i, m in enumerate(mentions):
        name = strip_particles(fold(m.text))
        if len(name.split()) != 1 or m.key or not m.naming:
            continue
        full = by_last.get(name) or by_first.get(name, set())
        if not full and m.kind is not Kind.PLACE:
            full = by_given.get(name, set())
        told = {n for n in full if mentions[first_of[n]].span.start < m.span.start}
        if len(full) == 1 or len(told) == 1:  # the only one the reader has met so far
            yield first_of[next(iter(told or full))], i


def short_names(extraction: Extraction) -> Iterator[tuple[int, int]]:
    """Names that drop a country or a generic word, when only one name of the document fits:
    "Fair Trade Commission" ~ "Korea Fair Trade Commission", "Senate" ~ "Argentina's Senate",
    "the Colombian army" ~ "National Army", "Health Ministry" ~ "Ministry of Health",
    "Arauca" ~ "Arauca province", "Orion" ~ "Orion PMC"."""
    by_core: dict[tuple[Kind, str], list[int]] = {}
    for i, m in enumerate(extraction.mentions):
        if m.kind is Kind.PERSON or (m.key is not None and not Key.parse(m.key).is_institution):
            continue
        by_core.setdefault((m.kind, _core_name(m)), []).append(i)
    for indices in by_core.values():
        names = {
            fold(extraction.mentions[i].text) for i in indices if extraction.mentions[i].naming
        }
        keys = {extraction.mentions[i].key for i in indices} - {None}
        if len(indices) > 1 and len(names) <= 2 and len(keys) <= 1:
            yield from ((indices[0], j) for j in indices[1:])


def institution_names(extraction: Extraction) -> Iterator[tuple[int, int]]:
    """ "Ghana's central bank" is the "Bank of Ghana" the document names, "Kenyan police" its
    "National Police Service": the proper names an institution goes by (lexicon data). A
    chamber's name is no parliament's where the document names another chamber: beside a
    senate, the "National Assembly" is one house of parliament, not all of it."""
    gazetteer = load_gazetteer()
    by_name: dict[str, int] = {}
    for i, m in enumerate(extraction.mentions):
        if m.kind is Kind.ORGANIZATION and m.naming and not m.key:
            by_name.setdefault(fold(m.text), i)
    names = {fold(m.text) for m in extraction.mentions if m.kind is Kind.ORGANIZATION}
    if any(set(name.split()[-1:]) & function_words("upper_chamber") for name in names):
        for chamber in function_words("chamber"):
            by_name.pop(chamber, None)
    for i, m in enumerate(extraction.mentions):
        key = Key.parse(m.key) if m.key else None
        if key is None or not key.is_institution:
            continue
        phrase, code = key.name, key.country
        country = gazetteer.countries[code].name
        for name in _proper_names().get(phrase, ()):
            j = by_name.get(fold(name.replace("{country}", country)))
            if j is not None:
                yield j, i
                break


@cache
def _proper_names() -> dict[str, tuple[str, ...]]:
    """Each institution's proper names, whatever phrase of the lexicon named it."""
    names: dict[str, tuple[str, ...]] = {}
    for institution in institutions().values():
        names[institution.name] = (*names.get(institution.name, ()), *institution.also)
    return names


def head_words(extraction: Extraction) -> Iterator[tuple[int, int]]:
    """ "the Commission" after "the European Commission": a lone organization word names the
    one organization of the document whose name ends with it."""
    mentions = extraction.mentions
    by_head: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    for i, m in enumerate(mentions):
        words = m.text.split()
        if m.kind is Kind.ORGANIZATION and m.naming and len(words) > 1:
            by_head.setdefault(words[-1].lower(), set()).add(fold(m.text))
            first.setdefault(fold(m.text), i)
    for i, m in enumerate(mentions):
        if m.kind is Kind.ORGANIZATION and m.naming and len(m.text.split()) == 1:
            full = by_head.get(m.text.lower(), set())
            if len(full) == 1 and entity_heads().get(m.text.lower()) is not None:
                yield first[next(iter(full))], i


def party_short_names(extraction: Extraction) -> Iterator[tuple[int, int]]:
    """ "National" and "Labour" after "the National Party", "the Labour Party", "the Liberals"
    after "the Liberal Party": a lone name that is the first word of the one party (or union,
    front, ...) of the document named so, or its members' plural."""
    mentions = extraction.mentions
    by_first: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    for i, m in enumerate(mentions):
        words = fold(m.text).split()
        if m.kind is Kind.ORGANIZATION and len(words) == 2 and words[1] in PARTY_HEADS:
            by_first.setdefault(words[0], set()).add(" ".join(words))
            first.setdefault(" ".join(words), i)
    for i, m in enumerate(mentions):
        words = fold(m.text).split()
        if len(words) == 1 and m.naming and not m.key and m.kind is not Kind.PERSON:
            full = by_first.get(words[0], set()) or by_first.get(words[0].removesuffix("s"), set())
            if len(full) == 1:
                yield first[next(iter(full))], i


def directional_names(extraction: Extraction) -> Iterator[tuple[int, int]]:
    """ "the North" after "North Korea": a lone direction names the one place of the document
    whose name begins with it."""
    mentions = extraction.mentions
    by_direction: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    for i, m in enumerate(mentions):
        words = fold(m.text).split()
        if m.kind is Kind.PLACE and len(words) >= 2 and words[0] in DIRECTIONS:
            by_direction.setdefault(words[0], set()).add(" ".join(words))
            first.setdefault(" ".join(words), i)
    for i, m in enumerate(mentions):
        name = fold(m.text)
        if m.kind is Kind.PLACE and name in DIRECTIONS and len(by_direction.get(name, ())) == 1:
            yield first[next(iter(by_direction[name]))], i


def _core_name(mention: Mention) -> str:
    """A name without the country (or the part of one a north and a south share, "Korea"),
    generic words or a place word in front or behind."""
    if mention.key:
        words = Key.parse(mention.key).name.split()
    else:
        words = fold(mention.text).replace("'", " ' ").split()
    gazetteer = load_gazetteer()
    while len(words) > 1 and (
        words[0] in GENERIC_WORDS
        or gazetteer.country(words[0])
        or gazetteer.country_of_demonym(words[0])
        or any(gazetteer.country(f"{d} {words[0]}") for d in DIRECTIONS)  # "Korea"
        or words[0] == "'"
    ):
        words = words[1:]
    if len(words) > 1 and words[-1] in PLACE_WORDS:
        words = words[:-1]
    words = without_company_suffix(" ".join(words)).split()  # "Orion PMC" ~ "Orion"
    if len(words) > 3 and words[-2] == "of" and gazetteer.country(words[-1]):
        words = words[:-2]  # "Electoral Commission of Ghana" ~ "Electoral Commission"
    if len(words) == 2 and words[1] == "ministry":
        words = ["ministry", "of", words[0]]
    return " ".join(w for w in words if w != "s")


def country_titles(extraction: Extraction) -> Iterator[tuple[int, int]]:
    """ "the Islamic Republic" is the country of the document whose official name contains it."""
    gazetteer = load_gazetteer()
    countries: dict[str, int] = {}
    for i, m in enumerate(extraction.mentions):
        if m.key and (key := Key.parse(m.key)).is_country:
            countries.setdefault(key.country, i)
    for i, m in enumerate(extraction.mentions):
        if m.kind is not Kind.PLACE or m.key or len(m.text.split()) < 2:
            continue
        name = f" {fold(m.text)} "
        holders = [
            code
            for code in countries
            if any(name in f" {fold(n)} " for n in gazetteer.countries[code].aliases)
        ]
        if len(holders) == 1:
            yield countries[holders[0]], i


LINKS: tuple[Callable[[Extraction], Iterator[tuple[int, int]]], ...] = (
    same_name,
    text_aliases,
    initialisms,
    surnames_of_people,
    country_titles,
    short_names,
    head_words,
    institution_names,
    known_organization_links,
    brand_links,
    middle_name_links,
    name_part_links,
    party_short_names,
    directional_names,
    residence_links,
    handle_links,
)
"""Every link, in the order the evidence graph takes them."""
