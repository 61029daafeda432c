"""kg serve: the real Oxigraph server on our store, queried over HTTP on a loopback port."""

from __future__ import annotations

import csv
import http.server
import io
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

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


def test_a_folder_that_is_not_a_store_is_one_clear_error(tmp_path):
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(ServeError) as raised, running_server(tmp_path, port=free_port()):
        pass
    assert str(raised.value) == (
        f"{tmp_path}: not a store (no Oxigraph database in it; build one with kg build --store)"
    )


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


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux: read from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    """Running (a zombie left for a parent to reap counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGKILL])
def test_kg_serve_answers_once_it_says_so_and_every_signal_stops_its_server(small_store, stop):
    """The command as a user runs it: "serving" is printed when it answers (no retry needed);
    a signal to kg serve alone (not its process group) leaves no Oxigraph server behind."""
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
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert (
            line == f"kg: serving {small_store} at http://127.0.0.1:{port}/query (Ctrl-C to stop)\n"
        )
        response = ask(Server("127.0.0.1", port), LABELS, accept=JSON, how="get")
        assert json_rows(response) == EXPECTED
        [oxigraph] = _children(proc.pid)
        assert _alive(oxigraph)
    finally:
        proc.send_signal(stop)
        try:
            _, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            raise
    assert proc.returncode == (-signal.SIGKILL if stop == signal.SIGKILL else 0), err
    deadline = time.monotonic() + 10
    while _alive(oxigraph) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(oxigraph), "the oxigraph server outlived kg serve"
    with pytest.raises(httpx.ConnectError):
        ask(Server("127.0.0.1", port), LABELS, accept=JSON, how="get")


def test_kg_serve_says_nothing_of_serving_when_it_cannot(small_store):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [sys.executable, "-c", "from kg.cli import main; main()", "serve"]
        done = subprocess.run(
            [*command, "--store", str(small_store), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"Error: 127.0.0.1:{port}: the port is already in use"]


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.model
def test_the_seeds_over_http_match_kg_query(seeds_built):
    with running_server(seeds_built.store, port=free_port()) as running:
        remote = json_rows(ask(running, PEOPLE, accept=JSON, how="post-direct"))
    local = run_query(open_store(seeds_built.store, read_only=True), PEOPLE).rows
    assert remote == list(local)
    assert len(remote) == seeds_built.report.people


class _Recorder(http.server.BaseHTTPRequestHandler):
    """A stand-in for an address of the server's network: it notes every request it gets."""

    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.seen.append(self.path)
        self.send_error(404)

    do_POST = do_GET

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def inside() -> Iterator[str]:
    """The URL of a server the SERVICE clause names; its requests are in _Recorder.seen."""
    _Recorder.seen.clear()
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder) as target:
        thread = threading.Thread(target=target.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{target.server_address[1]}/sparql"
        target.shutdown()


@pytest.mark.parametrize("how", ["get", "post-direct", "post-form"])
def test_service_is_refused_and_nothing_is_fetched(server, inside, how):
    query = f"SELECT * WHERE {{ SERVICE <{inside}> {{ ?s ?p ?o }} }}"
    response = ask(server, query, accept=JSON, how=how)
    assert response.status_code == 403
    assert "calls another endpoint (SERVICE)" in response.text
    assert _Recorder.seen == []
    assert json_rows(ask(server, LABELS, accept=JSON, how="get")) == EXPECTED


def test_service_goes_out_only_when_allowed(small_store, inside):
    query = f"SELECT * WHERE {{ SERVICE <{inside}> {{ ?s ?p ?o }} }}"
    with running_server(small_store, port=free_port(), allow_service=True) as allowed:
        response = ask(allowed, query, accept=JSON, how="get")
    assert "404" in response.text  # what the stand-in answered, in the streamed answer
    assert _Recorder.seen == ["/sparql"]


def test_a_query_past_the_timeout_is_cancelled(small_store):
    """9 ** 8 solutions to count (a minute or so): the server gives up after a second."""
    patterns = " . ".join(f"?s{i} ?p{i} ?o{i}" for i in range(8))
    slow = f"SELECT (COUNT(*) AS ?n) WHERE {{ {patterns} }}"
    with running_server(small_store, port=free_port(), query_timeout=1) as running:
        started = time.monotonic()
        response = ask(running, slow, accept=JSON, how="get")
        assert time.monotonic() - started < 10
        assert response.text.endswith("The SPARQL operation has been cancelled")  # mid-stream
        assert json_rows(ask(running, LABELS, accept=JSON, how="get")) == EXPECTED


@pytest.mark.parametrize(
    ("headers", "status"),
    [({"Content-Length": "abc"}, 400), ({"Transfer-Encoding": "chunked"}, 411)],
    ids=["bad-length", "chunked"],
)
def test_the_gate_refuses_what_it_cannot_read_whole(server, headers, status):
    with socket.create_connection((server.host, server.port)) as sock:
        head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        sock.sendall(f"POST /query HTTP/1.1\r\nHost: x\r\n{head}\r\n".encode())
        answer = sock.recv(4096).decode("latin-1")
    assert answer.startswith(f"HTTP/1.0 {status} ")
