"""Entities and relations of a graph against a gold file.

Every typed node is matched to a gold entity by its names (its ``rdfs:label`` first); a second
node for the same thing, a node of the wrong type, a name the gold does not know and a name
that only page furniture holds (the gold's ``absent``) count as false positives.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from kg.evaluate.gold import KINDS, Gold, fold
from kg.evaluate.graph import ORG, GraphIndex, Term, schema
from kg.evaluate.report import PartScore

SIMPLE_RELATIONS = {
    "memberOf": (ORG + "memberOf",),
    "subOrganizationOf": (ORG + "subOrganizationOf",),
    "nationality": schema("nationality"),
    "containedInPlace": schema("containedInPlace"),
    "homeLocation": schema("homeLocation"),
    "location": schema("location"),
}
"""The contract's relations that are one triple, by the gold's name for them."""
ACTOR_KINDS = frozenset({"Organization", "Person"})
"""Subjects whose ``schema:location`` is a relation (an event's is its place)."""


@dataclass(frozen=True)
class Matching:
    """Which gold entity each node names, and the basic types of the typed nodes."""

    gold_id: dict[Term, str]
    kinds: dict[Term, set[str]]

    def of(self, node: Term) -> str | None:
        return self.gold_id.get(node)


def match_nodes(graph: GraphIndex, gold: Gold) -> Matching:
    """Tie every node that has a name to the gold entity of that name, if any."""
    by_label = gold.entity_by_label()
    gold_id: dict[Term, str] = {}
    kinds: dict[Term, set[str]] = {}
    for node in graph.subjects():
        names = graph.names(node)
        if not names:
            continue
        main = graph.main_name(node)
        if main in by_label:
            gold_id[node] = by_label[main]
        elif found := next((by_label[n] for n in sorted(names) if n in by_label), None):
            gold_id[node] = found
        if basic := graph.types(node) & set(KINDS):
            kinds[node] = basic
    return Matching(gold_id, kinds)


def score_entities(
    graph: GraphIndex, gold: Gold, matching: Matching
) -> tuple[PartScore, dict[str, list[Term]]]:
    """The entity score, and the nodes found for each gold entity (to tell duplicates)."""
    required = gold.required
    tp = fp = 0
    seen: defaultdict[str, list[Term]] = defaultdict(list)
    wrong_type, unknown, from_furniture = [], [], []
    for node, kinds in matching.kinds.items():
        names = graph.names(node)
        name = sorted(names)[0]
        gid = matching.of(node)
        if names & gold.absent:
            from_furniture.append(name)
            fp += 1
            continue
        if gid is None:
            unknown.append(f"{name} ({'/'.join(sorted(kinds))})")
            fp += 1
            continue
        seen[gid].append(node)
        if gid not in required:
            continue  # an optional entity: neither right nor wrong
        want = required[gid].kind
        if want not in kinds:
            wrong_type.append(f"{name}: {'/'.join(sorted(kinds))}, gold {want}")
            fp += 1
        elif sum(want in matching.kinds[n] for n in seen[gid]) > 1:
            fp += 1  # a second node for the same thing
        else:
            tp += 1
    found = {gid for gid in seen if gid in required and _typed_right(gid, seen, gold, matching)}
    missing = sorted(set(required) - found)
    details = {
        "missing": missing,
        "wrong_type": wrong_type,
        "not_in_gold": sorted(unknown)[:40],
        "from_boilerplate": from_furniture,
    }
    return PartScore(tp, fp, len(missing), details), dict(seen)


def _typed_right(gid: str, seen: dict[str, list[Term]], gold: Gold, matching: Matching) -> bool:
    return any(gold.required[gid].kind in matching.kinds[n] for n in seen[gid])


def score_facts(graph: GraphIndex, gold: Gold, matching: Matching) -> PartScore:
    """Posts (with their titles) and the one-triple relations, between matched entities.

    A relation whose subject or object is no gold entity counts as a false positive.
    """
    stated, about_unknown = _stated_facts(graph, matching)
    required = {fact.key: fact for fact in gold.facts}
    matched: set[tuple[str, str, str]] = set()
    wrong: list[str] = []
    for rel, s, o, titles in stated:
        key = (rel, s, o)
        if key in required:
            want = required[key].title
            if want is None or any(fold(want) in title for title in titles):
                matched.add(key)
                continue
            wrong.append(f"{s} {rel} {o}: title {sorted(titles)}, gold {want!r}")
        elif key in gold.optional_facts:
            continue
        else:
            wrong.append(f"{s} {rel} {o}")
    details = {
        "missing": [f"{s} {r} {o}" for (r, s, o) in sorted(set(required) - matched)],
        "not_in_gold": sorted(wrong)[:40],
    }
    fp = about_unknown + len(wrong)
    return PartScore(len(matched), fp, len(required) - len(matched), details)


StatedFact = tuple[str, str, str, frozenset[str]]


def _stated_facts(graph: GraphIndex, matching: Matching) -> tuple[set[StatedFact], int]:
    """The graph's facts between gold entities, and how many name something else."""
    stated: set[StatedFact] = set()
    about_unknown = 0
    for node in graph.subjects():
        for post in graph.objects(node, [ORG + "holds"]):
            titles = set(graph.names(post))
            for role in graph.objects(post, [ORG + "role"]):
                titles |= graph.names(role)
            for org in graph.objects(post, [ORG + "postIn"]):
                s, o = matching.of(node), matching.of(org)
                if s and o:
                    stated.add(("post", s, o, frozenset(titles)))
                else:
                    about_unknown += 1
    for rel, predicates in SIMPLE_RELATIONS.items():
        for node in graph.subjects():
            if rel == "location" and not matching.kinds.get(node, set()) & ACTOR_KINDS:
                continue  # an event's place is scored with the events
            for target in graph.objects(node, predicates):
                s, o = matching.of(node), matching.of(target)
                if s and o:
                    stated.add((rel, s, o, frozenset()))
                else:
                    about_unknown += 1
    return stated, about_unknown
