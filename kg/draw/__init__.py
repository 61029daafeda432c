"""Drawing the graph: its projection as a network of entities and events, and the files graph
tools and browsers open (GraphML, GEXF, Cytoscape.js, node-link JSON, an offline HTML page)."""

from kg.draw.export import COLORS, NETWORK_FORMATS, export_network, html_page, write_network
from kg.draw.network import NODE_TYPES, View, node_types, project_network

__all__ = [
    "COLORS",
    "NETWORK_FORMATS",
    "NODE_TYPES",
    "View",
    "export_network",
    "html_page",
    "node_types",
    "project_network",
    "write_network",
]
