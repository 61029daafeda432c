"""Export: the graph -> RDF files, the format chosen from the file extension."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from kg.errors import ExportError

QUAD_FORMATS = {".nq": "nquads", ".trig": "trig"}
TRIPLE_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml"}
RDF_SUFFIXES = tuple(sorted(QUAD_FORMATS | TRIPLE_FORMATS))


def rdf_format(path: str | Path) -> str:
    """The rdflib format name for an output path.

    >>> rdf_format("graph.ttl"), rdf_format("graph.nq")
    ('turtle', 'nquads')
    """
    suffix = Path(path).suffix.lower()
    fmt = QUAD_FORMATS.get(suffix) or TRIPLE_FORMATS.get(suffix)
    if fmt is None:
        raise ExportError(
            f"{path}: cannot tell the RDF format; use one of {', '.join(RDF_SUFFIXES)}"
        )
    return fmt


def union_graph(ds: Dataset) -> Graph:
    """Every named graph's triples in one graph, with the dataset's prefixes."""
    g = Graph()
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def write_rdf(ds: Dataset, path: str | Path) -> Path:
    """Write the dataset: named graphs kept in N-Quads/TriG, their union in triple formats."""
    path = Path(path)
    fmt = rdf_format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() in QUAD_FORMATS:
        ds.serialize(destination=path, format=fmt)
    else:
        union_graph(ds).serialize(destination=path, format=fmt)
    return path
