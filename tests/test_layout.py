"""The layout computed for the HTML page: every node placed, leaves beside what they hang on,
no two nodes on one point, the same positions every time, the force layout kept small; on the
map of the geographic layout, places where their coordinates say and the rest beside them."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from kg.draw import layout as layout_module
from kg.draw.layout import EDGE_LENGTH, fit_projection, geo_layout, layout


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


BAGHDAD, TEHRAN = (33.3, 44.4), (35.7, 51.4)


def located() -> tuple[nx.MultiDiGraph, dict[str, tuple[float, float]]]:
    """Two places with coordinates, a person linked to one of them, and a pair apart."""
    g = nx.MultiDiGraph([("person", "baghdad"), ("pair-a", "pair-b")])
    g.add_node("tehran")
    return g, {"baghdad": BAGHDAD, "tehran": TEHRAN}


def test_places_follow_their_coordinates_east_right_north_up():
    g, where = located()
    pos = geo_layout(g, where, fit_projection(where.values(), nodes=len(g)))
    assert set(pos) == set(g)
    (bx, by), (tx, ty) = pos["baghdad"], pos["tehran"]
    assert tx > bx  # Tehran is east of Baghdad: to the right
    assert ty < by  # and north of it: up the page
    dx, dy = TEHRAN[1] - BAGHDAD[1], TEHRAN[0] - BAGHDAD[0]
    assert (tx - bx) / (by - ty) == pytest.approx(dx / dy, rel=0.02)  # one scale both ways


def test_a_node_linked_to_a_place_is_drawn_near_it():
    g, where = located()
    pos = geo_layout(g, where, fit_projection(where.values(), nodes=len(g)))
    near = math.dist(pos["person"], pos["baghdad"])
    assert near < 2 * EDGE_LENGTH < math.dist(pos["person"], pos["tehran"])
    # what no place reaches is drawn under the map
    assert min(pos["pair-a"][1], pos["pair-b"][1]) > max(pos["baghdad"][1], pos["tehran"][1])


def test_the_geo_layout_is_the_same_every_time():
    g, where = located()
    projection = fit_projection(where.values(), nodes=len(g))
    assert geo_layout(g, where, projection) == geo_layout(g.copy(), where, projection)


def test_the_map_grows_with_the_network():
    small = fit_projection([BAGHDAD, TEHRAN], nodes=4)
    large = fit_projection([BAGHDAD, TEHRAN], nodes=10_000)
    assert large.scale > small.scale
    assert small.point(*BAGHDAD)[0] == pytest.approx(-small.point(*TEHRAN)[0])  # centred
