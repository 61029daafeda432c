"""Our word lists, kept as data in ``kg/knowledge/data/*.jsonl`` and loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import srsly

from kg.knowledge.gazetteer import fold


@dataclass(frozen=True)
class HeadRule:
    """What a name ending in this word is: ``Council`` -> a government organization."""

    kind: str
    fine_type: str | None


def _rows(name: str) -> list[dict[str, Any]]:
    return list(
        srsly.read_jsonl(str(resources.files("kg") / "knowledge" / "data" / f"{name}.jsonl"))
    )


@dataclass(frozen=True)
class Title:
    """A title before a name: is it a post ("Minister") or only a rank or honorific ("Dr")?
    A state title ("President", "Foreign Minister") is a post in the country itself."""

    post: bool
    state: bool
    stands_for: str | None = None
    """The title an abbreviation spells out: "FM" is "foreign minister"."""


@cache
def titles() -> dict[str, Title]:
    """Titles that precede or describe a name, by lower-case phrase."""
    return {
        row["title"]: Title(bool(row["post"]), bool(row["state"]), row.get("stands_for"))
        for row in _rows("titles")
    }


@cache
def entity_heads() -> dict[str, HeadRule]:
    """Last words (or last two) that fix a kind: "... Council" is an organization, "...
    Airport" and "... Hydropower Project" are places."""
    return {
        row["head"]: HeadRule(row["kind"], row["fine_type"])
        for row in _rows("entity_heads")
        if row.get("position", "last") == "last"
    }


@cache
def leading_heads() -> dict[str, HeadRule]:
    """First words, folded, that fix a kind where a language puts the head first: "Partido
    ...", "Ejército ..." are organizations, "Mount ...", "Lago ..." places."""
    return {
        row["head"]: HeadRule(row["kind"], row["fine_type"])
        for row in _rows("entity_heads")
        if row.get("position") == "first"
    }


@dataclass(frozen=True)
class Institution:
    """An institution every country has; "lawmakers" stands for the parliament without
    naming it (``naming`` false: it gives no label)."""

    name: str
    fine_type: str
    naming: bool
    also: tuple[str, ...] = ()
    """Proper names the institution goes by, "{country}" standing for the country's name."""
    national: bool = False
    """The capital stands for the country before it: "Seoul's foreign ministry" is South
    Korea's (not so "Nairobi police", the city's)."""


@cache
def institutions() -> dict[str, Institution]:
    """Institutions a country has ("the Iraqi parliament", "Iraqi lawmakers"), by phrase."""
    return {
        row["phrase"]: Institution(
            row.get("institution", row["phrase"]),
            row["fine_type"],
            row.get("naming", True),
            tuple(row.get("also", ())),
            row.get("national", False),
        )
        for row in _rows("institutions")
    }


def place_words(role: str) -> frozenset[str]:
    """Words that make a place of a name: nouns (``place_noun``: "the town of X"),
    prepositions (``locative``: "near X"), and the divisions a place's name may end with
    (``division``: "Kirkuk province" is Kirkuk), and the posts held in a place
    (``place_title``: "the governor of X" does not make X an organization), and the last
    words of a building's name (``venue_head``: "said at Government House"), and the names of
    great rivers (``river``: "the Tigris", which the model takes for an organization; none that
    is also a common person's, state's or company's name, "Hudson", "Amazon"), and the words
    that make a residence of a place's name, in front or behind (``residence``: "Schloss X",
    "X Palace"), and the parts of a region (``compass``: "the central Sahel" is a place)."""
    return _by_role("place_words")[role]


def function_words(role: str) -> frozenset[str]:
    """The small words our rules look for, by role: ``joiner`` (inside a name, "Ministry of
    the Interior", with ``joiner_abroad`` "de", "al", "&" where initials are read),
    ``dangling`` (no name ends with them), ``run_joiner`` (inside a run of capitalised words),
    ``article``, ``possessive`` ("'s"), ``apostrophe`` (a bare one, "the ministers'"),
    ``determiner`` (of a definite description of a person), ``definite`` (of an event told
    before), ``future`` (with ``ahead_modifier``, "the next summit": an event still to come),
    ``relative_date`` ("two days after"), ``pronoun`` (a speaker told before;
    ``male_pronoun``, ``female_pronoun``: whom it may stand for; ``possessive_pronoun``:
    "his", "her", the person named before; ``organization_pronoun``: "it", "its", an
    organization told before), ``percent`` (how a share ends: "per cent"),
    ``generic`` (words
    that do not tell organizations apart, "national"), ``date_filler``
    (words around a date: "early last month"), ``period_before``, ``period_current`` and
    ``period_after`` (a year or month counted from the article's: "last year", "this month",
    "next year"), ``apposition_end`` (where "X, the country's
    president" stops describing X), ``title_modifier`` (titles no one bears alone: "former"),
    ``gathering`` (a meeting its host alone may tell: "a cabinet retreat"),
    ``date_label`` (words around a page's date line: "Published on ... at"),
    ``institution_word`` (words of a name every country's institution may bear: "Supreme",
    "House of Representatives"), ``company_suffix`` (what a company's short name drops: "PMC",
    "Ltd", "TV"), ``section_word`` (a site's sections and desks, not its name: "World",
    "Web Desk"), ``portfolio_head`` (titles a capitalised portfolio may precede, "Fisheries
    Minister"), ``company_title`` (a company's posts: "Chairman X" in a story about one
    company), ``company_part`` (what a company has: "X's board"), ``court_title`` (a
    court's: "Chief Justice X" in a story naming one court),
    ``before_institution`` (words that may precede a country's institution before a title:
    "said police spokesman X", where "regional police chief X" is not the country's),
    ``party_context`` (nouns a party's name modifies: "the X ticket"), ``combining_form``
    (first parts of a joined adjective: "Franco-German") and ``site_noun`` (sites a place
    may hold: "the commission's X headquarters"), ``chamber`` (a lower house of parliament;
    "National Assembly" may name all of it) and ``upper_chamber`` (a house that shows there are
    two, "Senate"), ``party_plural`` (a party named by its members, "the Greens"),
    ``name_splitter`` (a word between two names run into one, "X from Y"), ``head_particle``
    (after it a name whose language puts the head first goes on: "División del Ejército"), and
    ``name_continuation`` (words that begin only the rest of a name, "Abdul"), ``generation``
    (a suffix that names a father's son apart: "Jr"),
    ``organization_noun`` (nouns only an organization is, "X, a subsidiary of Y"),
    ``aide_noun`` ("his deputy, Minister X": X serves another's state, not the story's),
    ``seat_participle`` ("Lima-based X": X is an organization), ``org_noun`` (a noun of a
    title that stands for the organization the text just named with it: "party leader X"
    after "the Pheu Thai Party"), ``company_title_first`` and ``company_title_last`` (the
    words a company's post runs between: "Chief Financial and Operating Officer"), and
    ``speaking_title`` (posts that speak for the institution named before them: "Israeli
    military spokesman X"), ``panel_head`` (what a body's own committee is called: "the
    Senate X Committee" is the Senate's) and ``mission_abroad`` (an organization based
    where it is, not in the country its name tells: "the Chinese embassy"), ``company_noun``
    (nouns that stand for the company a story is about: "the group, which is based in X"),
    ``envoy_title`` (posts a country gives to serve abroad: "the US ambassador X" holds one
    in the US, though "Ambassador X" alone is no post of the story's country),
    ``regional_title`` (a state's or province's posts: "state governor X" in a story about
    one state) and ``not_regional`` (bodies such a title may head instead: "central bank
    governor"), ``post_verb`` (verbs of taking up a post: "X became governor" shows a
    person) and ``membership_title`` (a title that is no post, only membership: "X, a member
    of the Y party")."""
    return _by_role("function_words")[role]


@cache
def _by_role(name: str) -> dict[str, frozenset[str]]:
    """A word list's words by role; an unknown role is an error, not an empty list."""
    words: dict[str, set[str]] = {}
    for row in _rows(name):
        words.setdefault(row["role"], set()).add(row["word"])
    return {role: frozenset(found) for role, found in words.items()}


@cache
def name_particles() -> frozenset[str]:
    """Particles of surnames: "al-Hashimi" is "Hashimi", "van der Berg" is "Berg"."""
    return frozenset(row["particle"] for row in _rows("name_particles"))


def strip_particles(folded: str) -> str:
    """A folded name without its particles (but never empty).

    >>> strip_particles("gustavo de vicente"), strip_particles("al")
    ('gustavo vicente', 'al')
    """
    words = folded.split()
    kept = [w for w in words if w not in name_particles()]
    return " ".join(kept or words[-1:])


@dataclass(frozen=True)
class KnownOrganization:
    """A well-known organization the small model mistypes or that goes by other names:
    news agencies, broadcasters, platforms, international bodies ("Atlantic Alliance" is NATO),
    armed groups ("Shebab" is al-Shabaab). An acronym that names other bodies too ("PTI", "ICC",
    "NPA") is not among the names: it would join them across documents."""

    name: str
    kind: str
    wikidata: str | None = None
    """Its Wikidata item, for international organizations (``data/README.md``)."""


@cache
def known_organizations() -> dict[str, KnownOrganization]:
    """Known organizations by each of their folded names ("xinhua", "xinhua news agency")."""
    known: dict[str, KnownOrganization] = {}
    for row in _rows("known_organizations"):
        organization = KnownOrganization(row["name"], row["kind"], row.get("wikidata"))
        for name in (row["name"], *row["also"]):
            known[fold(name)] = organization
    return known


@cache
def nicknames() -> dict[str, str]:
    """The given name each common English nickname stands for: "chuck" is "charles"."""
    return {row["nickname"]: row["name"] for row in _rows("nicknames")}


@cache
def peoples() -> frozenset[str]:
    """Folded names of peoples and faiths ("Tamils", "Bedouin", "Sunnis"): a group of people,
    no person, place or organization, as a nationality word is."""
    return frozenset(fold(row["name"]) for row in _rows("peoples"))


@cache
def person_nouns() -> frozenset[str]:
    """Nouns only a person is, naming one in apposition: "his counterpart, X", "X, a lawyer,"."""
    return frozenset(row["noun"] for row in _rows("person_nouns"))


def without_company_suffix(name: str) -> str:
    """A folded name without the legal suffixes a company's short name drops.

    >>> without_company_suffix("orion pmc"), without_company_suffix("wagner group")
    ('orion', 'wagner')
    """
    words = name.split()
    while len(words) > 1 and words[-1] in function_words("company_suffix"):
        words = words[:-1]
    return " ".join(words)
