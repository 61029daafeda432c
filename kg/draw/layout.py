"""Layout: where each node of a network is drawn, computed once in Python.

A browser cannot run a force layout over thousands of nodes in the seconds a reader waits,
so the HTML page of a large network is drawn at positions computed here, with its physics
off. Most nodes of a news graph are leaves (a statement, a meeting read once) hanging on one
entity, so only the skeleton (the nodes that are not such leaves, the most connected first,
at most ``SKELETON_LIMIT``) is laid out by ForceAtlas2 (networkx, whose cost grows with the
square of the nodes); every other node is set in a disc around the neighbour it hangs on
(a sunflower pattern: even spacing however many), out from the skeleton edge by edge.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Hashable

import networkx as nx

SKELETON_LIMIT = 1500
"""At most this many nodes go through the force layout; the others hang on them."""
EDGE_LENGTH = 100.0
"""The median length, in the page's pixels, of a skeleton edge."""
HANG_SPACING = 9.0
"""How far apart, in pixels, the nodes hanging on one node are set."""
HANG_CLEARANCE = 22.0
"""The gap, in pixels, between a node and the first node hanging on it."""
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))

Position = tuple[float, float]


def layout(g: nx.Graph, *, seed: int = 7) -> dict[Hashable, tuple[int, int]]:
    """Positions, in whole pixels around (0, 0), for every node of ``g`` (edges either way).

    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("a", "s1"), ("a", "s2")])
    >>> pos = layout(g)
    >>> sorted(pos) == sorted(g)
    True
    >>> math.dist(pos["s1"], pos["a"]) < math.dist(pos["b"], pos["a"])
    True
    """
    u = nx.Graph(g.to_undirected(as_view=True)) if g.is_directed() else nx.Graph(g)
    u.remove_edges_from(nx.selfloop_edges(u))
    skeleton = _skeleton(u)
    pos = _force_layout(u, skeleton, seed=seed)
    _hang(u, pos)
    return {node: (round(x), round(y)) for node, (x, y) in pos.items()}


def _skeleton(u: nx.Graph) -> list[Hashable]:
    """The nodes laid out by force: all but the leaves that hang on a node with other edges,
    the most connected first, at most ``SKELETON_LIMIT``."""

    def hangs(node: Hashable) -> bool:
        if u.degree(node) != 1:
            return False
        (anchor,) = u[node]
        return bool(u.degree(anchor) > 1)

    core = [node for node in u if not hangs(node)]
    core.sort(key=lambda node: (-u.degree(node), str(node)))
    return core[:SKELETON_LIMIT]


def _force_layout(u: nx.Graph, skeleton: list[Hashable], *, seed: int) -> dict[Hashable, Position]:
    """ForceAtlas2 over the skeleton, a node as heavy as what hangs on it, scaled to pixels so
    that the discs of leaves around two joined nodes mostly keep apart. Strong gravity keeps
    the parts of the graph that nothing joins inside one round picture, not on a far ring.
    Its iterations shrink as the skeleton grows, so that its cost stays near a few seconds."""
    if not skeleton:
        return {}
    sub = u.subgraph(skeleton)
    chosen = set(skeleton)
    leaves = dict.fromkeys(skeleton, 0)
    for node in u:
        if node not in chosen and u.degree(node) == 1:
            (anchor,) = u[node]
            if anchor in chosen:
                leaves[anchor] += 1
    mass = {node: 1.0 + u.degree(node) + leaves[node] for node in skeleton}
    iterations = max(30, min(200, 40_000_000 // len(skeleton) ** 2))
    raw = nx.forceatlas2_layout(
        sub, max_iter=iterations, node_mass=mass, strong_gravity=True, seed=seed
    )
    scales = sorted(
        (_disc(leaves[a]) + _disc(leaves[b]) + EDGE_LENGTH / 2) / length
        for a, b in sub.edges()
        if (length := math.dist(raw[a], raw[b])) > 0
    )
    lengths = sorted(math.dist(raw[a], raw[b]) for a, b in sub.edges())
    median = lengths[len(lengths) // 2] if lengths else 0.0
    scale = max(
        EDGE_LENGTH / median if median > 0 else 1.0,
        scales[int(len(scales) * 0.9)] if scales else 1.0,
    )
    return {node: (float(x) * scale, float(y) * scale) for node, (x, y) in raw.items()}


def _disc(leaves: int) -> float:
    """The radius of the disc that ``leaves`` nodes hanging on one node fill."""
    return HANG_CLEARANCE + HANG_SPACING * math.sqrt(leaves - 1) if leaves else 0.0


def _hang(u: nx.Graph, pos: dict[Hashable, Position]) -> None:
    """Place every node not yet placed around the placed neighbour it is first reached from
    (breadth first); a part of the graph with no placed node starts outside the skeleton,
    on a spiral that gives each such part the same room."""
    hung: dict[Hashable, int] = {}
    queue = deque(sorted(pos, key=str))
    inner = max((math.hypot(x, y) for x, y in pos.values()), default=0.0) + EDGE_LENGTH
    starts = iter(sorted(u, key=lambda n: (-u.degree(n), str(n))))
    outside = 0
    while len(pos) < len(u):
        if not queue:
            start = next(n for n in starts if n not in pos)
            radius = math.sqrt(inner**2 + outside * EDGE_LENGTH**2)
            pos[start] = _polar(radius, outside, origin=(0.0, 0.0))
            outside += 1
            queue.append(start)
        anchor = queue.popleft()
        for node in sorted(u[anchor], key=str):
            if node in pos:
                continue
            i = hung.get(anchor, 0)
            hung[anchor] = i + 1
            pos[node] = _polar(HANG_CLEARANCE + HANG_SPACING * math.sqrt(i), i, origin=pos[anchor])
            queue.append(node)


def _polar(radius: float, i: int, *, origin: Position) -> Position:
    """The ``i``-th point of a sunflower pattern: ``radius`` away, turned by the golden angle."""
    x, y = origin
    return (x + radius * math.cos(i * GOLDEN_ANGLE), y + radius * math.sin(i * GOLDEN_ANGLE))
