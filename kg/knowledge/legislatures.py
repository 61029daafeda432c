"""The houses of each country's legislature, by the names a story gives them ("the Senate",
"the House", "Congress", "the lower house"), with their proper names ("United States
Senate"); and the marks that place a story in a country without naming it ("Sen. Mike Lee,
R-Utah": a member of the US Congress).

Data: ``legislatures.jsonl`` (a row per house, the words that name a house by its role, and
the titles of its members) and ``country_cues.jsonl``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

import srsly

from kg.knowledge.gazetteer import fold, load_gazetteer
from kg.records import Key

Role = Literal["whole", "upper", "lower"]

KEY_NAMES: dict[Role, str] = {"whole": "parliament", "upper": "senate", "lower": "lower house"}
"""The institution each role is known by in keys: "Japan's parliament" (``parliament@JP``) is
the National Diet, "the Kenyan Senate" (``senate@KE``) its Senate."""

DATELINE_WEIGHT = 2
"""A dateline counts as two mentions of its country: where the reporter files from."""


@dataclass(frozen=True)
class Chamber:
    """One house of a country's legislature (or the whole legislature, ``role`` "whole")."""

    country: str
    role: Role
    name: str
    names: frozenset[str]
    """Folded names it goes by: its phrase ("house of representatives"), proper names."""
    head: str
    """The word it is called by for short: "senate" for the "Federal Senate"."""

    @property
    def key(self) -> str:
        """The key of the institution: ``senate@US``, ``lower house@KE``."""
        return str(Key.for_institution(KEY_NAMES[self.role], self.country))


@dataclass(frozen=True)
class LegislatorTitle:
    """A title of a house's members or officers: "Sen." is a senator of the upper house."""

    post: str
    role: Role
    plural: bool = False
    """ "Sens. A, B and C": the title of each name listed after it."""


def _rows(name: str) -> list[dict[str, Any]]:
    path = resources.files("kg") / "knowledge" / "data" / f"{name}.jsonl"
    return list(srsly.read_jsonl(str(path)))


@cache
def _chambers() -> dict[str, dict[Role, Chamber]]:
    found: dict[str, dict[Role, Chamber]] = {}
    for row in _rows("legislatures"):
        if "country" not in row:
            continue
        phrase = row["chamber"]
        names = frozenset(fold(n) for n in (phrase, row["name"], *row.get("also", ())))
        head = phrase.split(" of ")[0].split()[-1]
        chamber = Chamber(row["country"], row["role"], row["name"], names, head)
        found.setdefault(row["country"], {})[row["role"]] = chamber
    return found


@cache
def _role_words() -> dict[str, Role]:
    """ "house" is the lower house, "parliament" the whole legislature."""
    return {row["word"]: row["role"] for row in _rows("legislatures") if "word" in row}


@cache
def legislator_titles() -> dict[str, LegislatorTitle]:
    """The titles of lawmakers, by folded word: "sen", "rep", "speaker", "mp"."""
    return {
        row["title"]: LegislatorTitle(row["post"], row["role"], row.get("plural", False))
        for row in _rows("legislatures")
        if "title" in row
    }


def house_key(role: Role, country: str) -> str:
    """The key of the house a role names in a country: the lexicon's, else the country's
    senate or parliament (a country of one house has no lower house apart).

    >>> house_key("lower", "KE"), house_key("lower", "IQ"), house_key("upper", "IQ")
    ('lower house@KE', 'parliament@IQ', 'senate@IQ')
    """
    chambers = _chambers().get(country, {})
    chamber = chambers.get(role) or (chambers.get("whole") if role == "lower" else None)
    if chamber is not None:
        return chamber.key
    return str(Key.for_institution("senate" if role == "upper" else "parliament", country))


def party_tags(text: str) -> list[tuple[int, int]]:
    """Where the party and state tags of lawmakers are written.

    >>> party_tags("Mike Lee, R-Utah, said")
    [(8, 16)]
    """
    return sorted(m.span() for _, pattern in _cue_patterns() for m in pattern.finditer(text))


def without_party_tags(text: str) -> str:
    """Text without the party and state tags of lawmakers.

    >>> without_party_tags("Mike Lee, R-Utah, and Rand Paul (R-Ky.)")
    'Mike Lee, and Rand Paul'
    """
    for _, pattern in _cue_patterns():
        text = pattern.sub("", text)
    return text


def chamber_named(name: str, country: str) -> Chamber | None:
    """The house of the country's legislature a name stands for: its own names first, then
    a word for its role ("the House" is the lower house), then its short name ("the Senate"
    for Brazil's Federal Senate) where no other house shares it.

    >>> chamber_named("the House", "US").name, chamber_named("Senate", "PH").name
    ('United States House of Representatives', 'Senate of the Philippines')
    >>> chamber_named("Congress", "IN") is None
    True
    """
    chambers = _chambers().get(country, {})
    folded = fold(name)
    for chamber in chambers.values():
        if folded in chamber.names:
            return chamber
    role = _role_words().get(folded)
    if role is not None:
        return chambers.get(role)
    by_head = [c for c in chambers.values() if c.head == folded]
    return by_head[0] if len(by_head) == 1 else None


def chamber_of_key(key: str) -> Chamber | None:
    """The house an institution key stands for: ``congress@US`` is the United States Congress,
    ``parliament@JP`` the National Diet."""
    parsed = Key.parse(key)
    if not parsed.is_institution:
        return None
    chambers = _chambers().get(parsed.country, {})
    role = next((r for r, name in KEY_NAMES.items() if name == parsed.name), None)
    if role is not None and role in chambers:
        return chambers[role]
    return chamber_named(parsed.name, parsed.country)


def country_cues(text: str, dateline: str | None = None) -> Counter[str]:
    """Countries a story is placed in without being named: a dateline's place ("MANILA,
    Philippines"), and the party and state tags of US lawmakers ("Sen. Mike Lee, R-Utah").

    >>> country_cues("said Sen. Mike Lee (R-Utah) and Rep. Adam Smith, D-Wash., on Friday")
    Counter({'US': 2})
    """
    cues: Counter[str] = Counter()
    for country, pattern in _cue_patterns():
        cues[country] += len(pattern.findall(text))
    if dateline and (placed := _dateline_country(dateline)) is not None:
        cues[placed] += DATELINE_WEIGHT
    return +cues


@cache
def _cue_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """A party's letter, a hyphen and a state, between commas or in brackets after a name."""
    subdivisions = load_gazetteer().subdivisions.values()
    patterns = []
    for row in _rows("country_cues"):
        states = {s.name for s in subdivisions if s.country == row["country"]}
        places = sorted({*row["places"], *states}, key=len, reverse=True)
        parties = "|".join(map(re.escape, row["parties"]))
        place = "|".join(map(re.escape, places))
        patterns.append(
            (row["country"], re.compile(rf"(?:, | \()(?:{parties})-(?:{place})\)?(?=[,).;:]|\s|$)"))
        )
    return tuple(patterns)


def _dateline_country(dateline: str) -> str | None:
    """ "Manila, Philippines", "NAIROBI", "Washington": the country named last, or the city's."""
    gazetteer = load_gazetteer()
    for part in reversed([p.strip() for p in dateline.split(",")]):
        if (country := gazetteer.country(part)) is not None:
            return country.code
        if (city := gazetteer.city(part)) is not None:
            return city.country
    return None
