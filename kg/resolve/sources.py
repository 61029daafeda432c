"""The sources of the documents: their publishers and the places of their datelines.

A publisher is an organization of the graph: the one the texts already name so, or a new one;
a dateline's place likewise is a place of the graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from kg.knowledge.gazetteer import Gazetteer, fold, load_gazetteer, world_cities
from kg.knowledge.lexicon import known_organizations
from kg.records import Document, Entity, Kind
from kg.resolve.entities import unique_key


def with_publishers(
    entities: tuple[Entity, ...], documents: Iterable[Document]
) -> tuple[tuple[Entity, ...], tuple[tuple[str, str], ...]]:
    """Publishers are organizations too: the one already found under that name, or a new one.
    A thing of another kind by that very name is the publisher, retyped: the small model takes
    outlets for people ("Daily Sabah", "Dawn")."""
    by_name = {fold(n): e for e in entities if e.kind is Kind.ORGANIZATION for n in e.names}
    for e in entities:
        by_name.setdefault(fold(e.label), e)
    known = known_organizations()  # "AP" in a dateline is the "Associated Press" of a story
    by_known = {known[n].name: e for n, e in by_name.items() if n in known}
    used = {e.key for e in entities}
    added: dict[str, Entity] = {}
    links: list[tuple[str, str]] = []
    for document in documents:
        if not document.publisher:
            continue
        names = _publisher_names(document.publisher)
        name = fold(names[0])
        folded = [fold(n) for n in names]
        found = next((f for n in folded if (f := added.get(n) or by_name.get(n))), None)
        if found is None:
            found = next((by_known.get(known[n].name) for n in folded if n in known), None)
        if found is None:
            key = unique_key(Kind.ORGANIZATION, names[0], used)
            used.add(key)
            found = Entity(
                key,
                Kind.ORGANIZATION,
                names[0],
                alt_labels=names[1:],
                fine_types=("NewsMediaOrganization",),
            )
        if found.kind is not Kind.ORGANIZATION:
            found = replace(found, kind=Kind.ORGANIZATION, fine_types=("NewsMediaOrganization",))
        added[name] = replace(found, documents=tuple(sorted({*found.documents, document.doc_id})))
        links.append((document.doc_id, found.key))
    merged = {e.key: e for e in entities} | {e.key: e for e in added.values()}
    return tuple(merged.values()), tuple(links)


_OTHER_NAME = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<other>[^()]+)\)$")


def _publisher_names(publisher: str) -> tuple[str, ...]:
    """A publisher's name and the other it gives in parentheses: "CNA (Channel NewsAsia)",
    "Anadolu Agency (AA)" are one outlet by two names, not one name with brackets (a place in
    them only tells which outlet: "The Sentinel (Assam)").

    >>> _publisher_names("CNA (Channel NewsAsia)"), _publisher_names("Dawn")
    (('CNA', 'Channel NewsAsia'), ('Dawn',))
    >>> _publisher_names("The Sentinel (Assam)")
    ('The Sentinel (Assam)',)
    """
    match = _OTHER_NAME.match(publisher.strip())
    if match is None or _is_place(match["other"].strip()):
        return (publisher,)
    return match["name"], match["other"].strip()


def _is_place(name: str) -> bool:
    gazetteer = load_gazetteer()
    return _place_type(name, gazetteer) is not None or bool(gazetteer.subdivisions_named(name))


def with_datelines(
    entities: tuple[Entity, ...], documents: Iterable[Document]
) -> tuple[tuple[Entity, ...], tuple[tuple[str, str], ...]]:
    """The place of each dateline ("NAIROBI (Coast Wire) –"): the place of the graph by that
    name, or a new one when the gazetteer knows it as a country or a city (the story was filed
    there: the article names it, if only in the dateline). A country the dateline names after
    the place ("DUBAI, United Arab Emirates") is a place of the article too."""
    places = {fold(n): e for e in entities if e.kind is Kind.PLACE for n in e.names}
    used = {e.key for e in entities}
    gazetteer = load_gazetteer()
    added: dict[str, Entity] = {}
    links: list[tuple[str, str]] = []
    for document in documents:
        if not document.dateline_place:
            continue
        for i, place in enumerate(p.strip() for p in document.dateline_place.split(",")):
            name = fold(place)
            found = added.get(name) or places.get(name)
            if found is None:
                kind = _place_type(place, gazetteer)
                if kind is None:
                    continue
                key = unique_key(Kind.PLACE, place, used)
                used.add(key)
                found = Entity(key, Kind.PLACE, place, fine_types=(kind,))
            docs = tuple(sorted({*found.documents, document.doc_id}))
            added[name] = replace(found, documents=docs)
            if i == 0:
                links.append((document.doc_id, found.key))
    merged = {e.key: e for e in entities} | {e.key: e for e in added.values()}
    return tuple(merged.values()), tuple(links)


def _place_type(name: str, gazetteer: Gazetteer) -> str | None:
    """ "Country" or "City" for a place the gazetteer or GeoNames knows, else None."""
    if gazetteer.country(name) is not None:
        return "Country"
    if gazetteer.city(name) is not None or fold(name) in world_cities():
        return "City"
    return None
