"""rdflib terms -> Oxigraph terms, at the edge where the graph leaves for a store or a file."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

RdflibQuad = tuple[Node, Node, Node, Node | None]


@dataclass(frozen=True)
class GraphQuads:
    """One named graph of a build, its quads made on demand: a store that already holds the
    graph made from the same ``fingerprint`` (a digest of what the graph is made from) need
    not make them. Without a fingerprint, only the quads tell whether the graph changed."""

    graph: str
    fingerprint: str | None
    quads: Callable[[], Iterable[RdflibQuad]]


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The Oxigraph term for an rdflib term. rdflib terms are strings and go as they are:
    copying each (``str(term)``) was most of the cost for literals.

    >>> to_ox(Literal("2020-01", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth")))
    <Literal value=2020-01 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#gYearMonth>>
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(term, language=term.language)
        if term.datatype:
            return ox.Literal(term, datatype=_datatype(term.datatype))
        return ox.Literal(term)
    if isinstance(term, BNode):
        return ox.BlankNode(term)
    raise ValueError(f"Unexpected RDF term: {term!r}")


@lru_cache(maxsize=256)
def _datatype(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def to_ox_graph(graph: Node | None) -> ox.NamedNode | ox.BlankNode | ox.DefaultGraph:
    if graph is None or graph == DATASET_DEFAULT_GRAPH_ID:
        return ox.DefaultGraph()
    if isinstance(graph, URIRef | BNode):
        return to_ox(graph)  # type: ignore[return-value]
    graph_id = getattr(graph, "identifier", None)  # an rdflib Graph given as context
    if graph_id is not None:
        return to_ox_graph(graph_id)
    raise ValueError(f"Unexpected graph name: {graph!r}")


def quads_of(data: Dataset | Iterable[RdflibQuad]) -> Iterable[RdflibQuad]:
    """The quads of a dataset, or the quads as given."""
    return data.quads((None, None, None, None)) if isinstance(data, Dataset) else data


def to_ox_quads(data: Dataset | Iterable[RdflibQuad]) -> Iterator[ox.Quad]:
    """Oxigraph quads for an rdflib dataset or a stream of rdflib quads."""
    for s, p, o, g in quads_of(data):
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox_graph(g))  # type: ignore[arg-type]
