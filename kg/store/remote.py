"""The store to a remote triple store, by the SPARQL 1.1 Graph Store HTTP Protocol.

Each named graph goes to ``{endpoint}?graph={IRI}`` as N-Triples (the default graph, if it
holds triples, to ``{endpoint}?default``): the first request is a PUT, which replaces the remote
graph (so pushing again gives the same remote content), and a large graph follows in bounded
chunks, each POSTed (appended) to the same graph. Remote graphs that the store does not hold
are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import httpx
import pyoxigraph as ox

from kg.errors import PushError
from kg.store.store import open_store

DEFAULT_CHUNK_TRIPLES = 50_000
"""Triples per request: a few megabytes of N-Triples."""
DEFAULT_TIMEOUT = 120.0
"""Seconds a request may take (connecting, sending, the server loading the chunk)."""
N_TRIPLES = "application/n-triples"


@dataclass(frozen=True)
class PushReport:
    """What a push sent: the named graphs (IRIs, in the order sent), whether the default graph
    went too, the triples and the HTTP requests."""

    endpoint: str
    graphs: tuple[str, ...]
    default_graph: bool
    triples: int
    requests: int


@dataclass(frozen=True)
class Credentials:
    """How to authenticate: a user and password (basic, or digest auth), or a bearer token."""

    user: str | None = None
    password: str | None = None
    token: str | None = None
    digest: bool = False


def push_store(
    store_dir: str | Path,
    endpoint: str,
    *,
    credentials: Credentials | None = None,
    chunk_triples: int = DEFAULT_CHUNK_TRIPLES,
    timeout: float = DEFAULT_TIMEOUT,
) -> PushReport:
    """Send every graph of the store to a Graph Store Protocol endpoint, replacing it there.

    Args:
        store_dir: the embedded store (opened read-only).
        endpoint: the remote graph store URL, e.g. ``http://host:3030/DATASET/data`` (Fuseki).
        credentials: user and password, or a token, if the endpoint wants them.
        chunk_triples: at most this many triples per request (more only for triples that share
            a blank node, which must travel together).
        timeout: seconds allowed for each request.

    Returns:
        What was sent.

    Raises:
        PushError: a graph was refused (HTTP 4xx/5xx) or the endpoint cannot be reached; the
            graphs before it were sent.
    """
    shown = masked(endpoint)
    if not endpoint.startswith(("http://", "https://")):
        raise PushError(f"{shown}: the endpoint should be an http:// or https:// URL")
    if chunk_triples < 1:
        raise ValueError(f"Unexpected chunk size: {chunk_triples!r}")
    store = open_store(store_dir, read_only=True)
    named = sorted(_graph_names(store), key=lambda g: g.value)
    graphs: list[ox.NamedNode | ox.DefaultGraph] = [*named]
    default_graph = _holds_triples(store, ox.DefaultGraph())
    if default_graph:
        graphs.append(ox.DefaultGraph())
    triples = requests = 0
    with httpx.Client(auth=_auth(credentials), timeout=timeout) as client:
        for graph in graphs:
            quads = store.quads_for_pattern(None, None, None, graph)
            for number, chunk in enumerate(chunk_graph((q.triple for q in quads), chunk_triples)):
                _send(client, endpoint, "PUT" if number == 0 else "POST", graph, chunk)
                triples += len(chunk)
                requests += 1
    return PushReport(shown, tuple(g.value for g in named), default_graph, triples, requests)


def masked(url: str) -> str:
    """The URL as it may be shown: a password in it replaced by ``***``.

    >>> masked("http://ann:s3cret@127.0.0.1:3030/news/data")
    'http://ann:***@127.0.0.1:3030/news/data'
    >>> masked("http://127.0.0.1:3030/news/data")
    'http://127.0.0.1:3030/news/data'
    """
    match = _USERINFO.match(url)
    if match is None or not match[2]:
        return url
    return match[1] + "***@" + url[match.end() :]


_USERINFO = re.compile(r"([a-zA-Z][\w+.-]*://[^/?#@]*?:)([^/?#@]*)@")


def _hide_password(text: str, url: str) -> str:
    """``text`` with the password of ``url`` (as written, or percent-decoded) masked."""
    match = _USERINFO.match(url)
    if match is None or not match[2]:
        return text
    for secret in {match[2], unquote(match[2])}:
        text = text.replace(secret, "***")
    return text


def chunk_graph(triples: Iterable[ox.Triple], size: int) -> Iterator[list[ox.Triple]]:
    """The triples of one graph in lists of at most ``size``, always at least one (maybe empty).

    A blank node means the same node only within one request, so triples that share blank
    nodes stay in one list (which may then be longer than ``size``).

    >>> ex = "http://example.org/"
    >>> ts = [ox.Triple(ox.NamedNode(ex + str(i)), ox.NamedNode(ex + "p"), ox.Literal("Iraq"))
    ...       for i in range(5)]
    >>> [len(chunk) for chunk in chunk_graph(ts, 2)]
    [2, 2, 1]
    >>> list(chunk_graph([], 2))
    [[]]
    """
    chunk: list[ox.Triple] = []
    with_blank_nodes: list[ox.Triple] = []
    sent = False
    for triple in triples:
        if _blank_nodes(triple):
            with_blank_nodes.append(triple)
            continue
        chunk.append(triple)
        if len(chunk) == size:
            yield chunk
            chunk, sent = [], True
    for component in _components(with_blank_nodes):
        if chunk and len(chunk) + len(component) > size:
            yield chunk
            chunk, sent = [], True
        chunk.extend(component)
    if chunk or not sent:
        yield chunk


def _graph_names(store: ox.Store) -> Iterator[ox.NamedNode]:
    for graph in store.named_graphs():
        if not isinstance(graph, ox.NamedNode):
            raise PushError(
                f"graph {graph}: a blank node names it, and the Graph Store Protocol "
                "addresses graphs by IRI only"
            )
        yield graph


def _holds_triples(store: ox.Store, graph: ox.DefaultGraph) -> bool:
    return next(iter(store.quads_for_pattern(None, None, None, graph)), None) is not None


def _blank_nodes(term: object) -> list[str]:
    """The blank nodes in a term, or in a triple (quoted triples included)."""
    if isinstance(term, ox.BlankNode):
        return [term.value]
    if isinstance(term, ox.Triple):
        return [b for t in (term.subject, term.object) for b in _blank_nodes(t)]
    if isinstance(term, ox.NamedNode | ox.Literal):
        return []
    raise ValueError(f"Unexpected RDF term: {term!r}")


def _components(triples: list[ox.Triple]) -> list[list[ox.Triple]]:
    """Triples grouped so that two triples sharing a blank node are in the same group."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for triple in triples:
        first, *others = _blank_nodes(triple)
        for other in others:
            parent[root(other)] = root(first)
    groups: dict[str, list[ox.Triple]] = {}
    for triple in triples:
        groups.setdefault(root(_blank_nodes(triple)[0]), []).append(triple)
    return list(groups.values())


def _auth(credentials: Credentials | None) -> httpx.Auth | None:
    if credentials is None:
        return None
    if credentials.token is not None:
        return _BearerAuth(credentials.token)
    if credentials.user is None:
        return None
    password = credentials.password or ""
    if credentials.digest:
        return httpx.DigestAuth(credentials.user, password)
    return httpx.BasicAuth(credentials.user, password)


class _BearerAuth(httpx.Auth):
    def __init__(self, token: str) -> None:
        self.token = token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self.token}"
        yield request


def graph_url(endpoint: str, graph: ox.NamedNode | ox.DefaultGraph) -> str:
    """The Graph Store Protocol URL of a graph (indirect identification: ``?graph=IRI``).

    >>> graph_url("http://127.0.0.1:3030/news/data", ox.NamedNode("https://ex.org/graph/a#b"))
    'http://127.0.0.1:3030/news/data?graph=https%3A%2F%2Fex.org%2Fgraph%2Fa%23b'
    >>> graph_url("http://127.0.0.1:3030/news/data", ox.DefaultGraph())
    'http://127.0.0.1:3030/news/data?default'
    """
    if isinstance(graph, ox.NamedNode):
        return str(httpx.URL(endpoint).copy_merge_params({"graph": graph.value}))
    if isinstance(graph, ox.DefaultGraph):
        return endpoint + ("&" if "?" in endpoint else "?") + "default"
    raise ValueError(f"Unexpected graph name: {graph!r}")


def _send(
    client: httpx.Client,
    endpoint: str,
    method: str,
    graph: ox.NamedNode | ox.DefaultGraph,
    chunk: list[ox.Triple],
) -> None:
    """One request of the Graph Store Protocol; a failure becomes a one-line PushError."""
    body = ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES) or b""
    name = f"graph <{graph.value}>" if isinstance(graph, ox.NamedNode) else "the default graph"
    where = f"{masked(endpoint)}: {method} of {name}"
    try:
        response = client.request(
            method, graph_url(endpoint, graph), content=body, headers={"Content-Type": N_TRIPLES}
        )
    except httpx.HTTPError as e:
        reason = _hide_password(_one_line(str(e)) or type(e).__name__, endpoint)
        raise PushError(f"{where} failed: {reason}") from e
    if not response.is_success:
        reason = _hide_password(_one_line(response.text), endpoint)
        detail = f": {reason}" if reason else ""
        raise PushError(
            f"{where} failed: HTTP {response.status_code} {response.reason_phrase}{detail}"
        )


def _one_line(text: str, *, limit: int = 200) -> str:
    """The first non-blank line of a message (HTML tags dropped), cut to ``limit`` characters.

    >>> _one_line("<html>\\n<title>Error 404</title>\\n  Graph not found\\n</html>")
    'Error 404'
    """
    text = re.sub(r"<[^>]*>", " ", text)
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"
