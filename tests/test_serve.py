"""kg serve: the real Oxigraph server on our store, queried over HTTP on a loopback port."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from kg.errors import ServeError
from kg.store.serve import Server, find_oxigraph, running_server, server_command
from kg.store.store import open_store, run_query
from tests.conftest import DOC_A, ENTITIES, free_port

pytestmark = pytest.mark.server

LABELS = """
SELECT ?g ?name WHERE { GRAPH ?g { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?name } }
ORDER BY ?g ?name
"""
EXPECTED = [
    (str(DOC_A), "Ali Shamkhani"),
    (str(DOC_A), "Qasim al-Araji"),
    (str(ENTITIES), "Iraq"),
    (str(ENTITIES), "Supreme National Security Council"),
]
PEOPLE = """
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name } ORDER BY ?name
"""
JSON = "application/sparql-results+json"
CSV = "text/csv"


def ask(server: Server, query: str, *, accept: str, how: str) -> httpx.Response:
    """A SPARQL 1.1 Protocol query request, each of the three ways the protocol allows."""
    headers = {"Accept": accept}
    if how == "get":
        return httpx.get(server.query_url, params={"query": query}, headers=headers)
    if how == "post-direct":
        headers["Content-Type"] = "application/sparql-query"
        return httpx.post(server.query_url, content=query.encode(), headers=headers)
    if how == "post-form":
        return httpx.post(server.query_url, data={"query": query}, headers=headers)
    raise ValueError(f"Unexpected request kind: {how!r}")


def json_rows(response: httpx.Response) -> list[tuple[str, ...]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(JSON)
    answer = response.json()
    names = answer["head"]["vars"]
    return [tuple(b[n]["value"] for n in names) for b in answer["results"]["bindings"]]


def csv_rows(response: httpx.Response) -> list[list[str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(CSV)
    return list(csv.reader(io.StringIO(response.text)))


@pytest.fixture(scope="module")
def server(small_store):
    with running_server(small_store, port=free_port()) as running:
        yield running


@pytest.mark.parametrize("how", ["get", "post-direct", "post-form"])
def test_select_answers_json(server, how):
    assert json_rows(ask(server, LABELS, accept=JSON, how=how)) == EXPECTED


@pytest.mark.parametrize("how", ["get", "post-direct", "post-form"])
def test_select_answers_csv(server, how):
    rows = csv_rows(ask(server, LABELS, accept=CSV, how=how))
    assert rows == [["g", "name"], *map(list, EXPECTED)]


def test_the_default_graph_is_the_union_as_in_kg_query(server, small_store):
    remote = json_rows(ask(server, PEOPLE, accept=JSON, how="get"))
    local = run_query(open_store(small_store, read_only=True), PEOPLE).rows
    assert remote == list(local) == [("Ali Shamkhani",), ("Qasim al-Araji",)]


def test_ask_and_a_plain_literal(server):
    query = 'ASK { GRAPH ?g { ?s ?p "Iraq" } }'
    response = ask(server, query, accept=JSON, how="get")
    assert response.json()["boolean"] is True


def test_a_bad_query_is_a_400(server):
    response = ask(server, "SELECT WHERE {", accept=JSON, how="get")
    assert response.status_code == 400


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {
            "url": "/update",
            "content": b"INSERT DATA { <https://ex.org/s> <https://ex.org/p> 'x' }",
            "headers": {"Content-Type": "application/sparql-update"},
        },
        {
            "url": "/update",
            "data": {"update": "DROP ALL"},
        },
        {
            "url": "/store?default",
            "content": b"<https://ex.org/s> <https://ex.org/p> 'x' .",
            "headers": {"Content-Type": "application/n-triples"},
        },
    ],
    ids=["update", "update-form", "graph-store"],
)
def test_writes_are_refused(server, request_kwargs):
    kwargs = dict(request_kwargs)
    response = httpx.post(server.url + kwargs.pop("url"), **kwargs)
    assert response.status_code == 403
    assert "read-only" in response.text
    assert json_rows(ask(server, LABELS, accept=JSON, how="get")) == EXPECTED


def test_it_listens_on_loopback_only_by_default(server):
    assert server.host == "127.0.0.1"
    assert "127.0.0.1:" in " ".join(server_command("out/store"))


def test_the_executable_is_the_venvs():
    assert find_oxigraph().parent == Path(sys.executable).parent


def test_a_missing_store_is_one_clear_error(tmp_path):
    with pytest.raises(ServeError, match=r"no store here"), running_server(tmp_path / "none"):
        pass


def test_a_port_in_use_is_one_clear_error(server, small_store):
    with (
        pytest.raises(ServeError, match=rf"127\.0\.0\.1:{server.port}: the port is already in use"),
        running_server(small_store, port=server.port),
    ):
        pass


def test_the_server_is_stopped_after_the_block(small_store):
    port = free_port()
    with running_server(small_store, port=port) as running:
        assert json_rows(ask(running, LABELS, accept=JSON, how="get")) == EXPECTED
    with pytest.raises(httpx.ConnectError):
        httpx.get(running.query_url, params={"query": LABELS})


def test_kg_serve_runs_until_ctrl_c(small_store):
    """The command itself, as a user runs it: it serves, then Ctrl-C stops it cleanly."""
    port = free_port()
    command = [sys.executable, "-c", "from kg.cli import main; main()", "serve"]
    proc = subprocess.Popen(
        [*command, "--store", str(small_store), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, so the test can end it and the server
        preexec_fn=_default_sigint,  # Ctrl-C works even if our caller ignores SIGINT
    )
    try:
        server = Server("127.0.0.1", port)
        deadline = time.monotonic() + 20
        while True:
            try:
                response = ask(server, LABELS, accept=JSON, how="get")
                break
            except httpx.ConnectError:
                assert proc.poll() is None, proc.communicate()
                assert time.monotonic() < deadline, "kg serve did not answer within 20 s"
                time.sleep(0.1)
        assert json_rows(response) == EXPECTED
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            raise
    assert proc.returncode == 0, err
    assert f"at http://127.0.0.1:{port}/query" in err
    with pytest.raises(httpx.ConnectError):
        ask(server, LABELS, accept=JSON, how="get")


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.model
def test_the_seeds_over_http_match_kg_query(seeds_built):
    with running_server(seeds_built.store, port=free_port()) as running:
        remote = json_rows(ask(running, PEOPLE, accept=JSON, how="post-direct"))
    local = run_query(open_store(seeds_built.store, read_only=True), PEOPLE).rows
    assert remote == list(local)
    assert len(remote) == seeds_built.report.people
