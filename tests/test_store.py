"""The Oxigraph store: save, reopen, load files, SPARQL over the union of the named graphs."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, Namespace

from kg.errors import QueryError, StoreError
from kg.graph.vocab import KGO, PROV, RDF, RDFS, SCHEMA
from kg.store.store import (
    QueryResult,
    format_result,
    graph_stats,
    load_file,
    open_store,
    run_query,
    save_in_shards,
    save_to_store,
)

EX = Namespace("https://example.org/id/")

TURTLE = """\
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://example.org/id/place/iraq> a schema:Place , schema:Country ; rdfs:label "Iraq" .
<https://example.org/id/person/ali> a schema:Person ; rdfs:label "Ali Shamkhani" .
"""
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
NQUADS = f"""\
<{EX["place/iraq"]}> {LABEL} "Iraq" <https://example.org/g/1> .
<{EX["person/ali"]}> {LABEL} "Ali Shamkhani" <https://example.org/g/2> .
<{EX["person/ali"]}> <{RDF.type}> <{SCHEMA.Person}> <https://example.org/g/2> .
"""

PEOPLE = "SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name } ORDER BY ?name"
NATIONALITY = """
SELECT ?person ?country WHERE {
  ?p a schema:Person ; rdfs:label ?person ; schema:nationality ?c .
  ?c rdfs:label ?country .
}
"""
IRAQ = 'SELECT ?place WHERE { ?place rdfs:label ?name . FILTER(?name = "Iraq") }'


def small_dataset() -> Dataset:
    """Two named graphs (the entities, one document's people) that share one triple."""
    ds = Dataset()
    entities = ds.graph(EX["graph/entities"])
    entities.add((EX["place/iraq"], RDF.type, SCHEMA.Place))
    entities.add((EX["place/iraq"], RDF.type, SCHEMA.Country))
    entities.add((EX["place/iraq"], RDFS.label, Literal("Iraq")))
    entities.add((EX["org/snsc"], RDF.type, SCHEMA.Organization))
    entities.add((EX["org/snsc"], RDFS.label, Literal("Supreme National Security Council")))
    entities.add((EX["doc/a.txt"], RDF.type, SCHEMA.NewsArticle))  # stated in both graphs
    doc = ds.graph(EX["graph/doc/a.txt"])
    doc.add((EX["doc/a.txt"], RDF.type, SCHEMA.NewsArticle))
    for key, name in [("person/ali", "Ali Shamkhani"), ("person/qasim", "Qasim al-Araji")]:
        doc.add((EX[key], RDF.type, SCHEMA.Person))
        doc.add((EX[key], RDFS.label, Literal(name)))
        doc.add((EX[key], PROV.wasDerivedFrom, EX["doc/a.txt"]))
    doc.add((EX["person/qasim"], SCHEMA.nationality, EX["place/iraq"]))
    doc.add((EX["event/1"], RDF.type, SCHEMA.Event))
    doc.add((EX["statement/1"], RDF.type, SCHEMA.Event))  # a statement: not counted as an event
    doc.add((EX["statement/1"], RDF.type, KGO.Statement))
    return ds


N_QUADS, N_TRIPLES = 17, 16


@pytest.fixture
def store_dir(tmp_path):
    path = tmp_path / "store"
    assert save_to_store(small_dataset(), path) == N_QUADS
    return path


@pytest.fixture
def store(store_dir):
    return open_store(store_dir, read_only=True)


def test_save_keeps_the_named_graphs(store):
    graphs = {g.value for g in store.named_graphs()}
    assert graphs == {str(EX["graph/entities"]), str(EX["graph/doc/a.txt"])}


def test_select_over_the_union_of_named_graphs(store):
    assert run_query(store, PEOPLE) == QueryResult(
        ("name",), (("Ali Shamkhani",), ("Qasim al-Araji",))
    )
    assert run_query(store, NATIONALITY).rows == (("Qasim al-Araji", "Iraq"),)


def test_unbound_variables_are_empty_strings(store):
    query = """SELECT ?name ?country WHERE {
      ?p a schema:Person ; rdfs:label ?name . OPTIONAL { ?p schema:nationality ?country }
    } ORDER BY ?name"""
    assert run_query(store, query).rows == (
        ("Ali Shamkhani", ""),
        ("Qasim al-Araji", str(EX["place/iraq"])),
    )


@pytest.mark.parametrize(
    ("query", "answer"),
    [
        ('ASK { ?x rdfs:label "Iraq" ; a schema:Country }', True),
        ('ASK { ?x rdfs:label "Iran" }', False),
    ],
)
def test_ask(store, query, answer):
    result = run_query(store, query)
    assert result.boolean is answer
    assert result.rows == ((str(answer).lower(),),)


def test_plain_string_literal_matches_in_the_store(store):
    assert run_query(store, IRAQ).rows == ((str(EX["place/iraq"]),),)


def test_save_replaces_the_content(store_dir):
    ds = Dataset()
    ds.graph(EX["graph/other"]).add((EX["place/iran"], RDFS.label, Literal("Iran")))
    assert save_to_store(ds, store_dir) == 1
    store = open_store(store_dir, read_only=True)
    assert run_query(store, PEOPLE).rows == ()


@pytest.mark.parametrize("shard_quads", [1, 5, 1000])
def test_saved_in_shards_equals_saved_at_once(store_dir, tmp_path, shard_quads):
    """N-Quads shards bulk-loaded one by one replace the content, as a direct save does."""
    sharded = tmp_path / "sharded"
    ds = Dataset()  # what the store held before: a save replaces it
    ds.graph(EX["graph/other"]).add((EX["place/iran"], RDFS.label, Literal("Iran")))
    save_to_store(ds, sharded)
    assert save_in_shards(small_dataset(), sharded, shard_quads=shard_quads) == N_QUADS
    stored = {str(q) for q in ox.Store.read_only(str(sharded))}
    assert stored == {str(q) for q in ox.Store.read_only(str(store_dir))}


def test_read_only_store_must_exist(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        open_store(tmp_path / "missing", read_only=True)
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize(("suffix", "data"), [(".ttl", TURTLE), (".nq", NQUADS)])
def test_load_file(tmp_path, suffix, data):
    path = tmp_path / f"graph{suffix}"
    path.write_text(data, encoding="utf-8")
    store = load_file(path)
    assert run_query(store, PEOPLE).rows == (("Ali Shamkhani",),)
    assert run_query(store, IRAQ).rows == ((str(EX["place/iraq"]),),)


def test_load_file_with_an_unknown_extension(tmp_path):
    path = tmp_path / "graph.txt"
    path.write_text(TURTLE, encoding="utf-8")
    with pytest.raises(StoreError, match="cannot tell the RDF format"):
        load_file(path)


def test_load_file_that_does_not_parse(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(StoreError, match=r"graph\.ttl: cannot load"):
        load_file(path)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?x WHERE { ?x a }",
        "SELECT ?x WHERE { ?x a unknown:Thing }",
        "this is not SPARQL",
    ],
)
def test_syntax_error_raises_query_error(store, query):
    with pytest.raises(QueryError, match="does not parse"):
        run_query(store, query)


ANSWER = QueryResult(("name", "country"), (("Ali Shamkhani", "Iran"), ("Qasim al-Araji", "")))


@pytest.mark.parametrize(
    ("result", "fmt", "text"),
    [
        (
            ANSWER,
            "table",
            "name            country\n"
            "--------------  -------\n"
            "Ali Shamkhani   Iran\n"
            "Qasim al-Araji",
        ),
        (ANSWER, "csv", "name,country\nAli Shamkhani,Iran\nQasim al-Araji,"),
        (
            QueryResult(("name",), (('Iran, "Islamic Republic"',),)),
            "csv",
            'name\n"Iran, ""Islamic Republic"""',
        ),
        (QueryResult(("ask",), (("true",),), boolean=True), "table", "ask\n----\ntrue"),
    ],
)
def test_format_result(result, fmt, text):
    assert format_result(result, fmt) == text


def test_format_result_json():
    assert json.loads(format_result(ANSWER, "json")) == [
        {"name": "Ali Shamkhani", "country": "Iran"},
        {"name": "Qasim al-Araji", "country": ""},
    ]


def test_format_result_unknown_format():
    with pytest.raises(ValueError, match="xml"):
        format_result(ANSWER, "xml")


def test_graph_stats(store):
    assert len(small_dataset()) == N_TRIPLES
    assert graph_stats(store) == {
        "documents": 1,
        "people": 2,
        "organizations": 1,
        "places": 1,
        "events": 1,
        "triples": N_TRIPLES,
    }


def test_graph_stats_of_an_empty_store():
    assert set(graph_stats(ox.Store()).values()) == {0}


def test_construct_answers_are_turtle(store):
    result = run_query(store, "CONSTRUCT { ?s rdfs:label ?o } WHERE { ?s rdfs:label ?o }")
    graph = Graph().parse(data=format_result(result, "turtle"), format="turtle")
    assert len(graph) > 0 and set(graph.predicates()) == {RDFS.label}
    with pytest.raises(QueryError, match="graph"):
        format_result(result, "csv")


def test_a_table_is_no_turtle(store):
    with pytest.raises(QueryError, match="table"):
        format_result(run_query(store, "SELECT ?s WHERE { ?s ?p ?o }"), "turtle")
