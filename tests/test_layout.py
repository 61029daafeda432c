"""The layout computed for the HTML page: every node placed, leaves beside what they hang on,
no two nodes on one point, the same positions every time, the force layout kept small."""

from __future__ import annotations

import math

import networkx as nx

from kg.draw import layout as layout_module
from kg.draw.layout import layout


def speakers(n_speakers: int, statements: int) -> nx.MultiDiGraph:
    """Speakers joined in a ring, each with ``statements`` leaves pointing at it, and one
    pair and one lone node apart from the rest."""
    g = nx.MultiDiGraph()
    for i in range(n_speakers):
        g.add_edge(f"p{i}", f"p{(i + 1) % n_speakers}")
        for j in range(statements):
            g.add_edge(f"s{i}-{j}", f"p{i}")
    g.add_edge("pair-a", "pair-b")
    g.add_node("alone")
    return g


def test_every_node_is_placed_once_apart():
    g = speakers(6, 40)
    pos = layout(g)
    assert set(pos) == set(g)
    assert len(set(pos.values())) == len(pos)


def test_leaves_hang_beside_their_node():
    g = speakers(6, 40)
    pos = layout(g)
    ring = [math.dist(pos[f"p{i}"], pos[f"p{(i + 1) % 6}"]) for i in range(6)]
    for i in range(6):
        own = max(math.dist(pos[f"s{i}-{j}"], pos[f"p{i}"]) for j in range(40))
        others = min(math.dist(pos[f"s{i}-{j}"], pos[f"p{(i + 1) % 6}"]) for j in range(40))
        assert own < others
    assert max(ring) < 10 * min(ring)


def test_the_same_positions_every_time():
    g = speakers(4, 5)
    assert layout(g) == layout(g.copy())


def test_the_force_layout_gets_the_skeleton_only(monkeypatch):
    laid_out: list[int] = []
    force = nx.forceatlas2_layout

    def counting(sub, **options):
        laid_out.append(len(sub))
        return force(sub, **options)

    monkeypatch.setattr(layout_module.nx, "forceatlas2_layout", counting)
    g = speakers(5, 30)
    layout(g)
    assert laid_out == [5 + 3]  # the speakers, the pair and the lone node: no statement

    monkeypatch.setattr(layout_module, "SKELETON_LIMIT", 3)
    laid_out.clear()
    pos = layout(g)
    assert laid_out == [3]
    assert set(pos) == set(g) and len(set(pos.values())) == len(pos)


def test_an_empty_network():
    assert layout(nx.MultiDiGraph()) == {}
