"""Shared paths, graph helpers and the two corpus builds (one model load each per session)."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset, Graph, Literal, Namespace
from rdflib.compare import graph_diff, to_isomorphic

from kg.config import Settings
from kg.graph import vocab
from kg.pipeline import BuildReport, run_build
from kg.store.store import save_to_store

ROOT = Path(__file__).parents[1]
SHARED = Path(__file__).parents[2] / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SHARED_SCORER = SHARED / "eval" / "score.py"
EXAMPLES = ROOT / "examples" / "corpus"
ONTOLOGY = ROOT / "ontology"

GOOD_ARTICLE = "Rain in Lima\n\nHeavy rain fell on Lima on Monday, officials said in a statement.\n"
"""A plain-text article the reader accepts: a headline line and one sentence of story."""


@dataclass(frozen=True)
class Built:
    """A corpus built once per session: the report, the Turtle file and the store."""

    report: BuildReport
    ttl: Path
    store: Path


def _build(corpus: Path, out: Path) -> Built:
    ttl, store = out / "graph.ttl", out / "store"
    report = run_build([corpus], settings=Settings(), output=ttl, store=store)
    return Built(report, ttl, store)


@pytest.fixture(scope="session")
def seeds_built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The seeds corpus (``../shared/corpus/seeds``) built with the real spaCy pipeline."""
    require_shared()
    return _build(SEEDS, tmp_path_factory.mktemp("seeds"))


def require_shared() -> None:
    """Skip the test where ``../shared`` (the seeds corpus and the contract's scorer) is not
    beside the repository, as in a bare clone; CI lays it there."""
    if not (SEEDS.is_dir() and SHARED_SCORER.is_file()):
        pytest.skip(f"{SHARED} is absent (the shared seeds corpus and scorer sit beside the repo)")


@pytest.fixture(scope="session")
def examples_built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """``examples/corpus`` built with the real spaCy pipeline."""
    return _build(EXAMPLES, tmp_path_factory.mktemp("examples"))


@pytest.fixture(scope="session")
def expected() -> dict[str, Any]:
    """What ``examples/expected.json`` says each sample article holds."""
    return json.loads((ROOT / "examples" / "expected.json").read_text(encoding="utf-8"))


def write_files(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``{relative name: text or bytes}`` under ``folder``; returns the folder."""
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def assert_isomorphic(actual: Graph, expected: Graph) -> None:
    """Graphs equal up to blank-node names; on failure the triples on each side are printed."""
    iso_actual, iso_expected = to_isomorphic(actual), to_isomorphic(expected)
    if iso_actual == iso_expected:
        return
    _, only_actual, only_expected = graph_diff(iso_actual, iso_expected)
    print("only in the built graph:\n" + _sorted_nt(only_actual))
    print("only in the expected graph:\n" + _sorted_nt(only_expected))
    raise AssertionError("the graphs differ (see the triples printed above)")


def assert_same_dataset(actual: Dataset, expected: Dataset) -> None:
    """The same named graphs, each isomorphic to its expected content."""
    assert _graph_names(actual) == _graph_names(expected)
    for name in _graph_names(expected):
        assert_isomorphic(actual.graph(name), expected.graph(name))


def _graph_names(ds: Dataset) -> set[str]:
    return {str(g.identifier) for g in ds.graphs() if len(g)}


def _sorted_nt(g: Graph) -> str:
    return "\n".join(sorted(g.serialize(format="nt").splitlines()))


# -- a small store and loopback ports, for the tests that start the real oxigraph server ------

EX = Namespace("https://example.org/id/")
ENTITIES, DOC_A = EX["graph/entities"], EX["graph/doc/a.txt"]


def two_graph_dataset() -> Dataset:
    """Two named graphs: the entities (a plain literal "Iraq", a language-tagged one, a typed
    one) and one document's people."""
    ds = Dataset()
    entities = ds.graph(ENTITIES)
    entities.add((EX["place/iraq"], vocab.RDF.type, vocab.SCHEMA.Country))
    entities.add((EX["place/iraq"], vocab.RDFS.label, Literal("Iraq")))
    entities.add((EX["place/iraq"], vocab.SKOS.altLabel, Literal("العراق", lang="ar")))
    entities.add((EX["org/snsc"], vocab.RDFS.label, Literal("Supreme National Security Council")))
    doc = ds.graph(DOC_A)
    doc.add(
        (
            EX["doc/a.txt"],
            vocab.SCHEMA.datePublished,
            Literal("2021-04-12", datatype=vocab.XSD.date),
        )
    )
    for key, name in [("person/ali", "Ali Shamkhani"), ("person/qasim", "Qasim al-Araji")]:
        doc.add((EX[key], vocab.RDF.type, vocab.SCHEMA.Person))
        doc.add((EX[key], vocab.RDFS.label, Literal(name)))
    return ds


@pytest.fixture(scope="session")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``two_graph_dataset()`` in an embedded store (9 quads in 2 named graphs)."""
    store = tmp_path_factory.mktemp("small") / "store"
    save_to_store(two_graph_dataset(), store)
    return store


def free_port() -> int:
    """A TCP port free on the loopback address (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- a small web site on a loopback port, for the tests that read pages and feeds -----------


@dataclass
class Route:
    """What the site answers at one path: a status, a content type, a body, how long it
    waits before answering (a slow page), whether it sends no Content-Length (streamed), and
    in how many pieces, ``delay`` apart, it sends the body (a page that trickles in)."""

    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0
    streamed: bool = False
    pieces: int = 1


@dataclass
class Site:
    """A local HTTP server (127.0.0.1, a port the OS picks) with routes a test may change;
    it notes the path and User-Agent of each request."""

    base: str
    routes: dict[str, Route]
    requests: list[tuple[str, str]]

    def url(self, path: str) -> str:
        return self.base + path

    def fetched(self, path: str) -> int:
        """How many times ``path`` was asked for."""
        return sum(1 for asked, _agent in self.requests if asked == path)


@pytest.fixture
def site() -> Iterator[Site]:
    """A web site on the loopback address, stopped after the test; never the internet."""
    routes: dict[str, Route] = {}
    requests: list[tuple[str, str]] = []
    stop = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append((self.path, self.headers.get("User-Agent", "")))
            route = routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            trickles = route.pieces > 1
            if not trickles and stop.wait(route.delay):
                return
            try:
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                if not route.streamed:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                size = -(-len(route.body) // route.pieces)
                for start in range(0, len(route.body), size):
                    if trickles and stop.wait(route.delay):
                        return
                    self.wfile.write(route.body[start : start + size])
            except OSError:
                pass  # the client gave up (a test of a limit): nothing to answer

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{server.server_port}", routes, requests)
    finally:
        stop.set()
        server.shutdown()
        server.server_close()


def article_page(headline: str, *paragraphs: str, published: str | None = None) -> bytes:
    """A news page as a site serves it: a title, a header and footer around the article."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    story = "".join(f"<p>{p}</p>" for p in paragraphs)
    title = f"<title>{headline}</title>" if headline else ""
    return (
        f"<html><head>{title}{meta}</head><body><header><nav>Home | World</nav></header>"
        f"<article>{f'<h1>{headline}</h1>' if headline else ''}{story}</article>"
        "<footer>All rights reserved.</footer></body></html>"
    ).encode()
