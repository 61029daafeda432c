"""Resolution: the extractions of the corpus -> one entity per real thing, the facts between
the entities, and the events, each told once.

``resolve`` runs the steps in order: the names (``entities``), the people told only by role
(``descriptions``, from what the facts between named entities say of each person), the facts
(``facts``, once more with those people), the events (``events``), the documents' sources
(``sources``) and the IRIs of a link table (``identifiers``). Each step reads the corpus
anew (``corpus``): no step needs all its extractions at once.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from kg.knowledge.link_table import LinkRow
from kg.records import Extraction, Resolution
from kg.resolve.corpus import entity_mentions, per_document
from kg.resolve.descriptions import resolve_descriptions
from kg.resolve.entities import resolve_names
from kg.resolve.events import resolve_events
from kg.resolve.facts import relate_entities
from kg.resolve.identifiers import with_link_table
from kg.resolve.sources import with_datelines, with_publishers


def resolve(extractions: Collection[Extraction], links: Sequence[LinkRow] = ()) -> Resolution:
    """The resolved corpus: the input of the graph builder; ``extractions`` in the order the
    corpus is to be resolved in, read several times; ``links`` are the rows of a link table
    (``kg build --link``).

    Facts are related twice, on purpose: the facts of the named entities are what tells whom a
    description denotes ("Iran's top security official" is the one who holds that post), and
    the people so found then have facts of their own."""
    names = resolve_names(extractions)
    by_key = {e.key: e for e in names.entities}
    named_facts = relate_entities(extractions, names.key_of, by_key)
    described = resolve_descriptions(extractions, names.key_of, named_facts, by_key)
    key_of = names.key_of.updated(described)
    documents = per_document(extractions, lambda ex: (ex.document,))
    entities, publishers = with_publishers(names.entities, documents)
    entities, datelines = with_datelines(entities, documents)
    if links:
        entities = with_link_table(entities, links)
    by_key = {e.key: e for e in entities}  # the datelines' places have facts too
    return Resolution(
        documents=documents,
        sentences=per_document(extractions, lambda ex: ex.sentences),
        entities=entities,
        mentions=per_document(extractions, entity_mentions(key_of)),
        facts=relate_entities(extractions, key_of, by_key),
        events=resolve_events(extractions, key_of, by_key),
        publishers=publishers,
        datelines=datelines,
    )


__all__ = ["resolve"]
