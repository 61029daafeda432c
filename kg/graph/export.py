"""Export: the graph -> RDF files, the format chosen from the file extension.

Written by Oxigraph's serializers from a stream of quads, so a large graph goes to disk
without sitting in an rdflib graph; N-Quads and TriG keep the named graphs, the triple
formats hold their union.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from kg.errors import ExportError
from kg.graph.convert import RdflibQuad, to_ox_quads
from kg.graph.vocab import PREFIXES

QUAD_FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}
TRIPLE_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
}
RDF_SUFFIXES = tuple(sorted(QUAD_FORMATS | TRIPLE_FORMATS))


def rdf_format(path: str | Path) -> ox.RdfFormat:
    """The RDF format of an output path, from its extension.

    >>> rdf_format("graph.nq") == ox.RdfFormat.N_QUADS
    True
    """
    suffix = Path(path).suffix.lower()
    fmt = QUAD_FORMATS.get(suffix) or TRIPLE_FORMATS.get(suffix)
    if fmt is None:
        raise ExportError(
            f"{path}: cannot tell the RDF format; use one of {', '.join(RDF_SUFFIXES)}"
        )
    return fmt


def write_rdf(data: Dataset | Iterable[RdflibQuad], path: str | Path) -> Path:
    """Write a dataset or a stream of quads to ``path`` in the format its extension names."""
    write_quads(to_ox_quads(data), path)
    return Path(path)


def write_quads(quads: Iterable[ox.Quad], path: str | Path) -> int:
    """Write a stream of Oxigraph quads to ``path``; returns how many it had."""
    path = Path(path)
    fmt = rdf_format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    read = 0

    def counted() -> Iterator[ox.Quad]:
        nonlocal read
        for quad in quads:
            read += 1
            yield quad

    statements = counted()
    prefixes = {name: str(ns) for name, ns in PREFIXES.items()}
    if path.suffix.lower() in QUAD_FORMATS:
        ox.serialize(statements, output=str(path), format=fmt, prefixes=prefixes)
    else:
        triples = (quad.triple for quad in statements)
        ox.serialize(triples, output=str(path), format=fmt, prefixes=prefixes)
    return read


def union_graph(ds: Dataset) -> Graph:
    """Every named graph's triples in one rdflib graph, with the dataset's prefixes."""
    g = Graph()
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g
