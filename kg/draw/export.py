"""Network export: the projected network -> files that graph tools and browsers open.

GraphML (yEd, Cytoscape desktop), GEXF with colours by type and sizes by degree (Gephi),
Cytoscape.js JSON, node-link JSON (D3) and one self-contained HTML page. The page inlines
vis-network (the npm package's build, kept in ``kg/draw/static/`` with its licences), our script and
the data, so it opens offline from a file.
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.draw.network import NODE_TYPES, View, project_network
from kg.errors import ExportError
from kg.safe_io import written_whole, xml_text

if TYPE_CHECKING:
    import networkx as nx

    from kg.draw.layout import Projection

STATIC = Path(__file__).parent / "static"
VIS_NETWORK = STATIC / "vis-network.min.js"
"""vis-network's standalone UMD build (the npm package ``vis-network``, pinned in Makefile)."""
NETWORK_FORMATS = ("graphml", "gexf", "cytoscape", "nodelink", "html")
SUFFIXES = {".graphml": "graphml", ".gexf": "gexf", ".cyjs": "cytoscape", ".html": "html"}
COLORS = {"Person": "#4e79a7", "Organization": "#f28e2b", "Place": "#59a14f", "Event": "#b07aa1"}
"""A colour per node type (Tableau 10), the same in GEXF and HTML."""
LAYOUTS = ("force", "geo")
"""Where the HTML page draws the nodes: by their edges alone, or the places with coordinates
on a map (``kg.draw.layout.geo_layout``) and the rest around them."""
GRATICULE_STEPS = (1, 2, 5, 10, 15, 30)
"""Degrees between two lines of the map's graticule: the finest at least ``GRATICULE_GAP`` apart."""
GRATICULE_GAP = 150.0
PHYSICS_LIMIT = 500
"""Up to this many nodes the page lets vis-network's physics settle the drawing, from the
positions of ``kg.draw.layout``; past it the nodes are drawn where that layout put them."""


@dataclass(frozen=True)
class NetworkExport:
    """What was written: where, in which format, how many nodes and edges, and how many of the
    nodes have coordinates."""

    path: Path
    fmt: str
    nodes: int
    edges: int
    located: int = 0


def network_format(path: str | Path) -> str:
    """The export format a file name implies (``.json`` could be two: say which).

    >>> network_format("out/graph.gexf"), network_format("graph.HTML")
    ('gexf', 'html')
    """
    fmt = SUFFIXES.get(Path(path).suffix.lower())
    if fmt is None:
        raise ExportError(
            f"{path}: cannot tell the network format from the extension "
            f"({' '.join(SUFFIXES)}); name one of {', '.join(NETWORK_FORMATS)}"
        )
    return fmt


def export_network(
    store: ox.Store,
    output: str | Path,
    *,
    fmt: str | None = None,
    view: View | None = None,
    layout: str = "force",
) -> NetworkExport:
    """Project the graph in an open store to a network and write it to ``output``.

    Args:
        store: the Oxigraph store holding the graph.
        output: the file to write (its folder is created).
        fmt: one of ``NETWORK_FORMATS``; by default from the extension.
        view: the cuts and whether events are nodes or edges (see ``kg.draw.View``).
        layout: one of ``LAYOUTS``, where the HTML page draws the nodes.
    """
    fmt = fmt or network_format(output)
    g = project_network(store, view=view)
    path = write_network(g, output, fmt=fmt, layout=layout)
    located = sum(1 for _, latitude in g.nodes(data="latitude") if latitude is not None)
    return NetworkExport(path, fmt, g.number_of_nodes(), g.number_of_edges(), located)


def write_network(
    g: nx.MultiDiGraph, output: str | Path, *, fmt: str, layout: str = "force"
) -> Path:
    """Write a network made by ``project_network`` in one of ``NETWORK_FORMATS``.

    >>> import tempfile, networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("urn:a", label="A", type="Person", documents=1, degree=0)
    >>> path = write_network(g, Path(tempfile.mkdtemp()) / "a.graphml", fmt="graphml")
    >>> list(nx.read_graphml(path).nodes(data="label"))
    [('urn:a', 'A')]
    """
    import networkx as nx  # heavy: only the commands that draw import it

    path = Path(output)
    if fmt not in NETWORK_FORMATS:
        raise ValueError(f"Unexpected network format: {fmt!r}")
    if layout not in LAYOUTS:
        raise ValueError(f"Unexpected layout: {layout!r}")
    with written_whole(path) as part:
        if fmt == "graphml":
            nx.write_graphml(xml_safe_graph(g), part)
        elif fmt == "gexf":
            nx.write_gexf(gexf_graph(xml_safe_graph(g)), part)
        elif fmt == "cytoscape":
            _write_json(cytoscape_data(g), part)
        elif fmt == "nodelink":
            _write_json(nx.node_link_data(g, edges="links"), part)
        else:
            part.write_text(html_page(g, title=path.stem, layout=layout), encoding="utf-8")
    return path


def xml_safe_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose node ids and text attributes hold only what XML 1.0 can (GraphML, GEXF).

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("urn:a\\x00", label="A\\x0cB")
    >>> list(xml_safe_graph(g).nodes(data="label"))
    [('urn:a', 'AB')]
    """

    import networkx as nx

    def safe(value: Any) -> Any:
        return xml_text(value) if isinstance(value, str) else value

    h = nx.MultiDiGraph(**{k: safe(v) for k, v in g.graph.items()})
    for node, attrs in g.nodes(data=True):
        h.add_node(safe(node), **{k: safe(v) for k, v in attrs.items()})
    for u, v, key, attrs in g.edges(keys=True, data=True):
        h.add_edge(safe(u), safe(v), key=safe(key), **{k: safe(a) for k, a in attrs.items()})
    return h


def _write_json(data: Any, path: Path) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def node_size(degree: int) -> float:
    """A node's drawn size: it grows with the square root of its degree.

    >>> node_size(0), node_size(4)
    (5.0, 11.0)
    """
    return round(5 + 3 * math.sqrt(degree), 2)


def gexf_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with Gephi's ``viz`` attributes: the colour of the type, the size of the degree."""
    h = g.copy()
    for _, attrs in h.nodes(data=True):
        red, green, blue = _rgb(COLORS[attrs["type"]])
        attrs["viz"] = {
            "color": {"r": red, "g": green, "b": blue, "a": 1.0},
            "size": node_size(attrs["degree"]),
        }
    return h


def _rgb(color: str) -> tuple[int, int, int]:
    """``#rrggbb`` as three integers.

    >>> _rgb("#4e79a7")
    (78, 121, 167)
    """
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def cytoscape_data(g: nx.MultiDiGraph) -> dict[str, Any]:
    """Cytoscape.js elements (``{"elements": {"nodes": [{"data"}], "edges": [{"data"}]}}``),
    each edge with an ``id`` so the document loads as it is."""
    import networkx as nx

    data: dict[str, Any] = nx.cytoscape_data(g, name="label")
    for i, edge in enumerate(data["elements"]["edges"]):
        edge["data"]["id"] = f"e{i}"
    return data


def html_page(g: nx.MultiDiGraph, *, title: str, layout: str = "force") -> str:
    """One HTML file that draws the network offline: pan, zoom, hover for the label and the
    type, click for the sentence a node was first read in; with the ``geo`` layout, the places
    with coordinates on a map."""
    if not VIS_NETWORK.is_file():
        raise ExportError(f"{VIS_NETWORK}: vis-network is missing from the package (reinstall kg)")
    parts = {
        "TITLE": html.escape(title),
        "STYLE": (STATIC / "network.css").read_text(encoding="utf-8"),
        "VIS_NETWORK": VIS_NETWORK.read_text(encoding="utf-8"),
        "DATA": _script_json(page_data(g, layout=layout)),
        "APP": (STATIC / "network.js").read_text(encoding="utf-8"),
    }
    template = (STATIC / "network.html").read_text(encoding="utf-8")
    return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m[1]], template)


def page_data(g: nx.MultiDiGraph, *, layout: str = "force") -> dict[str, Any]:
    """What the page's script draws: nodes at their positions, edges, colours, and how many
    iterations of physics to run before drawing (none past ``PHYSICS_LIMIT`` nodes); with the
    ``geo`` layout, the map its places with coordinates are ``fixed`` on, if any.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph([("urn:a", "urn:b")])
    >>> data = page_data(g)
    >>> sorted(data["nodes"][0]), data["physics"]
    (['id', 'x', 'y'], 300)
    >>> g.add_node("urn:b", latitude=33.3, longitude=44.4)
    >>> data = page_data(g, layout="geo")
    >>> data["nodes"][1]["fixed"], sorted(data["map"])
    (True, ['latitude', 'longitude', 'scale', 'step'])
    """
    from kg.draw.layout import fit_projection, geo_layout
    from kg.draw.layout import layout as force_layout

    where = {
        node: (attrs["latitude"], attrs["longitude"])
        for node, attrs in g.nodes(data=True)
        if "latitude" in attrs
    }
    projection = fit_projection(where.values(), nodes=len(g)) if layout == "geo" and where else None
    if projection is None:
        positions, where = force_layout(g), {}
    else:
        positions = geo_layout(g, where, projection)
    nodes = [
        {
            "id": node,
            **attrs,
            "x": positions[node][0],
            "y": positions[node][1],
            **({"fixed": True} if node in where else {}),
        }
        for node, attrs in g.nodes(data=True)
    ]
    edges = [
        {"from": u, "to": v, **{k: val for k, val in attrs.items() if k != "predicate"}}
        for u, v, attrs in g.edges(data=True)
    ]
    data: dict[str, Any] = {
        "nodes": nodes,
        "edges": edges,
        "colors": {kind: COLORS[kind] for kind in NODE_TYPES},
        "physics": 300 if len(nodes) <= PHYSICS_LIMIT else 0,
    }
    if projection is not None:
        data["map"] = _map_data(projection)
    return data


def _map_data(projection: Projection) -> dict[str, float]:
    """What the page needs to draw the map's graticule: the projection and the degrees between
    two of its lines.

    >>> from kg.draw.layout import Projection
    >>> _map_data(Projection(latitude=0.0, longitude=0.0, scale=40.0))["step"]
    5
    """
    step = next(
        (s for s in GRATICULE_STEPS if s * projection.scale >= GRATICULE_GAP), GRATICULE_STEPS[-1]
    )
    return {
        "latitude": projection.latitude,
        "longitude": projection.longitude,
        "scale": projection.scale,
        "step": step,
    }


def _script_json(data: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``<`` can close it.

    >>> _script_json({"a": "</script>"})
    '{"a": "\\\\u003c/script>"}'
    """
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
