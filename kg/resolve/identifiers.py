"""What identifies an entity on the web of data: the Wikidata item, GeoNames feature and
coordinates of a place or organization the gazetteer or the lexicon knows, and the IRIs of a
team's own link table (``kg build --link``).

A wrong identifier is worse than none: a place is identified only when every key its mentions
carry is one and the same (``Georgia`` the state and ``Georgia`` the country merged would get
none), an organization only when all its well-known names are of one organization, and a row
of a link table only when it names one entity of its type, and that entity no other row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from kg.knowledge.gazetteer import fold, load_gazetteer
from kg.knowledge.geonames import GeoName, city_geoname, country_geoname, subdivision_geoname
from kg.knowledge.lexicon import known_organizations
from kg.knowledge.link_table import LinkRow
from kg.records import Entity, Key, Kind
from kg.resolve.aliases import Named, known_name


@dataclass(frozen=True)
class Identity:
    """The identifiers of one entity (all optional)."""

    wikidata: str | None = None
    geonames: int | None = None
    coordinates: tuple[float, float] | None = None


NONE = Identity()


def identity(kind: Kind, mentions: Sequence[Named]) -> Identity:
    """The identifiers the mentions of one entity settle beyond doubt."""
    if kind is Kind.PLACE:
        keys = {m.key for m in mentions if m.key}
        return _place(Key.parse(keys.pop())) if len(keys) == 1 else NONE
    if kind is Kind.ORGANIZATION:
        names = {known_name(m) for m in mentions} - {None}
        if len(names) == 1 and not any(m.key for m in mentions):
            known = known_organizations()[fold(names.pop() or "")]
            return Identity(wikidata=known.wikidata)
    return NONE


def _place(key: Key) -> Identity:
    gazetteer = load_gazetteer()
    geoname: GeoName | None = None
    if key.is_country:
        wikidata, geoname = gazetteer.countries[key.country].wikidata, country_geoname(key.country)
    elif key.city is not None:
        city = gazetteer.city(key.city)
        if city is None or city.country != key.country:
            return NONE
        wikidata, geoname = city.wikidata, city_geoname(city)
    elif key.region is not None:
        subdivision = gazetteer.subdivisions[f"{key.country}-{key.region}"]
        wikidata, geoname = subdivision.wikidata, subdivision_geoname(subdivision)
    else:
        return NONE  # an institution of a country: not a place
    if geoname is None:
        return Identity(wikidata=wikidata)
    return Identity(wikidata, geoname.geonameid, geoname.coordinates)


def with_link_table(entities: Iterable[Entity], rows: Sequence[LinkRow]) -> tuple[Entity, ...]:
    """The entities, each given the IRI of the one row of the table that names it (by its
    label or another name, and its type when the row gives one), when no other entity fits
    that row and no other row fits that entity."""
    entities = tuple(entities)
    fits: dict[int, set[int]] = {}
    """Row index -> the entities that row names."""
    for i, entity in enumerate(entities):
        names = {fold(n) for n in entity.names}
        for r, row in enumerate(rows):
            if fold(row.name) in names and row.kind in (None, entity.kind):
                fits.setdefault(r, set()).add(i)
    iris: dict[int, set[str]] = {}
    for r, found in fits.items():
        if len(found) == 1:
            iris.setdefault(next(iter(found)), set()).add(rows[r].iri)
    return tuple(
        replace(e, same_as=(next(iter(iris[i])),)) if len(iris.get(i, ())) == 1 else e
        for i, e in enumerate(entities)
    )
