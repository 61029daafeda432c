"""The sources of the documents: their publishers and the places of their datelines.

A publisher is an organization of the graph: the one the texts already name so, or a new one.
"""

from __future__ import annotations

from dataclasses import replace

from kg.knowledge.gazetteer import fold
from kg.records import Document, Entity, Kind
from kg.resolve.entities import unique_key


def with_publishers(
    entities: tuple[Entity, ...], documents: tuple[Document, ...]
) -> tuple[tuple[Entity, ...], tuple[tuple[str, str], ...]]:
    """Publishers are organizations too: the one already found under that name, or a new one."""
    by_name = {fold(n): e for e in entities if e.kind is Kind.ORGANIZATION for n in e.names}
    added: dict[str, Entity] = {}
    links: list[tuple[str, str]] = []
    for document in documents:
        if not document.publisher:
            continue
        name = fold(document.publisher)
        found = added.get(name) or by_name.get(name)
        if found is None:
            used = {e.key for e in entities} | {e.key for e in added.values()}
            key = unique_key(Kind.ORGANIZATION, document.publisher, used)
            found = Entity(
                key, Kind.ORGANIZATION, document.publisher, fine_types=("NewsMediaOrganization",)
            )
        added[name] = replace(found, documents=tuple(sorted({*found.documents, document.doc_id})))
        links.append((document.doc_id, found.key))
    merged = {e.key: e for e in entities} | {e.key: e for e in added.values()}
    return tuple(merged.values()), tuple(links)


def datelines(
    entities: tuple[Entity, ...], documents: tuple[Document, ...]
) -> tuple[tuple[str, str], ...]:
    """The place of each dateline ("NAIROBI (Coast Wire) –"), when the graph has it by that name."""
    places = {fold(n): e.key for e in entities if e.kind is Kind.PLACE for n in e.names}
    return tuple(
        (document.doc_id, places[fold(document.dateline_place)])
        for document in documents
        if document.dateline_place and fold(document.dateline_place) in places
    )
