"""The RDF graph: ``Resolution`` -> quads (the only place IRIs are minted), our vocabulary, and
RDF files."""

from kg.graph.build import build_graph, iter_quads
from kg.graph.export import rdf_format, write_quads, write_rdf

__all__ = ["build_graph", "iter_quads", "rdf_format", "write_quads", "write_rdf"]
