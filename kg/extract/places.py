"""Which country, state or city a place name is, as its document tells.

A name the gazetteer gives two readings ("Georgia": the country, or the US state) takes the
one its document points to: a city before it ("Atlanta, Georgia", "Tbilisi, Georgia"), or
other states of that country named in the story ("Georgia and Alabama"); evidence both ways
leaves it unnamed. A city the gazetteer knows is not that city when the text places it in
another country or state ("Paris, Texas"). Only what the document settles gets a key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from kg.knowledge.gazetteer import Country, Gazetteer, Subdivision, fold, geonames_data

QUALIFIER = re.compile(r"\s*,\s*")
"""What stands between a city and the state or country that places it ("Paris, Texas")."""


@dataclass(frozen=True)
class PlaceContext:
    """What one document settles about its place names (folded)."""

    regions: dict[str, str] = field(default_factory=dict)
    """Names that are a state or province here -> its ISO 3166-2 code ("georgia" -> "US-GA")."""
    not_cities: frozenset[str] = frozenset()
    """Names of gazetteer cities the text places elsewhere ("paris" beside "Texas")."""
    unsettled: frozenset[str] = frozenset()
    """Names with two readings the document points both ways for: no key."""


def place_context(
    text: str, places: Iterable[tuple[int, int]], gazetteer: Gazetteer
) -> PlaceContext:
    """The readings a document's place names take, from the spans (start, end) of its place
    names in ``text``."""
    spans = sorted(places)
    names = [text[start:end] for start, end in spans]
    regions: dict[str, str] = {}
    countries: set[str] = set()
    not_cities: set[str] = set()
    for ((_, end), place), ((start, _), qualifier) in pairwise(zip(spans, names, strict=True)):
        if not QUALIFIER.fullmatch(text[end:start]):
            continue
        _qualified(place, qualifier, gazetteer, regions, countries, not_cities)
    unsettled: set[str] = set()
    named = {fold(n) for n in names}
    for name in named - regions.keys() - countries:
        homonym = _homonym(name, gazetteer)
        if homonym is None:
            continue
        country, subdivision = homonym
        states = {
            sub.country
            for other in named - {name}
            if gazetteer.country(other) is None
            for sub in gazetteer.subdivisions_named(other)
        }
        if subdivision.country not in states:
            continue  # no other state of that country: the country, as everywhere
        cities = {c.country for other in named if (c := gazetteer.city(other)) is not None}
        if country.code in cities:
            unsettled.add(name)
        else:
            regions[name] = subdivision.code
    return PlaceContext(regions, frozenset(not_cities), frozenset(unsettled))


def _qualified(
    place: str,
    qualifier: str,
    gazetteer: Gazetteer,
    regions: dict[str, str],
    countries: set[str],
    not_cities: set[str],
) -> None:
    """What "PLACE, QUALIFIER" settles: the qualifier's reading, and whether the place is the
    gazetteer's city of that name."""
    country = gazetteer.country(qualifier)
    subdivisions = gazetteer.subdivisions_named(qualifier)
    if country is None and not subdivisions:
        return
    own = _homonym(place, gazetteer)  # "Georgia, United States"
    if own is not None and country is not None and country.code in {own[0].code, own[1].country}:
        if country.code == own[1].country:
            regions[fold(place)] = own[1].code
        else:
            countries.add(fold(place))
    within = {s.country for s in subdivisions} | ({country.code} if country else set())
    city = gazetteer.city(place)
    seats = _world_cities().get(fold(place), frozenset())
    in_country = {city.country} if city is not None else {c for c, _ in seats}
    if city is not None and city.country not in within:
        not_cities.add(fold(place))
        for sub in gazetteer.subdivisions_named(place):
            if sub.country in within:
                regions[fold(place)] = sub.code
    homonym = _homonym(qualifier, gazetteer)
    if homonym is None:
        return
    subdivision = homonym[1]
    as_region = (
        subdivision.country in in_country or (subdivision.country, subdivision.region) in seats
    )
    as_country = homonym[0].code in in_country
    if as_region and not as_country:
        regions[fold(qualifier)] = subdivision.code
    elif as_country and not as_region:
        countries.add(fold(qualifier))


def _homonym(name: str, gazetteer: Gazetteer) -> tuple[Country, Subdivision] | None:
    """A country and the one state or province that shares its name ("Georgia")."""
    country = gazetteer.country(name)
    subdivisions = gazetteer.subdivisions_named(name)
    if country is None or len(subdivisions) != 1:
        return None
    return country, subdivisions[0]


@cache
def _world_cities() -> dict[str, frozenset[tuple[str, str]]]:
    """Folded city names (GeoNames, 15,000 people or more) -> (country, first-level division)
    of each city of that name ("macon" -> ("US", "GA"), ...)."""
    seats: dict[str, set[tuple[str, str]]] = {}
    for row in geonames_data("cities15000").values():
        seats.setdefault(fold(row["name"]), set()).add((row["countrycode"], row["admin1code"]))
    return {name: frozenset(places) for name, places in seats.items()}
