"""The graph to score, as the contract reads it: the union of every graph of a store.

Terms are looked up by the contract's IRIs (``https://schema.org/`` and ``http://schema.org/``
alike), event classes and roles by their local names, so any graph that keeps the contract
scores, ours or another builder's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pyoxigraph as ox

from kg.evaluate.gold import fold

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
SCHEMA_NAMESPACES = ("https://schema.org/", "http://schema.org/")
ORG = "http://www.w3.org/ns/org#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS = "http://www.w3.org/2004/02/skos/core#"
WAS_DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
NAME_PREDICATES = (RDFS_LABEL, SKOS + "altLabel", SKOS + "prefLabel")


def schema(term: str) -> tuple[str, ...]:
    """A schema.org term in both of the namespaces the contract accepts."""
    return tuple(ns + term for ns in SCHEMA_NAMESPACES)


def local_name(iri: str) -> str:
    """The last segment of an IRI.

    >>> local_name("https://w3id.org/newskg/ontology#Meeting"), local_name("https://schema.org/Person")
    ('Meeting', 'Person')
    """
    return re.split(r"[#/]", iri)[-1]


class GraphIndex:
    """Subject -> predicate IRI -> objects, over every quad of a store."""

    def __init__(self, store: ox.Store) -> None:
        self._out: dict[Term, dict[str, set[Term]]] = {}
        for quad in store.quads_for_pattern(None, None, None, None):
            edges = self._out.setdefault(quad.subject, {})
            edges.setdefault(quad.predicate.value, set()).add(quad.object)

    def subjects(self) -> list[Term]:
        """Every subject, in the store's order."""
        return list(self._out)

    def objects(self, subject: Term, predicates: Iterable[str]) -> set[Term]:
        found: set[Term] = set()
        for predicate in predicates:
            found |= self._edges(subject).get(predicate, set())
        return found

    def objects_by_local_name(self, subject: Term, names: Iterable[str]) -> set[Term]:
        wanted = set(names)
        return {
            o
            for p, objects in self._edges(subject).items()
            if local_name(p) in wanted
            for o in objects
        }

    def values(self, subject: Term, predicates: Iterable[str]) -> set[str]:
        """The lexical forms of the subject's literal objects (dates, identifiers)."""
        return {o.value for o in self.objects(subject, predicates) if isinstance(o, ox.Literal)}

    def types(self, subject: Term) -> set[str]:
        """The local names of the subject's classes."""
        classes = self._edges(subject).get(RDF_TYPE, set())
        return {local_name(t.value) for t in classes if isinstance(t, ox.NamedNode)}

    def names(self, subject: Term) -> set[str]:
        """Every label and other name of the subject, folded."""
        names = self.objects(subject, NAME_PREDICATES)
        return {fold(o.value) for o in names if isinstance(o, ox.Literal)}

    def main_name(self, subject: Term) -> str | None:
        """The folded ``rdfs:label`` (the one a node should have), if any."""
        labels = self.objects(subject, [RDFS_LABEL])
        folded = sorted(fold(o.value) for o in labels if isinstance(o, ox.Literal))
        return folded[0] if folded else None

    def texts(self, subject: Term) -> set[str]:
        """The subject's IRI and every literal it carries (to find a document's file name)."""
        own = {subject.value} if isinstance(subject, ox.NamedNode) else set()
        edges = self._edges(subject).values()
        return own | {o.value for objects in edges for o in objects if isinstance(o, ox.Literal)}

    def _edges(self, subject: Term) -> dict[str, set[Term]]:
        return self._out.get(subject, {})
