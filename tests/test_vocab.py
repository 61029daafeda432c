"""Our ontology terms in code (``kg.vocab.KGO``) and in ``ontology/kgo.ttl`` are the same set."""

from __future__ import annotations

import pytest
from rdflib import OWL, Graph, URIRef

from kg.graph.vocab import KGO, KGO_IRI, PREFIXES, RDF
from tests.conftest import ONTOLOGY


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY / "kgo.ttl")


def code_terms() -> set[URIRef]:
    return {KGO[name] for name in KGO.__annotations__}


def test_every_code_term_is_defined_in_the_ontology(ontology):
    defined = {s for s in ontology.subjects(RDF.type, None) if str(s).startswith(KGO_IRI)}
    assert sorted(code_terms() - defined) == []


def test_every_ontology_term_is_in_the_code(ontology):
    used = {t for triple in ontology for t in triple if str(t).startswith(KGO_IRI)}
    assert sorted(used - code_terms()) == []


@pytest.mark.parametrize("name", sorted(KGO.__annotations__))
def test_classes_are_capitalised_and_properties_not(ontology, name):
    types = set(ontology.objects(KGO[name], RDF.type))
    if name[0].isupper():
        assert OWL.Class in types
    else:
        assert types & {OWL.ObjectProperty, OWL.DatatypeProperty}


@pytest.mark.parametrize("name", ["Meetings", "Event", "wasDerivedFrom", "mention"])
def test_an_undefined_term_raises(name):
    with pytest.raises(AttributeError):
        getattr(KGO, name)


def test_the_kgo_prefix_is_the_ontology_namespace():
    assert str(PREFIXES["kgo"]) == KGO_IRI == str(KGO.Meeting).removesuffix("Meeting")
