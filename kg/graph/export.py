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
from kg.safe_io import written_whole, xml_text

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


def check_output(path: str | Path) -> None:
    """Refuse, before any work, an output path no RDF file can be written to.

    >>> check_output("out/graph.ttl")
    """
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path}: is a folder; name the RDF file to write")
    rdf_format(path)
    taken = next((p for p in path.parents if p.exists()), None)
    if taken is not None and not taken.is_dir():
        raise ExportError(f"{path}: {taken} is a file, not a folder")


def write_quads(quads: Iterable[ox.Quad], path: str | Path) -> int:
    """Write a stream of Oxigraph quads to ``path``; returns how many it had.

    The file is written whole or not at all; RDF/XML leaves out of literals the characters
    XML 1.0 cannot hold (the other formats escape them).
    """
    path = Path(path)
    fmt = rdf_format(path)
    read = 0

    def counted() -> Iterator[ox.Quad]:
        nonlocal read
        for quad in quads:
            read += 1
            yield _xml_safe(quad) if fmt == ox.RdfFormat.RDF_XML else quad

    statements = counted()
    prefixes = {name: str(ns) for name, ns in PREFIXES.items()}
    with written_whole(path) as part:
        if path.suffix.lower() in QUAD_FORMATS:
            ox.serialize(statements, output=str(part), format=fmt, prefixes=prefixes)
        else:
            triples = (quad.triple for quad in statements)
            ox.serialize(triples, output=str(part), format=fmt, prefixes=prefixes)
    return read


def _xml_safe(quad: ox.Quad) -> ox.Quad:
    literal = quad.object
    if not isinstance(literal, ox.Literal) or xml_text(literal.value) == literal.value:
        return quad
    if literal.language:
        safe = ox.Literal(xml_text(literal.value), language=literal.language)
    else:
        safe = ox.Literal(xml_text(literal.value), datatype=literal.datatype)
    return ox.Quad(quad.subject, quad.predicate, safe, quad.graph_name)


def union_graph(ds: Dataset) -> Graph:
    """Every named graph's triples in one rdflib graph, with the dataset's prefixes."""
    g = Graph()
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g
