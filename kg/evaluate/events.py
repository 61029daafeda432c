"""Events and statements of a graph against a gold file.

A built event matches a gold event of its class only through a shared actor. Gold and built
events are paired once, globally, best pairs first (most slots filled, then most actors
shared), ties broken by gold order and node IRI, so a score never depends on hash order. A
second node for an event the gold already paired counts as a false positive.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from kg.evaluate.gold import EVENT_CLASSES, Gold, GoldEvent
from kg.evaluate.graph import WAS_DERIVED_FROM, GraphIndex, Term, schema
from kg.evaluate.report import PartScore
from kg.evaluate.score import Matching

ROLES = ("participant", "agent", "target")


@dataclass(frozen=True)
class BuiltEvent:
    """An event node as the scorer sees it: gold ids of its fillers, its dates and documents.

    ``actors`` keeps ``None`` for a filler that is no gold entity: it is a wrong slot.
    """

    node: Term
    classes: frozenset[str]
    agents: frozenset[str]
    actors: frozenset[str | None]
    places: frozenset[str | None]
    dates: frozenset[str]
    documents: frozenset[str]

    def slots_hit(self, want: GoldEvent) -> int:
        return (
            len(self.actors & want.actors)
            + bool(self.actors & want.agents_any)
            + bool(self.places & want.places)
            + bool(want.date and any(d.startswith(want.date) for d in self.dates))
        )


def built_events(graph: GraphIndex, gold: Gold, matching: Matching) -> list[BuiltEvent]:
    """Every node of an event class, in IRI order."""
    documents = _document_ids(graph, gold)
    events = []
    for node in graph.subjects():
        classes = graph.types(node) & set(EVENT_CLASSES)
        if not classes:
            continue
        agents = {matching.of(o) for o in graph.objects_by_local_name(node, ["agent"])}
        events.append(
            BuiltEvent(
                node=node,
                classes=frozenset(classes),
                agents=frozenset(a for a in agents if a is not None),
                actors=frozenset(matching.of(o) for o in graph.objects_by_local_name(node, ROLES)),
                places=frozenset(matching.of(o) for o in graph.objects(node, schema("location"))),
                dates=frozenset(graph.values(node, schema("startDate"))),
                documents=frozenset(
                    documents[d] for d in graph.objects(node, [WAS_DERIVED_FROM]) if d in documents
                ),
            )
        )
    return sorted(events, key=lambda ev: _sort_key(ev.node))


def _sort_key(node: Term) -> str:
    return node.value if isinstance(node, ox.NamedNode | ox.BlankNode) else str(node)


def _document_ids(graph: GraphIndex, gold: Gold) -> dict[Term, str]:
    """Each document node -> the gold document whose file stem its IRI or literals hold."""
    found: dict[Term, str] = {}
    for node in graph.subjects():
        for doc in graph.objects(node, [WAS_DERIVED_FROM]):
            texts = graph.texts(doc)
            for document in gold.documents:
                if any(document.stem in text for text in texts):
                    found[doc] = document.id
    return found


def pair_events(gold: Gold, events: list[BuiltEvent]) -> dict[int, int]:
    """Gold event index -> built event index, best pairs first."""
    candidates = []
    for gi, want in enumerate(gold.events):
        for i, ev in enumerate(events):
            overlap = len(ev.actors & (want.actors | want.agents_any))
            if want.event_class in ev.classes and overlap:
                candidates.append((-ev.slots_hit(want), -overlap, gi, i))
    pairing: dict[int, int] = {}
    for _, _, gi, i in sorted(candidates):
        if gi not in pairing and i not in pairing.values():
            pairing[gi] = i
    return pairing


def score_events(gold: Gold, events: list[BuiltEvent]) -> tuple[PartScore, PartScore]:
    """The event score and the slot score (participants, place, date of the paired events)."""
    pairing = pair_events(gold, events)
    optional = gold.optional_ids
    slot_tp = slot_fp = slot_fn = 0
    missing = []
    for gi, want in enumerate(gold.events):
        if gi not in pairing:
            missing.append(want.id)
            slot_fn += want.n_slots
            continue
        ev = events[pairing[gi]]
        hit = ev.slots_hit(want)
        slot_tp += hit
        slot_fn += want.n_slots - hit
        slot_fp += len(ev.actors - want.actors - want.agents_any - optional)
        slot_fp += len(ev.places - want.places - optional)
        slot_fp += sum(not (want.date and d.startswith(want.date)) for d in ev.dates)
    scored_away = {"Statement", *gold.optional_event_classes}
    paired = set(pairing.values())
    extra = [ev for i, ev in enumerate(events) if ev.classes - scored_away and i not in paired]
    details = {"missing": missing, "not_in_gold": [_sort_key(ev.node) for ev in extra][:20]}
    return (
        PartScore(len(pairing), len(extra), len(missing), details),
        PartScore(slot_tp, slot_fp, slot_fn),
    )


def score_statements(gold: Gold, events: list[BuiltEvent]) -> PartScore:
    """Who spoke in which article: each statement's agents (else its actors) per document."""
    said = {
        (speaker, doc)
        for ev in events
        if "Statement" in ev.classes
        for speaker in (ev.agents or ev.actors)
        for doc in ev.documents
    }
    want = gold.statements
    details = {"missing": sorted(f"{a}@{d}" for a, d in want - said)}
    return PartScore(len(said & want), len(said - want), len(want - said), details)
