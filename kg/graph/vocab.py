"""Namespaces used by the graph, and our ontology's terms as a closed DefinedNamespace.

Every IRI in the project comes from here; ``tests/test_vocab.py`` checks ``KGO`` against
``ontology/kgo.ttl`` so the code cannot use a term the ontology does not define.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

SCHEMA = Namespace("https://schema.org/")
"""schema.org, open: rdflib's closed copy lags the vocabulary (it lacks PoliticalParty)."""

KGO_IRI = "https://w3id.org/newskg/ontology#"

WIKIDATA = Namespace("http://www.wikidata.org/entity/")
"""Wikidata's items, as its own RDF names them (``wd:Q794``)."""
GEONAMES = Namespace("https://sws.geonames.org/")
"""GeoNames' features: ``https://sws.geonames.org/<id>/`` (the trailing slash is theirs)."""


class KGO(DefinedNamespace):
    """The project's ontology (``ontology/kgo.ttl``): event classes, roles and evidence terms."""

    _fail = True
    _NS = Namespace(KGO_IRI)

    # event classes and their finer kinds
    Meeting: URIRef
    Summit: URIRef
    Attack: URIRef
    Assassination: URIRef
    AirStrike: URIRef
    Bombing: URIRef
    Statement: URIRef
    PressConference: URIRef
    Legislation: URIRef
    Vote: URIRef
    Resolution: URIRef
    LawPassage: URIRef
    Election: URIRef
    PresidentialElection: URIRef
    ParliamentaryElection: URIRef
    # evidence
    Sentence: URIRef
    Mention: URIRef
    # properties
    participant: URIRef
    agent: URIRef
    target: URIRef
    evidence: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    sentence: URIRef
    denotes: URIRef
    contentHash: URIRef
    datelinePlace: URIRef


PREFIXES: dict[str, Namespace] = {
    "schema": SCHEMA,
    "org": Namespace(str(ORG)),
    "prov": Namespace(str(PROV)),
    "skos": Namespace(str(SKOS)),
    "rdfs": Namespace(str(RDFS)),
    "rdf": Namespace(str(RDF)),
    "xsd": Namespace(str(XSD)),
    "kgo": Namespace(KGO_IRI),
    "owl": Namespace(str(OWL)),
    "wd": WIKIDATA,
}
"""Prefixes bound in every export and prepended to every SPARQL query that lacks them."""
