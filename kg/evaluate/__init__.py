"""Evaluation: a graph scored against a hand-made gold file, as ``spacy evaluate`` scores a
pipeline on annotated text.

The gold's schema and the graph's terms are those of the graph contract; the scores are
precision, recall and F1 of entities, relations, events, event slots and statements, and
``kg_f1``, their mean.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.evaluate.events import built_events, score_events, score_statements
from kg.evaluate.gold import Gold, GoldError, load_gold
from kg.evaluate.graph import GraphIndex
from kg.evaluate.report import PARTS, PartScore, Report
from kg.evaluate.score import match_nodes, score_entities, score_facts

__all__ = ["PARTS", "Gold", "GoldError", "PartScore", "Report", "evaluate", "load_gold"]


def evaluate(store: ox.Store, gold: Gold) -> Report:
    """Score the union of every graph in ``store`` against ``gold``.

    >>> from kg.evaluate.gold import _gold
    >>> gold = _gold({"entities": [{"id": "lima", "type": "Place", "labels": ["Lima"]}]})
    >>> store = ox.Store()
    >>> lima = ox.NamedNode("https://example.org/lima")
    >>> store.add(ox.Quad(lima, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
    ...                   ox.Literal("Lima")))
    >>> store.add(ox.Quad(lima, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
    ...                   ox.NamedNode("https://schema.org/Place")))
    >>> evaluate(store, gold).parts["entities"].f1
    1.0
    """
    graph = GraphIndex(store)
    matching = match_nodes(graph, gold)
    entities, seen = score_entities(graph, gold, matching)
    events = built_events(graph, gold, matching)
    event_score, slot_score = score_events(gold, events)
    parts = {
        "entities": entities,
        "facts": score_facts(graph, gold, matching),
        "events": event_score,
        "event_slots": slot_score,
        "statements": score_statements(gold, events),
    }
    return Report(
        parts=parts,
        duplicates={gid: len(nodes) for gid, nodes in seen.items() if len(nodes) > 1},
        split_entities=[gid for gid in gold.single_node if len(seen.get(gid, [])) > 1],
    )
