"""Layout: where each node of a network is drawn, computed once in Python.

A browser cannot run a force layout over thousands of nodes in the seconds a reader waits,
so the HTML page of a large network is drawn at positions computed here, with its physics
off. Most nodes of a news graph are leaves (a statement, a meeting read once) hanging on one
entity, so only the skeleton (the nodes that are not such leaves, the most connected first,
at most ``SKELETON_LIMIT``) is laid out by ForceAtlas2 (networkx, whose cost grows with the
square of the nodes); every other node is set in a disc around the neighbour it hangs on
(a sunflower pattern: even spacing however many), out from the skeleton edge by edge.

The geographic layout (``geo_layout``) pins the places with coordinates on a map (an
equirectangular projection: east to the right, north up) and lays the skeleton nodes joined to
them out by force around them; what no such place reaches is laid out as above, under the map.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

import networkx as nx
import numpy as np

SKELETON_LIMIT = 1500
"""At most this many nodes go through the force layout; the others hang on them."""
EDGE_LENGTH = 100.0
"""The median length, in the page's pixels, of a skeleton edge."""
HANG_SPACING = 9.0
"""How far apart, in pixels, the nodes hanging on one node are set."""
HANG_CLEARANCE = 22.0
"""The gap, in pixels, between a node and the first node hanging on it."""
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
MAP_EDGES = 12.0
"""The map is at least this many edge lengths wide, and wider as the network grows."""
MIN_SPAN = 1.0
"""Degrees: places closer than this all around are not spread over the whole map."""

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
    u = _undirected(g)
    pos = _force_layout(u, _skeleton(u), seed=seed)
    _hang(u, pos)
    return {node: (round(x), round(y)) for node, (x, y) in pos.items()}


@dataclass(frozen=True)
class Projection:
    """An equirectangular map: ``scale`` pixels per degree of longitude (to the right) and of
    latitude (up the page), (0, 0) at (``latitude``, ``longitude``).

    >>> Projection(latitude=30.0, longitude=40.0, scale=10.0).point(35.0, 50.0)
    (100.0, -50.0)
    """

    latitude: float
    longitude: float
    scale: float

    def point(self, latitude: float, longitude: float) -> Position:
        """Where on the page a place at ``latitude``, ``longitude`` (degrees) is drawn."""
        return (longitude - self.longitude) * self.scale, (self.latitude - latitude) * self.scale


def fit_projection(coordinates: Iterable[tuple[float, float]], *, nodes: int) -> Projection:
    """The map on which the places at ``coordinates`` (latitude, longitude) fill a width that
    grows with the square root of the ``nodes`` drawn, centred on them.

    >>> p = fit_projection([(33.3, 44.4), (35.7, 51.4)], nodes=4)
    >>> round(p.longitude, 1), round(p.scale * 7.0)
    (47.9, 1200)
    """
    latitudes, longitudes = zip(*coordinates, strict=True)
    span = max(max(latitudes) - min(latitudes), max(longitudes) - min(longitudes), MIN_SPAN)
    width = EDGE_LENGTH * max(MAP_EDGES, 2 * math.sqrt(nodes))
    return Projection(
        latitude=(max(latitudes) + min(latitudes)) / 2,
        longitude=(max(longitudes) + min(longitudes)) / 2,
        scale=width / span,
    )


def geo_layout(
    g: nx.Graph,
    coordinates: Mapping[Hashable, tuple[float, float]],
    projection: Projection,
    *,
    seed: int = 7,
) -> dict[Hashable, tuple[int, int]]:
    """Positions like ``layout``'s, but each node of ``coordinates`` (latitude, longitude)
    pinned where ``projection`` puts it and the skeleton nodes joined to those laid out around
    them; the other skeleton nodes are laid out by ForceAtlas2, under the map.

    >>> g = nx.MultiDiGraph([("baghdad", "meeting"), ("meeting", "tehran"), ("x", "y")])
    >>> where = {"baghdad": (33.3, 44.4), "tehran": (35.7, 51.4)}
    >>> pos = geo_layout(g, where, fit_projection(where.values(), nodes=len(g)))
    >>> pos["baghdad"][0] < pos["meeting"][0] < pos["tehran"][0], pos["x"][1] > pos["baghdad"][1]
    (True, True)
    """
    u = _undirected(g)
    pos = {node: projection.point(*where) for node, where in coordinates.items() if node in u}
    if not pos:
        return layout(g, seed=seed)
    pinned = set(pos)
    skeleton = [*sorted(pinned, key=str), *(n for n in _skeleton(u) if n not in pinned)]
    reached = _start_near(u, set(skeleton), pos)
    _pinned_force(u, reached, pos, pinned)
    rest = [n for n in skeleton if n not in pos]
    pos.update(_under(_force_layout(u, rest, seed=seed), pos.values()))
    _hang(u, pos)
    return {node: (round(x), round(y)) for node, (x, y) in pos.items()}


def _undirected(g: nx.Graph) -> nx.Graph:
    u = nx.Graph(g.to_undirected(as_view=True)) if g.is_directed() else nx.Graph(g)
    u.remove_edges_from(nx.selfloop_edges(u))
    return u


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


def _start_near(
    u: nx.Graph, chosen: set[Hashable], pos: dict[Hashable, Position]
) -> list[Hashable]:
    """Set each chosen node that the placed ones reach (breadth first, within the chosen) by
    the placed neighbours it has when it is reached; the placed and these, in that order."""
    order = sorted(pos, key=str)
    queue = deque(order)
    while queue:
        anchor = queue.popleft()
        for node in sorted(u[anchor], key=str):
            if node in pos or node not in chosen:
                continue
            near = [pos[n] for n in u[node] if n in pos]
            centre = (sum(x for x, _ in near) / len(near), sum(y for _, y in near) / len(near))
            pos[node] = _polar(EDGE_LENGTH / 2, len(order), origin=centre)
            order.append(node)
            queue.append(node)
    return order


def _pinned_force(
    u: nx.Graph, nodes: list[Hashable], pos: dict[Hashable, Position], pinned: set[Hashable]
) -> None:
    """Fruchterman-Reingold over ``nodes`` from their positions, the ``pinned`` held where they
    are: networkx's spring layout holds nodes only with scipy past 500 nodes, and its
    ForceAtlas2 holds none. Its iterations shrink as the nodes grow, like ForceAtlas2's."""
    free = np.array([node not in pinned for node in nodes])
    if not free.any():
        return
    index = {node: i for i, node in enumerate(nodes)}
    xy = np.array([pos[node] for node in nodes], dtype=float)
    pairs = [(index[a], index[b]) for a, b in u.subgraph(nodes).edges()]
    edges = np.array(pairs, dtype=int).reshape(-1, 2)
    k = EDGE_LENGTH
    iterations = max(30, min(100, 40_000_000 // len(nodes) ** 2))
    for step in np.linspace(k, k / iterations, iterations):
        delta = xy[free, None, :] - xy[None, :, :]
        dist2 = np.maximum((delta**2).sum(axis=-1), 1.0)
        force = np.zeros_like(xy)
        force[free] = (delta * (k * k / dist2)[..., None]).sum(axis=1)
        pull = xy[edges[:, 0]] - xy[edges[:, 1]]
        pull *= np.linalg.norm(pull, axis=1, keepdims=True) / k
        np.add.at(force, edges[:, 0], -pull)
        np.add.at(force, edges[:, 1], pull)
        length = np.maximum(np.linalg.norm(force, axis=1, keepdims=True), 1e-9)
        xy[free] += (force / length * np.minimum(length, step))[free]
    for node, (x, y) in zip(nodes, xy, strict=True):
        pos[node] = (float(x), float(y))


def _under(block: dict[Hashable, Position], above: Iterable[Position]) -> dict[Hashable, Position]:
    """``block`` moved to sit centred under the positions ``above``, an edge or two apart."""
    if not block:
        return {}
    above = list(above)
    bottom = max(y for _, y in above)
    middle = (min(x for x, _ in above) + max(x for x, _ in above)) / 2
    left, right = min(x for x, _ in block.values()), max(x for x, _ in block.values())
    top = min(y for _, y in block.values())
    dx, dy = middle - (left + right) / 2, bottom + 2 * EDGE_LENGTH - top
    return {node: (x + dx, y + dy) for node, (x, y) in block.items()}


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
