"""Building the RDF dataset from a resolved corpus: exact triples, stable IRIs, SHACL shapes."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, datetime

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from kg.config import Settings
from kg.graph.build import Minter, build_graph, iter_graphs, iter_quads
from kg.graph.export import union_graph
from kg.graph.vocab import KGO, PROV, RDF, RDFS, SCHEMA, SKOS, XSD
from kg.records import (
    Document,
    Entity,
    EntityMention,
    Event,
    Fact,
    Kind,
    Relation,
    Resolution,
    Sentence,
    Span,
)
from kg.store.store import open_store
from tests.conftest import ONTOLOGY, Built, assert_same_dataset

BASE = "https://example.org/id/"
SETTINGS = Settings(base_iri=BASE)
DOC_ID = "news/a.txt"
TEXT = "Ali Shamkhani met Qasim al-Araji in Tehran. Shamkhani said Iran wants stability."
FIRST, SECOND = TEXT[:43], TEXT[44:]


def span(sentence: int, name: str) -> Span:
    start = TEXT.index(name, 44 if sentence else 0)
    return Span(DOC_ID, sentence, start, start + len(name))


def make_resolution() -> Resolution:
    """One article, two sentences, four entities (one of them its publisher)."""
    doc = Document(
        DOC_ID,
        f"corpus/{DOC_ID}",
        TEXT,
        headline="Shamkhani meets al-Araji in Tehran",
        published=date(2021, 4, 12),
        publisher="Iran Press TV",
        url="https://news.example.org/a",
    )
    entities = (
        Entity("person/ali-shamkhani", Kind.PERSON, "Ali Shamkhani", ("Shamkhani",), (), (DOC_ID,)),
        Entity("place/tehran", Kind.PLACE, "Tehran", (), ("City",), (DOC_ID,)),
        Entity(
            "place/iran", Kind.PLACE, "Iran", ("Islamic Republic of Iran",), ("Country",), (DOC_ID,)
        ),
        Entity(
            "organization/iran-press-tv",
            Kind.ORGANIZATION,
            "Iran Press TV",
            (),
            ("NewsMediaOrganization",),
            (DOC_ID,),
        ),
    )
    mentions = (
        EntityMention("person/ali-shamkhani", "Ali Shamkhani", span(0, "Ali Shamkhani")),
        EntityMention("place/tehran", "Tehran", span(0, "Tehran")),
        EntityMention("person/ali-shamkhani", "Shamkhani", span(1, "Shamkhani")),
        EntityMention("place/iran", "Iran", span(1, "Iran")),
    )
    return Resolution(
        documents=(doc,),
        sentences=(Sentence(DOC_ID, 0, 0, 43, FIRST), Sentence(DOC_ID, 1, 44, 81, SECOND)),
        entities=entities,
        mentions=mentions,
        publishers=((DOC_ID, "organization/iran-press-tv"),),
    )


EXPECTED_TRIG = """
@base <https://example.org/id/> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix kgo: <https://w3id.org/newskg/ontology#> .

<graph/entities> {
  <person/ali-shamkhani> a schema:Person ;
      rdfs:label "Ali Shamkhani" ; skos:altLabel "Shamkhani" ;
      prov:wasDerivedFrom <doc/news%2Fa.txt> .
  <place/tehran> a schema:Place , schema:City ;
      rdfs:label "Tehran" ;
      prov:wasDerivedFrom <doc/news%2Fa.txt> .
  <place/iran> a schema:Place , schema:Country ;
      rdfs:label "Iran" ; skos:altLabel "Islamic Republic of Iran" ;
      prov:wasDerivedFrom <doc/news%2Fa.txt> .
  <organization/iran-press-tv> a schema:Organization , schema:NewsMediaOrganization ;
      rdfs:label "Iran Press TV" ;
      prov:wasDerivedFrom <doc/news%2Fa.txt> .
}

<graph/doc/news%2Fa.txt> {
  <doc/news%2Fa.txt> a schema:NewsArticle ;
      schema:identifier "news/a.txt" ;
      kgo:contentHash "HASH" ;
      schema:headline "Shamkhani meets al-Araji in Tehran" ;
      schema:datePublished "2021-04-12"^^xsd:date ;
      schema:publisher <organization/iran-press-tv> ;
      schema:url "https://news.example.org/a"^^xsd:anyURI .

  <doc/news%2Fa.txt/sentence/0> a kgo:Sentence ;
      schema:isPartOf <doc/news%2Fa.txt> ;
      schema:text "Ali Shamkhani met Qasim al-Araji in Tehran." ;
      schema:position "0"^^xsd:nonNegativeInteger ;
      kgo:beginIndex "0"^^xsd:nonNegativeInteger ;
      kgo:endIndex "43"^^xsd:nonNegativeInteger .
  <doc/news%2Fa.txt/sentence/1> a kgo:Sentence ;
      schema:isPartOf <doc/news%2Fa.txt> ;
      schema:text "Shamkhani said Iran wants stability." ;
      schema:position "1"^^xsd:nonNegativeInteger ;
      kgo:beginIndex "44"^^xsd:nonNegativeInteger ;
      kgo:endIndex "81"^^xsd:nonNegativeInteger .

  <doc/news%2Fa.txt/mention/0-13> a kgo:Mention ;
      kgo:anchorOf "Ali Shamkhani" ;
      kgo:beginIndex "0"^^xsd:nonNegativeInteger ;
      kgo:endIndex "13"^^xsd:nonNegativeInteger ;
      kgo:sentence <doc/news%2Fa.txt/sentence/0> ;
      kgo:denotes <person/ali-shamkhani> .
  <doc/news%2Fa.txt/mention/36-42> a kgo:Mention ;
      kgo:anchorOf "Tehran" ;
      kgo:beginIndex "36"^^xsd:nonNegativeInteger ;
      kgo:endIndex "42"^^xsd:nonNegativeInteger ;
      kgo:sentence <doc/news%2Fa.txt/sentence/0> ;
      kgo:denotes <place/tehran> .
  <doc/news%2Fa.txt/mention/44-53> a kgo:Mention ;
      kgo:anchorOf "Shamkhani" ;
      kgo:beginIndex "44"^^xsd:nonNegativeInteger ;
      kgo:endIndex "53"^^xsd:nonNegativeInteger ;
      kgo:sentence <doc/news%2Fa.txt/sentence/1> ;
      kgo:denotes <person/ali-shamkhani> .
  <doc/news%2Fa.txt/mention/59-63> a kgo:Mention ;
      kgo:anchorOf "Iran" ;
      kgo:beginIndex "59"^^xsd:nonNegativeInteger ;
      kgo:endIndex "63"^^xsd:nonNegativeInteger ;
      kgo:sentence <doc/news%2Fa.txt/sentence/1> ;
      kgo:denotes <place/iran> .
}
"""


def expected_dataset() -> Dataset:
    text_hash = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    return Dataset().parse(data=EXPECTED_TRIG.replace("HASH", text_hash), format="trig")


def test_build_gives_the_expected_graph():
    assert_same_dataset(build_graph(make_resolution(), settings=SETTINGS), expected_dataset())


def test_building_twice_gives_the_same_iris():
    first = set(build_graph(make_resolution(), settings=SETTINGS).quads())
    again = set(build_graph(make_resolution(), settings=SETTINGS).quads())
    resolution = make_resolution()
    shuffled = replace(
        resolution,
        entities=resolution.entities[::-1],
        mentions=resolution.mentions[::-1],
        sentences=resolution.sentences[::-1],
    )
    reordered = set(build_graph(shuffled, settings=SETTINGS).quads())
    assert first == again == reordered


def test_iris_live_under_the_base_iri():
    ds = build_graph(make_resolution(), settings=Settings(base_iri="https://other.example/kg/"))
    iris = {t for q in ds.quads() for t in q if isinstance(t, URIRef)}
    ours = {iri for iri in iris if "example" in iri}
    assert ours
    assert all(iri.startswith("https://other.example/kg/") for iri in ours)
    assert URIRef("https://other.example/kg/person/ali-shamkhani") in ours


@pytest.mark.parametrize("entity", make_resolution().entities, ids=lambda e: e.key)
def test_every_entity_has_type_one_label_alt_labels_and_sources(entity):
    g = union_graph(build_graph(make_resolution(), settings=SETTINGS))
    iri = URIRef(BASE + entity.key)
    basic = {Kind.PERSON: SCHEMA.Person, Kind.ORGANIZATION: SCHEMA.Organization}
    assert (iri, RDF.type, basic.get(entity.kind, SCHEMA.Place)) in g
    assert {SCHEMA[fine] for fine in entity.fine_types} <= set(g.objects(iri, RDF.type))
    assert list(g.objects(iri, RDFS.label)) == [Literal(entity.label)]
    assert set(g.objects(iri, SKOS.altLabel)) == {Literal(n) for n in entity.alt_labels}
    assert set(g.objects(iri, PROV.wasDerivedFrom)) == {URIRef(BASE + "doc/news%2Fa.txt")}


@pytest.mark.parametrize(
    ("published", "literal"),
    [
        (None, None),
        (date(2024, 5, 14), Literal("2024-05-14", datatype=XSD.date)),
        (datetime(2024, 5, 14, 9, 10), Literal("2024-05-14T09:10:00", datatype=XSD.dateTime)),
    ],
)
def test_date_published(published, literal):
    doc = Document("b.txt", "b.txt", "Rain fell.", published=published)
    ds = build_graph(Resolution((doc,), (), (), ()), settings=SETTINGS)
    dates = list(union_graph(ds).objects(URIRef(BASE + "doc/b.txt"), SCHEMA.datePublished))
    assert dates == ([literal] if literal is not None else [])


def test_document_without_metadata_has_only_id_type_and_hash():
    doc = Document("b.txt", "b.txt", "Rain fell.")
    ds = build_graph(Resolution((doc,), (), (), ()), settings=SETTINGS)
    assert set(union_graph(ds).predicates()) == {RDF.type, SCHEMA.identifier, KGO.contentHash}


def shacl_report(g: Graph) -> tuple[bool, str]:
    import pyshacl

    shapes = Graph().parse(ONTOLOGY / "shapes.ttl")
    conforms, _, text = pyshacl.validate(g, shacl_graph=shapes)
    return conforms, text


def test_hand_made_graph_conforms_to_the_shapes():
    conforms, report = shacl_report(union_graph(build_graph(make_resolution(), settings=SETTINGS)))
    assert conforms, report


def test_the_shapes_catch_an_entity_without_a_label():
    g = union_graph(build_graph(make_resolution(), settings=SETTINGS))
    g.remove((URIRef(BASE + "place/tehran"), RDFS.label, None))
    conforms, report = shacl_report(g)
    assert not conforms
    assert "exactly one rdfs:label" in report


@pytest.mark.model
@pytest.mark.parametrize("built", ["seeds_built", "examples_built"])
def test_built_corpus_conforms_to_the_shapes(request, built):
    g = Graph().parse(request.getfixturevalue(built).ttl)
    conforms, report = shacl_report(g)
    assert conforms, report


@pytest.mark.model
def test_no_triple_is_stated_in_two_graphs(seeds_built: Built) -> None:
    """The union default graph of the store would answer such a triple twice."""
    graph_of: dict[tuple[object, object, object], object] = {}
    for quad in open_store(seeds_built.store, read_only=True):
        triple = (quad.subject, quad.predicate, quad.object)
        assert graph_of.setdefault(triple, quad.graph_name) == quad.graph_name, triple


def test_each_graphs_quads_come_together_the_merged_graph_first():
    """A store takes the stream a graph at a time (``update_store``): a second article whose
    fact and event the first shares still gives each graph's quads in one run."""
    one = make_resolution()
    other = "news/b.txt"

    def moved(s: Span) -> Span:
        return replace(s, doc_id=other)

    evidence = (span(1, "Iran"), moved(span(1, "Iran")))
    two = replace(
        one,
        documents=(*one.documents, replace(one.documents[0], doc_id=other)),
        sentences=(*one.sentences, *(replace(s, doc_id=other) for s in one.sentences)),
        mentions=(*one.mentions, *(replace(m, span=moved(m.span)) for m in one.mentions)),
        facts=(Fact("person/ali-shamkhani", Relation.NATIONALITY, "place/iran", evidence),),
        events=(Event("Meeting", "Meeting", "Meeting", evidence, participants=("place/iran",)),),
    )
    quads = list(iter_quads(two, settings=SETTINGS))
    graphs = [g for *_, g in quads]
    runs = [g for i, g in enumerate(graphs) if i == 0 or graphs[i - 1] != g]
    mint = Minter(BASE)
    assert runs == [mint.entities_graph(), mint.document_graph(DOC_ID), mint.document_graph(other)]
    assert len(set(quads)) == len(quads), "each quad once"
    for doc_id in (DOC_ID, other):
        graph = mint.document_graph(doc_id)
        assert (mint.sentence(doc_id, 1), RDF.type, KGO.Sentence, graph) in quads
        assert any(p == RDF.type and o == RDF.Statement and g == graph for _, p, o, g in quads)


def test_a_document_graphs_fingerprint_changes_with_what_it_is_made_of():
    """The fingerprint lets a store skip a document's graph: it must change with any of its
    records and with the IRI of an entity it names, and only then."""

    def fingerprints(resolution: Resolution) -> dict[str, str | None]:
        return {g.graph: g.fingerprint for g in iter_graphs(resolution, settings=SETTINGS)}

    one = make_resolution()
    graph = str(Minter(BASE).document_graph(DOC_ID))
    assert fingerprints(one) == fingerprints(make_resolution())
    assert fingerprints(one)[str(Minter(BASE).entities_graph())] is None
    renamed = replace(one, entities=(replace(one.entities[0], label="Ali Shamkhani Jr"),
                                     *one.entities[1:]))  # fmt: skip
    retold = replace(one, sentences=(replace(one.sentences[0], text="Other."), *one.sentences[1:]))
    other = replace(one, publishers=())
    for changed in (renamed, retold, other):
        assert fingerprints(changed)[graph] != fingerprints(one)[graph]
    assert [q for g in iter_graphs(one, settings=SETTINGS) for q in g.quads()] == list(
        iter_quads(one, settings=SETTINGS)
    )


def test_event_iris_are_minted_from_who_and_when_and_told_apart():
    """The builder mints event IRIs: the same actors and date give one digest (a second event
    of that digest gets -2); a statement's come from its speaker and its article."""
    span = Span("a.txt", 0, 0, 3)
    meeting = Event("Summit", "Meeting", "Summit: B, A", (span,), participants=("b", "a"),
                    date="2024-05")  # fmt: skip
    digest = hashlib.sha1(b"Meeting|a|b|2024-05").hexdigest()[:12]
    said = Event("Statement", "Statement", "Statement by A", (span,), agents=("a",))
    said_digest = hashlib.sha1(b"Statement|a|a.txt|").hexdigest()[:12]
    iris = Minter("https://example.org/").events([meeting, replace(meeting, label="x"), said])
    assert [str(iri) for iri in iris] == [
        f"https://example.org/event/meeting/{digest}",
        f"https://example.org/event/meeting/{digest}-2",
        f"https://example.org/event/statement/{said_digest}",
    ]


def test_iris_are_minted_from_kind_and_label_namesakes_told_apart_in_order() -> None:
    from kg.graph.build import Minter

    entities = [
        Entity("person:Viktor Orbán", Kind.PERSON, "Viktor Orbán"),
        Entity("person:Viktor Orban", Kind.PERSON, "Viktor Orban"),
        Entity("place:Orban", Kind.PLACE, "Orban"),
    ]
    mint = Minter("https://example.org/id/", entities)
    assert [str(mint.entity(e.key)) for e in entities] == [
        "https://example.org/id/person/viktor-orban",
        "https://example.org/id/person/viktor-orban-2",
        "https://example.org/id/place/orban",
    ]
