"""kg push: the store's graphs to a real read-write Oxigraph server on a loopback port, by the
SPARQL 1.1 Graph Store HTTP Protocol; the remote content checked with SPARQL."""

from __future__ import annotations

from collections import Counter

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import BNode, Dataset, Literal
from rdflib import Graph as RdfGraph
from rdflib.compare import isomorphic

from kg.cli import main
from kg.errors import PushError
from kg.graph.vocab import RDF, RDFS, SCHEMA
from kg.store.remote import Credentials, PushReport, _auth, chunk_graph, push_store
from kg.store.serve import Server, running_server
from kg.store.store import open_store, save_to_store
from tests.conftest import DOC_A, ENTITIES, EX, free_port

pytestmark = pytest.mark.server

ALL_QUADS = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
STALE = '<https://example.org/id/place/iraq> <https://example.org/stale> "old" .\n'
OTHER_GRAPH = "https://example.org/other/graph"


@pytest.fixture
def remote(tmp_path):
    """A fresh, empty read-write Oxigraph server: its /store is the push endpoint."""
    with running_server(tmp_path / "remote", port=free_port(), read_only=False) as server:
        yield server


def remote_select(server: Server, query: str) -> list[ox.QuerySolution]:
    response = httpx.post(
        server.query_url,
        content=query.encode(),
        headers={
            "Content-Type": "application/sparql-query",
            "Accept": "application/sparql-results+json",
        },
    )
    assert response.status_code == 200, response.text
    answer = ox.parse_query_results(response.content, ox.QueryResultsFormat.JSON)
    assert isinstance(answer, ox.QuerySolutions)
    return list(answer)


def local_select(store_dir, query: str) -> list[ox.QuerySolution]:
    answer = open_store(store_dir, read_only=True).query(query)
    assert isinstance(answer, ox.QuerySolutions)
    return list(answer)


def quads(solutions: list[ox.QuerySolution]) -> set[ox.Quad]:
    return {ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in solutions}


def counts(solutions: list[ox.QuerySolution]) -> dict[str, int]:
    return {row["g"].value: int(row["n"].value) for row in solutions}


def assert_remote_holds_the_store(server: Server, store_dir) -> None:
    """The same triple count in each graph, then the very same set of quads, on both sides."""
    assert counts(remote_select(server, PER_GRAPH)) == counts(local_select(store_dir, PER_GRAPH))
    remote, local = (
        quads(remote_select(server, ALL_QUADS)),
        quads(local_select(store_dir, ALL_QUADS)),
    )
    assert remote - local == set(), "quads only on the remote"
    assert local - remote == set(), "quads only in the store"


def test_push_gives_the_remote_exactly_the_stores_quads(remote, small_store):
    report = push_store(small_store, remote.store_url)
    assert report == PushReport(
        remote.store_url, (str(DOC_A), str(ENTITIES)), False, triples=9, requests=2
    )
    assert_remote_holds_the_store(remote, small_store)
    assert counts(remote_select(remote, PER_GRAPH)) == {str(DOC_A): 5, str(ENTITIES): 4}


def test_pushing_again_changes_nothing(remote, small_store):
    first = push_store(small_store, remote.store_url)
    second = push_store(small_store, remote.store_url)
    assert first == second
    assert_remote_holds_the_store(remote, small_store)


def test_a_push_replaces_the_remote_graph_and_leaves_others_alone(remote, small_store):
    for graph in (str(ENTITIES), OTHER_GRAPH):
        response = httpx.put(
            remote.store_url,
            params={"graph": graph},
            content=STALE.encode(),
            headers={"Content-Type": "application/n-triples"},
        )
        assert response.is_success, response.text
    push_store(small_store, remote.store_url)
    remote_counts = counts(remote_select(remote, PER_GRAPH))
    assert remote_counts == {str(DOC_A): 5, str(ENTITIES): 4, OTHER_GRAPH: 1}
    stale = f'SELECT * WHERE {{ GRAPH ?g {{ ?s ?p "old" }} FILTER(?g != <{OTHER_GRAPH}>) }}'
    assert remote_select(remote, stale) == []


@pytest.mark.parametrize("size", [1, 2, 4])
def test_a_chunked_push_gives_the_same_remote_content(remote, small_store, size):
    report = push_store(small_store, remote.store_url, chunk_triples=size)
    per_graph = (5, 4)
    assert report.requests == sum(-(-n // size) for n in per_graph)
    assert report.triples == 9
    assert_remote_holds_the_store(remote, small_store)
    push_store(small_store, remote.store_url, chunk_triples=size)
    assert_remote_holds_the_store(remote, small_store)


def test_blank_nodes_travel_together_in_a_chunked_push(remote, tmp_path):
    ds = Dataset()
    g = ds.graph(EX["graph/doc/b.txt"])
    for i in range(3):
        node, inner = BNode(), BNode()
        g.add((EX[f"person/{i}"], SCHEMA.address, node))
        g.add((node, SCHEMA.addressLocality, Literal(f"Town {i}")))
        g.add((node, SCHEMA.geo, inner))
        g.add((inner, RDFS.label, Literal(f"Point {i}")))
    g.add((EX["place/iraq"], RDF.type, SCHEMA.Country))
    store = tmp_path / "store"
    save_to_store(ds, store)
    report = push_store(store, remote.store_url, chunk_triples=1)
    assert report.requests == 4  # one ground triple, then three blank-node groups
    response = httpx.get(
        remote.store_url,
        params={"graph": str(EX["graph/doc/b.txt"])},
        headers={"Accept": "application/n-triples"},
    )
    assert response.status_code == 200, response.text
    pushed = RdfGraph().parse(data=response.text, format="nt")
    assert len(pushed) == len(g) == 13
    assert isomorphic(pushed, g)


def test_the_default_graph_goes_too_when_it_holds_triples(remote, tmp_path):
    ds = Dataset()
    ds.add((EX["place/iraq"], RDFS.label, Literal("Iraq")))
    ds.graph(ENTITIES).add((EX["place/iraq"], RDF.type, SCHEMA.Country))
    store = tmp_path / "store"
    save_to_store(ds, store)
    report = push_store(store, remote.store_url)
    assert (report.graphs, report.default_graph, report.requests) == ((str(ENTITIES),), True, 2)
    response = httpx.get(remote.store_url + "?default", headers={"Accept": "application/n-triples"})
    assert response.text == f'<{EX["place/iraq"]}> <{RDFS.label}> "Iraq" .\n'


def test_chunks_are_bounded_and_blank_node_groups_kept_whole():
    iri, label = ox.NamedNode("https://ex.org/s"), ox.NamedNode("https://ex.org/label")
    b1, b2 = ox.BlankNode(), ox.BlankNode()
    triples = [ox.Triple(iri, label, ox.Literal(str(i))) for i in range(5)] + [
        ox.Triple(iri, label, b1),
        ox.Triple(b1, label, b2),
        ox.Triple(b2, label, ox.Literal("x")),
        ox.Triple(iri, label, ox.BlankNode()),
    ]
    chunks = list(chunk_graph(triples, 2))
    assert [len(c) for c in chunks] == [2, 2, 1, 3, 1]
    assert Counter(t for c in chunks for t in c) == Counter(triples)
    assert set(chunks[3]) == set(triples[5:8])


def test_a_closed_port_is_one_line_naming_endpoint_and_graph(small_store):
    endpoint = f"http://127.0.0.1:{free_port()}/store"
    with pytest.raises(PushError) as caught:
        push_store(small_store, endpoint)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{endpoint}: PUT of graph <{DOC_A}> failed: ")
    assert "refused" in message.lower()


@pytest.mark.parametrize("how", ["library", "cli"])
def test_a_password_in_the_endpoint_is_never_shown(small_store, how):
    port = free_port()
    endpoint = f"http://ann:s3cret%21@127.0.0.1:{port}/store"
    if how == "library":
        with pytest.raises(PushError) as caught:
            push_store(small_store, endpoint)
        message = str(caught.value)
    else:
        result = CliRunner().invoke(
            main, ["push", "--store", str(small_store), "--endpoint", endpoint]
        )
        assert result.exit_code == 1
        message = result.stderr
    assert message.startswith(
        f"{'Error: ' if how == 'cli' else ''}http://ann:***@127.0.0.1:{port}/store: PUT"
    )
    assert "s3cret" not in message
    with pytest.raises(PushError) as caught:
        push_store(small_store, "ftp://ann:s3cret@127.0.0.1/store")
    assert "s3cret" not in str(caught.value)


def test_a_refusing_server_is_one_line_with_the_status(small_store):
    with (
        running_server(small_store, port=free_port()) as read_only,
        pytest.raises(PushError) as caught,
    ):
        push_store(small_store, read_only.store_url)
    assert str(caught.value) == (
        f"{read_only.store_url}: PUT of graph <{DOC_A}> failed: "
        "HTTP 403 Forbidden: The server is read-only"
    )


def test_an_endpoint_that_is_not_http_is_refused(small_store):
    with pytest.raises(PushError, match="should be an http"):
        push_store(small_store, "ftp://127.0.0.1/store")


@pytest.mark.parametrize(
    ("credentials", "header"),
    [
        (Credentials(user="ali", password="s3cret"), "Basic YWxpOnMzY3JldA=="),
        (Credentials(token="t0ken"), "Bearer t0ken"),
        (None, None),
    ],
)
def test_credentials_become_the_authorization_header(credentials, header):
    auth = _auth(credentials)
    request = httpx.Request("PUT", "http://127.0.0.1/store")
    if auth is not None:
        request = next(auth.sync_auth_flow(request))
    assert request.headers.get("Authorization") == header


def test_digest_credentials_use_digest_auth():
    assert isinstance(_auth(Credentials(user="dba", password="dba", digest=True)), httpx.DigestAuth)


def kg(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="kg")


def test_kg_push_prints_what_it_sent(remote, small_store):
    result = kg(
        "push", "--store", small_store, "--endpoint", remote.store_url, "--chunk-triples", 3
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Pushed 2 named graphs (9 triples) to {remote.store_url} in 4 requests.\n"
    )
    assert_remote_holds_the_store(remote, small_store)


def test_kg_push_to_a_closed_port_is_one_line_and_status_1(small_store):
    endpoint = f"http://127.0.0.1:{free_port()}/store"
    result = kg("push", "--store", small_store, "--endpoint", endpoint)
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"Error: {endpoint}: PUT of graph <{DOC_A}> failed")


@pytest.mark.parametrize(
    "args",
    [["--password", "p"], ["--user", "u", "--token", "t"]],
    ids=["password-without-user", "user-and-token"],
)
def test_kg_push_credentials_usage_errors(small_store, args):
    result = kg("push", "--store", small_store, "--endpoint", "http://127.0.0.1:1/store", *args)
    assert result.exit_code == 2


@pytest.mark.model
def test_the_seeds_pushed_in_chunks_match_the_store(remote, seeds_built):
    report = push_store(seeds_built.store, remote.store_url, chunk_triples=500)
    assert report.requests > len(report.graphs)
    assert_remote_holds_the_store(remote, seeds_built.store)
