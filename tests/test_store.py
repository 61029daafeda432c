"""The Oxigraph store: save, reopen, load files, SPARQL over the union of the named graphs."""

from __future__ import annotations

import json
import time

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, Namespace

from kg.errors import QueryError, StoreError
from kg.graph.convert import GraphQuads, to_ox_quads
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
    update_graphs,
    update_store,
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

XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
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
    answer = run_query(store, PEOPLE)
    assert (answer.columns, answer.rows) == (("name",), (("Ali Shamkhani",), ("Qasim al-Araji",)))
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


class Compactions:
    """The stores ``kg.store.store`` opens, each wrapped so that its ``optimize()`` (the
    compaction) records how many quads the store held then."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.held: list[int] = []
        opened = open_store
        monkeypatch.setattr(
            "kg.store.store.open_store", lambda *a, **k: self.Wrap(self, opened(*a, **k))
        )

    class Wrap:
        def __init__(self, outer: Compactions, store: ox.Store) -> None:
            self.outer, self.store = outer, store

        def __getattr__(self, name: str):
            return getattr(self.store, name)

        def __len__(self) -> int:
            return len(self.store)

        def optimize(self) -> None:
            self.outer.held.append(len(self.store))
            self.store.optimize()


@pytest.mark.parametrize("save", [save_to_store, save_in_shards])
def test_a_save_compacts_the_store_once_all_is_in(tmp_path, monkeypatch, save):
    """Each bulk-loaded chunk leaves files of its own, which every lookup of a query seeks in
    (on a store of a thousand articles the queries ran twice as slow): a save compacts them
    once the last quad is in."""
    compactions = Compactions(monkeypatch)
    assert save(small_dataset(), tmp_path / "store") == N_QUADS
    assert compactions.held == [N_QUADS]


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


def test_json_is_the_sparql_results_json_format(store):
    """https://www.w3.org/TR/sparql11-results-json/: head.vars, typed bindings, unbound left out."""
    query = """SELECT ?p ?name ?country WHERE {
        ?p a schema:Person ; rdfs:label ?name . OPTIONAL { ?p schema:nationality ?country }
    } ORDER BY ?name"""
    answer = json.loads(format_result(run_query(store, query), "json"))
    assert answer == {
        "head": {"vars": ["p", "name", "country"]},
        "results": {
            "bindings": [
                {
                    "p": {"type": "uri", "value": str(EX["person/ali"])},
                    "name": {"type": "literal", "value": "Ali Shamkhani"},
                },
                {
                    "p": {"type": "uri", "value": str(EX["person/qasim"])},
                    "name": {"type": "literal", "value": "Qasim al-Araji"},
                    "country": {"type": "uri", "value": str(EX["place/iraq"])},
                },
            ]
        },
    }
    count = json.loads(format_result(run_query(store, "SELECT (COUNT(*) AS ?n) {}"), "json"))
    assert count["results"]["bindings"] == [
        {"n": {"type": "literal", "value": "1", "datatype": XSD_INTEGER}}
    ]
    assert json.loads(format_result(run_query(store, "ASK {}"), "json")) == {
        "head": {},
        "boolean": True,
    }


def test_a_table_keeps_one_line_per_row():
    text = 'SELECT ?text WHERE { VALUES ?text { "one\\ntwo" "tab\\there" "\\u001b[31mred" } }'
    table = format_result(run_query(ox.Store(), text, allow_service=True), "table")
    assert table.splitlines()[2:] == ["one\\ntwo", "tab\\there", "\\x1b[31mred"]


def test_a_folder_that_is_not_a_store_is_one_line(tmp_path):
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(StoreError) as raised:
        open_store(tmp_path, read_only=True)
    assert str(raised.value) == (
        f"{tmp_path}: not a store (no Oxigraph database in it; build one with kg build --store)"
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "SELECT * WHERE { ?s foo:bar ?o }",
            "the query does not parse: error at 1:28: unknown prefix 'foo' "
            "(declare it with PREFIX foo: <...>)",
        ),
        (
            "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
            "this is an update, not a query: kg answers SELECT, ASK, CONSTRUCT and DESCRIBE; "
            "a store changes only through kg build and kg remove",
        ),
    ],
    ids=["unknown-prefix", "insert"],
)
@pytest.mark.parametrize("allow_service", [False, True], ids=["checked", "unchecked"])
def test_errors_are_one_line(store, query, message, allow_service):
    with pytest.raises(QueryError) as raised:
        run_query(store, query, allow_service=allow_service)
    assert str(raised.value).endswith(message.removeprefix("the query does not parse: "))
    assert "\n" not in str(raised.value) and "\\u{" not in str(raised.value)


def test_service_is_refused_unless_allowed(store):
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    with pytest.raises(QueryError, match=r"calls another endpoint \(SERVICE\)"):
        run_query(store, query)
    with pytest.raises(QueryError, match=r"^the query failed: .*port 9") as raised:
        run_query(store, query, allow_service=True)
    assert "\n" not in str(raised.value)


SLOW = (
    "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?p ?q ?r }"
)
"""17 ** 6 solutions to count: some 4 s here, the time the abandoned evaluation then goes on."""


def test_a_query_past_its_timeout_is_stopped_waiting_for(store):
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"ran out of time \(0\.2 s; see --timeout\)"):
        run_query(store, SLOW, timeout=0.2)
    assert time.monotonic() - started < 2
    assert run_query(store, PEOPLE, timeout=5).rows == (("Ali Shamkhani",), ("Qasim al-Araji",))


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


def _quads(graphs: dict[str, list[str]]) -> list[tuple[object, object, object, object]]:
    return [
        (EX[f"thing/{value}"], RDFS.label, Literal(value), EX[f"graph/{graph}"])
        for graph, values in graphs.items()
        for value in values
    ]


def _stray(store_dir, graph: str) -> ox.Quad:
    """A quad put into the store behind the update's back: it stays only if ``graph`` is not
    written again."""
    quad = ox.Quad(
        ox.NamedNode(EX["thing/stray"]),
        ox.NamedNode(RDFS.label),
        ox.Literal("x"),
        ox.NamedNode(EX[f"graph/{graph}"]),
    )
    store = open_store(store_dir)
    store.add(quad)
    store.flush()
    del store
    return quad


def test_an_update_writes_only_the_graphs_that_changed(store_dir):
    before = {"a": ["1", "2"], "b": ["3"], "gone": ["4"]}
    after = {"a": ["1", "2"], "b": ["3", "5"], "new": ["6"]}
    update_store(lambda: iter(_quads(before)), store_dir)
    kept, rewritten = _stray(store_dir, "a"), _stray(store_dir, "b")

    assert update_store(lambda: iter(_quads(after)), store_dir) == 5 + 1
    stored = set(ox.Store.read_only(str(store_dir)))
    assert kept in stored and rewritten not in stored  # "a" was left alone, "b" written anew
    fresh = {str(q) for q in to_ox_quads(_quads(after))}
    assert {str(q) for q in stored - {kept}} == fresh


def test_an_update_compacts_the_store_once_written_and_only_if_it_wrote(store_dir, monkeypatch):
    """An incremental build's writes are compacted as a full save's are; one that changed
    nothing does not pay for a compaction."""
    update_store(lambda: iter(_quads({"a": ["1"], "gone": ["2"]})), store_dir)
    compactions = Compactions(monkeypatch)
    assert update_store(lambda: iter(_quads({"a": ["1", "3"]})), store_dir) == 2
    assert compactions.held == [2]
    assert update_store(lambda: iter(_quads({"a": ["1", "3"]})), store_dir) == 2
    assert compactions.held == [2], "nothing changed: no compaction"


def test_a_graph_split_by_subject_is_written_subject_by_subject(store_dir):
    """The merged graph, which every article touches, is read and written back only for the
    subjects whose quads changed; a subject gone is taken out."""
    merged = str(EX["graph/m"])
    update_store(lambda: iter(_quads({"m": ["1", "2", "3"]})), store_dir, by_subject={merged})
    kept = ox.Quad(*_subject_quad("1", "x"), ox.NamedNode(merged))
    dropped = ox.Quad(*_subject_quad("2", "y"), ox.NamedNode(merged))
    store = open_store(store_dir)
    store.extend([kept, dropped])
    store.flush()
    del store
    after = {"m": ["1", "2"]}
    changed = [(s, p, Literal("two"), g) if str(s).endswith("/2") else (s, p, o, g)
               for s, p, o, g in _quads(after)]  # fmt: skip
    assert update_store(lambda: iter(changed), store_dir, by_subject={merged}) == 2 + 1
    stored = set(ox.Store.read_only(str(store_dir)))
    assert kept in stored and dropped not in stored
    assert {str(q) for q in stored - {kept}} == {str(q) for q in to_ox_quads(changed)}


def _subject_quad(value: str, comment: str) -> tuple[ox.NamedNode, ox.NamedNode, ox.Literal]:
    return ox.NamedNode(EX[f"thing/{value}"]), ox.NamedNode(RDFS.comment), ox.Literal(comment)


def test_an_update_compacts_only_once_enough_was_written(store_dir, monkeypatch):
    """A write of a few quads into a large store is left to RocksDB's own compaction; writes
    add up until they reach a share of the store (``COMPACT_SHARE``), then one compaction."""
    values = [str(n) for n in range(100)]
    update_store(lambda: iter(_quads({"a": values})), store_dir)
    compactions = Compactions(monkeypatch)
    for n in range(1, 4):  # 2 quads written each time: 6 in all, past 5 % of the store
        update_store(lambda n=n: iter(_quads({"a": values, "b": values[: 2 * n]})), store_dir)
        assert compactions.held == ([] if n < 3 else [106])


def test_an_update_refuses_a_graph_whose_quads_do_not_come_together(store_dir):
    update_store(lambda: iter(_quads({"a": ["1"]})), store_dir)
    scattered = [*_quads({"a": ["1"], "b": ["2"]}), *_quads({"a": ["3"]})]
    with pytest.raises(ValueError, match="do not come together"):
        update_store(lambda: iter(scattered), store_dir)


def test_a_graph_held_from_the_same_fingerprint_is_not_even_made(store_dir):
    """A document's graph comes with a digest of what it is made from: unchanged, its quads
    are never made; changed, they are written."""
    made: list[str] = []

    def graphs(fingerprint: str, values: list[str]) -> list[GraphQuads]:
        def quads() -> list[tuple[object, object, object, object]]:
            made.append(fingerprint)
            return _quads({"d": values})

        return [GraphQuads(str(EX["graph/d"]), fingerprint, quads)]

    update_graphs(lambda: graphs("one", ["1"]), store_dir)
    assert update_graphs(lambda: graphs("one", ["2"]), store_dir) == 1
    assert made == ["one"], "the same fingerprint: the graph was not made again"
    assert update_graphs(lambda: graphs("two", ["2"]), store_dir) == 1
    assert made == ["one", "two"]
    assert {str(q) for q in ox.Store.read_only(str(store_dir))} == {
        str(q) for q in to_ox_quads(_quads({"d": ["2"]}))
    }


def test_an_update_without_digests_rewrites_the_store(store_dir):
    """A store written otherwise (or a write that died) has no digests: all is written anew."""
    save_to_store(iter(_quads({"a": ["1"]})), store_dir)
    stray = _stray(store_dir, "a")
    assert update_store(lambda: iter(_quads({"a": ["1"]})), store_dir) == 1
    assert stray not in set(ox.Store.read_only(str(store_dir)))
