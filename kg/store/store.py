"""The graph in Oxigraph: an embedded on-disk store, files opened as in-memory stores, SPARQL.

Queries always run on Oxigraph's own engine (see PERF_NOTES: rdflib's planner does not scale),
with the default graph as the union of the named graphs and our prefixes predeclared.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import json
import re
import tempfile
import threading
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.graph.convert import GraphQuads, RdflibQuad, to_ox_graph, to_ox_quads
from kg.graph.vocab import PREFIXES
from kg.store.sparql import UPDATE_REFUSED, check_no_service, is_update

FILE_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
}
TABLE_FORMATS = ("table", "csv", "json")
RESULT_FORMATS = (*TABLE_FORMATS, "turtle")
INCOMPLETE = "BUILD-INCOMPLETE"
"""A file in the store's folder while a build rewrites the store: a build that dies leaves it."""
DEFAULT_TIMEOUT = 60.0
"""Seconds a query of ``kg query`` or ``kg serve`` may run unless told otherwise."""


@dataclass(frozen=True)
class QueryResult:
    """A SPARQL answer as plain values: column names and rows of strings, a boolean (ASK), or
    the Turtle text of a graph (CONSTRUCT, DESCRIBE); ``results`` is a SELECT or ASK answer
    in the SPARQL 1.1 Query Results JSON Format, as Oxigraph writes it."""

    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    boolean: bool | None = None
    graph: str | None = None
    results: dict[str, Any] | None = None


def open_store(store_dir: str | Path, *, read_only: bool = False) -> ox.Store:
    """The persistent store in ``store_dir`` (created if missing, unless read-only)."""
    path = Path(store_dir)
    if read_only and is_incomplete(path):
        raise StoreError(f"{path}: the last build into this store did not finish; run it again")
    try:
        if read_only:
            if not path.is_dir():
                raise StoreError(f"{path}: no store here (build one with kg build --store)")
            return ox.Store.read_only(str(path))
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except FileNotFoundError as e:
        raise StoreError(
            f"{path}: not a store (no Oxigraph database in it; build one with kg build --store)"
        ) from e
    except OSError as e:
        raise StoreError(f"{path}: cannot open the store: {_one_line(str(e))}") from e


def stored_document_ids(store_dir: str | Path) -> set[str]:
    """The identifiers of the documents the store's graph holds (none where there is no store
    yet); read even from a store a build left unfinished."""
    try:
        store = ox.Store.read_only(str(store_dir))
    except OSError:
        return set()
    answer = store.query(
        "SELECT DISTINCT ?id { ?doc a schema:NewsArticle ; schema:identifier ?id }",
        prefixes={"schema": str(PREFIXES["schema"])},
        use_default_graph_as_union=True,
    )
    if not isinstance(answer, ox.QuerySolutions):
        raise ValueError(f"Unexpected SPARQL answer: {answer!r}")
    return {str(solution["id"].value) for solution in answer}


def mark_incomplete(store_dir: str | Path, incomplete: bool) -> None:
    """Mark the store as being rewritten (queries and the server refuse it), or as whole."""
    marker = Path(store_dir) / INCOMPLETE
    if incomplete:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    else:
        marker.unlink(missing_ok=True)


def is_incomplete(store_dir: str | Path) -> bool:
    """Whether the last build into this store stopped before it finished writing."""
    return (Path(store_dir) / INCOMPLETE).exists()


def save_to_store(data: Dataset | Iterable[RdflibQuad], store_dir: str | Path) -> int:
    """Replace the store's content with a dataset or a stream of quads (bulk-loaded, never
    all in memory); returns the number of quads stored."""
    (Path(store_dir) / GRAPH_DIGESTS).unlink(missing_ok=True)
    store = open_store(store_dir)
    store.clear()
    quads = to_ox_quads(data)
    while chunk := list(itertools.islice(quads, CHUNK_QUADS)):
        store.bulk_extend(chunk)  # bounded chunks: the bulk loader buffers what it is given
    store.flush()
    # Compact: each bulk-loaded chunk leaves files of its own (one per index) that every lookup
    # of a query seeks in; merged into one sorted run, the shipped queries answer about twice
    # as fast on a store of a thousand articles, for a second of compaction.
    store.optimize()
    return len(store)


CHUNK_QUADS = 50_000
GRAPH_DIGESTS = "kg-graphs.json"
"""A digest of each piece of the store (a named graph, or one subject's quads in a graph
split by subject), written once a write of the store is whole."""
DIGESTS_VERSION = 2
COMPACT_SHARE = 0.05
"""The share of the store's quads written since its last compaction past which an update
compacts it; below it RocksDB's own background compaction is left to merge the few files an
incremental write adds (see benchmarks/RESULTS.md)."""


def update_store(
    quads: Callable[[], Iterable[RdflibQuad]],
    store_dir: str | Path,
    *,
    by_subject: Collection[str] = (),
) -> int:
    """Make the store hold exactly the quads ``quads()`` yields, rewriting only the pieces
    whose digest changed (see ``update_graphs``); ``quads()`` must give each graph's quads
    together, as ``iter_quads`` does."""
    return update_graphs(lambda: _as_graphs(quads()), store_dir, by_subject=by_subject)


def update_graphs(
    graphs: Callable[[], Iterable[GraphQuads]],
    store_dir: str | Path,
    *,
    by_subject: Collection[str] = (),
) -> int:
    """Make the store hold exactly the graphs ``graphs()`` gives, rewriting only the pieces
    whose digest changed (one new article touches its own graph and a few subjects of the
    merged one, not the thousand other graphs); returns the number of quads stored.

    ``graphs()`` is called twice: to compare with the store, then to write. A graph with a
    fingerprint is digested by it: if the store holds it from the same fingerprint, its quads
    are not even made, and else only when written. Any other graph is digested by its quads,
    made once: of those, only the pieces that changed wait in memory to be written. The
    graphs named in ``by_subject`` are digested and written subject by subject: the store
    reads and writes back only the subjects that changed. Without digests (a new store, or a
    write that died) the store is rewritten whole.
    """
    path = Path(store_dir) / GRAPH_DIGESTS
    last = _read_digests(path, by_subject)
    path.unlink(missing_ok=True)  # a write that dies from here on leaves no digests behind
    digests: dict[str, str] = {}
    written = 0
    if last is None:
        digests.update(_digests(graphs(), by_subject))
        count = save_to_store((quad for graph in graphs() for quad in graph.quads()), store_dir)
    else:
        old, written = last
        changed: dict[str, list[RdflibQuad] | None] = {}
        """The pieces to write: their quads, or None for a graph to make again."""
        for graph in graphs():
            if graph.fingerprint is not None:
                key = f"<{graph.graph}>"
                digests[key] = graph.fingerprint
                if old.get(key) != graph.fingerprint:
                    changed[key] = None
                continue
            for key, piece in _pieces(graph.graph, list(graph.quads()), by_subject).items():
                digest = digests[key] = _digest(piece)
                if old.get(key) != digest:
                    changed[key] = piece
        store = open_store(store_dir)
        for key in old.keys() - digests.keys():
            written += _rewrite(store, key, [])
        for key, kept in changed.items():
            if kept is not None:
                written += _rewrite(store, key, kept)
        for graph in graphs():  # made now: only the fingerprinted graphs that changed
            if changed.get(key := f"<{graph.graph}>", ()) is None:
                written += _rewrite(store, key, list(graph.quads()))
        store.flush()
        count = len(store)
        if written > COMPACT_SHARE * count:
            store.optimize()  # compact what was written, as save_to_store does
            written = 0
    state = {
        "version": DIGESTS_VERSION,
        "by_subject": sorted(by_subject),
        "pieces": digests,
        "written": written,
    }
    path.write_text(json.dumps(state, sort_keys=True), encoding="utf-8")
    return count


def _as_graphs(quads: Iterable[RdflibQuad]) -> Iterator[GraphQuads]:
    """Each graph's quads, one graph at a time; a graph that comes back later is an error."""
    done: set[str] = set()
    name: object = None
    graph, run = "", list[RdflibQuad]()
    for quad in quads:
        if quad[3] is not name or not run:  # a stream gives one graph's name as one object
            name, key = quad[3], _graph_name(quad[3])
            if key != graph or not run:
                if run:
                    done.add(graph)
                    yield GraphQuads(graph, None, partial(list, run))
                if key in done:
                    raise ValueError(f"The quads of graph {key!r} do not come together")
                graph, run = key, []
        run.append(quad)
    if run:
        yield GraphQuads(graph, None, partial(list, run))


def _digests(graphs: Iterable[GraphQuads], by_subject: Collection[str]) -> dict[str, str]:
    """The digest of each piece of the graphs (a fingerprint where the graph has one)."""
    digests: dict[str, str] = {}
    for graph in graphs:
        if graph.fingerprint is not None:
            digests[f"<{graph.graph}>"] = graph.fingerprint
            continue
        for key, piece in _pieces(graph.graph, list(graph.quads()), by_subject).items():
            digests[key] = _digest(piece)
    return digests


def _pieces(
    graph: str, run: list[RdflibQuad], by_subject: Collection[str]
) -> dict[str, list[RdflibQuad]]:
    """A graph's quads as one piece (its key the graph's name), or one per subject (keyed
    ``<graph> <subject>``: no IRI holds a space) for the graphs split by subject."""
    if graph not in by_subject:
        return {f"<{graph}>": run}
    pieces: dict[str, list[RdflibQuad]] = {}
    for quad in run:
        pieces.setdefault(f"<{graph}> {_text(quad[0])}", []).append(quad)
    return pieces


def _digest(piece: list[RdflibQuad]) -> str:
    """A digest of a piece's quads in any order (their lines sorted); the same quad twice
    counts once, as in the store.

    >>> from rdflib import Literal, URIRef
    >>> q = [(URIRef(f"urn:{x}"), URIRef("urn:p"), Literal(x), None) for x in "ab"]
    >>> _digest(q) == _digest(q[::-1]) == _digest(q + q) != _digest(q[:1])
    True
    """
    lines = sorted({f"{_text(s)} {_text(p)} {_text(o)}" for s, p, o, _ in piece})
    return hashlib.blake2b("\n".join(lines).encode("utf-8"), digest_size=16).hexdigest()


def _text(term: Node) -> str:
    """A term as N-Triples writes it, less the escapes (enough to tell terms apart)."""
    if type(term) is URIRef:  # most terms, and isinstance on rdflib's terms costs
        return f"<{term}>"
    if isinstance(term, Literal):
        if term.language:
            return f'"{term}"@{term.language}'
        return f'"{term}"^^<{term.datatype or XSD_STRING}>'
    if isinstance(term, BNode):
        return f"_:{term}"
    return f"<{term}>"


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _rewrite(store: ox.Store, key: str, piece: list[RdflibQuad]) -> int:
    """Make the store's quads of one piece (``key``) those of ``piece``: the difference only is
    written; returns how many quads were removed and added."""
    graph, _, subject = key.partition(" ")
    name = quad_graph(graph[1:-1])
    node = _term(subject) if subject else None
    if not piece and node is None and not isinstance(name, ox.DefaultGraph):
        held_count = sum(1 for _ in store.quads_for_pattern(None, None, None, name))
        store.remove_graph(name)  # the graph's name goes too, as in a store built without it
        return held_count
    held = set(store.quads_for_pattern(node, None, None, name))
    fresh = set(to_ox_quads(piece))
    gone, new = held - fresh, fresh - held
    for quad in gone:
        store.remove(quad)
    store.extend(new)
    return len(gone) + len(new)


def _term(text: str) -> ox.NamedNode | ox.BlankNode:
    return ox.BlankNode(text[2:]) if text.startswith("_:") else ox.NamedNode(text[1:-1])


def _graph_name(graph: Node | None) -> str:
    """An rdflib graph name as text ("" for the default graph)."""
    name = to_ox_graph(graph)
    return "" if isinstance(name, ox.DefaultGraph) else str(name.value)


def quad_graph(key: str) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if key == "" else ox.NamedNode(key)


def _read_digests(path: Path, by_subject: Collection[str]) -> tuple[dict[str, str], int] | None:
    """The digests of the last write, if it split the same graphs by subject, and how many
    quads were written since the store was last compacted."""
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("version") != DIGESTS_VERSION:
        return None
    if state.get("by_subject") != sorted(by_subject):
        return None
    digests = state.get("pieces")
    if not isinstance(digests, dict) or not all(isinstance(v, str) for v in digests.values()):
        return None
    written = state.get("written")
    return digests, written if isinstance(written, int) else 0


SHARD_QUADS = 500_000
"""Quads per N-Quads shard of ``save_in_shards`` (some 100 MB of our N-Quads at most)."""


def save_in_shards(
    data: Dataset | Iterable[RdflibQuad], store_dir: str | Path, *, shard_quads: int = SHARD_QUADS
) -> int:
    """Replace the store's content with a dataset or a stream of quads, written to N-Quads
    shards of at most ``shard_quads`` quads in a temporary folder and bulk-loaded one by one
    (Oxigraph parses and indexes a file on all cores); returns the number of quads stored.

    >>> from rdflib import Literal, URIRef
    >>> quads = [(URIRef(f"urn:{x}"), URIRef("urn:p"), Literal(x), URIRef("urn:g")) for x in "ab"]
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     save_in_shards(quads, Path(folder) / "store", shard_quads=1)
    2
    """
    (Path(store_dir) / GRAPH_DIGESTS).unlink(missing_ok=True)
    store = open_store(store_dir)
    store.clear()
    quads = to_ox_quads(data)
    with tempfile.TemporaryDirectory(prefix="kg-shards-") as folder:
        for number in itertools.count():
            shard = list(itertools.islice(quads, shard_quads))
            if not shard:
                break
            path = Path(folder) / f"shard-{number:05d}.nq"
            ox.serialize(shard, output=str(path), format=ox.RdfFormat.N_QUADS)
            store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
            path.unlink()
    store.flush()
    store.optimize()  # compact, as save_to_store does
    return len(store)


def load_file(path: str | Path) -> ox.Store:
    """An RDF file in an in-memory store, so files are queried with the same engine."""
    path = Path(path)
    fmt = FILE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise StoreError(f"{path}: cannot tell the RDF format from the extension")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except (OSError, SyntaxError) as e:
        raise StoreError(f"{path}: cannot load: {e}") from e
    return store


def run_query(
    store: ox.Store, query: str, *, allow_service: bool = False, timeout: float | None = None
) -> QueryResult:
    """Run a SPARQL query over the union of all graphs.

    Args:
        store: the store to query.
        query: a SELECT, ASK, CONSTRUCT or DESCRIBE query (our prefixes are declared).
        allow_service: let ``SERVICE`` call other endpoints (refused by default, see
            ``kg.store.sparql``).
        timeout: seconds the query may run; then a ``QueryError``. pyoxigraph 0.5 cannot stop
            an evaluation: it goes on in a background thread until it ends or the process
            exits, as ``kg query`` then does.

    Raises:
        QueryError: the query does not parse, is refused, fails or runs out of time (one line).
    """
    if not allow_service:
        check_no_service(query)
    if timeout is None:
        return _evaluate(store, query)
    answer: Future[QueryResult] = Future()

    def evaluate() -> None:
        try:
            answer.set_result(_evaluate(store, query))
        except QueryError as e:  # anew: its traceback holds pyoxigraph objects of this thread
            answer.set_exception(QueryError(str(e)))
        except BaseException as e:
            answer.set_exception(e)

    threading.Thread(target=evaluate, name="kg-query", daemon=True).start()
    try:
        return answer.result(timeout=timeout)
    except FutureTimeout as e:
        raise QueryError(f"the query ran out of time ({timeout:g} s; see --timeout)") from e


def _evaluate(store: ox.Store, query: str) -> QueryResult:
    prefixes = {name: str(ns) for name, ns in PREFIXES.items()}
    try:
        answer = store.query(query, prefixes=prefixes, use_default_graph_as_union=True)
        if isinstance(answer, ox.QueryBoolean):
            results = {"head": {}, "boolean": bool(answer)}
            return QueryResult(
                ("ask",), ((str(bool(answer)).lower(),),), bool(answer), None, results
            )
        if isinstance(answer, ox.QuerySolutions):
            results = json.loads(answer.serialize(format=ox.QueryResultsFormat.JSON) or b"{}")
            columns = tuple(results["head"]["vars"])
            bindings = results["results"]["bindings"]
            rows = tuple(tuple(_plain(b.get(c)) for c in columns) for b in bindings)
            return QueryResult(columns, rows, results=results)
        if isinstance(answer, ox.QueryTriples):
            turtle = answer.serialize(format=ox.RdfFormat.TURTLE)
            return QueryResult(graph=turtle.decode("utf-8") if turtle else "")
    except SyntaxError as e:
        raise QueryError(f"the query does not parse: {_syntax_reason(str(e), query)}") from e
    except (OSError, RuntimeError) as e:
        raise QueryError(f"the query failed: {_one_line(str(e))}") from e
    raise ValueError(f"Unexpected SPARQL answer: {answer!r}")


def _plain(term: dict[str, Any] | None) -> str:
    """The value of a term of the JSON results (a quoted triple as ``<< s p o >>``)."""
    if term is None:
        return ""
    if term["type"] == "triple":
        parts = (term["value"][role] for role in ("subject", "predicate", "object"))
        return f"<< {' '.join(_plain(part) for part in parts)} >>"
    if term["type"] in ("uri", "literal", "bnode"):
        return str(term["value"])
    raise ValueError(f"Unexpected SPARQL result term: {term!r}")


def _syntax_reason(message: str, query: str) -> str:
    """Oxigraph's parse error in one line: an undeclared prefix named, an update said to be
    one, and no list of Unicode ranges.

    >>> _syntax_reason("error at 1:22: expected one of Prefix not found, [':'], ['A'..='Z']",
    ...                "SELECT * { ?s foo:bar ?o }")
    "error at 1:22: unknown prefix 'foo' (declare it with PREFIX foo: <...>)"
    """
    where = re.match(r"error at (\d+):(\d+): ", message)
    if is_update(query):
        return UPDATE_REFUSED
    if where is not None and "Prefix not found" in message:
        line, column = int(where[1]), int(where[2])
        before = (query.splitlines()[line - 1 : line] or [""])[0][: column - 1]
        name = re.search(r"([A-Za-z][\w.-]*)?:[\w.%\\-]*$", before)
        if name is not None:
            prefix = name[1] or ""
            return f"{where[0]}unknown prefix '{prefix}' (declare it with PREFIX {prefix}: <...>)"
        return f"{where[0]}unknown prefix"
    shortened = re.sub(r"\[[^\]]*\]", "", message)  # character classes: lines of ranges
    shortened = re.sub(r"(,\s*)+", ", ", _one_line(shortened)).strip(", ")
    return shortened if len(shortened) <= 200 else shortened[:199] + "…"


def _one_line(text: str) -> str:
    return " ".join(text.split())


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _cell(value: str) -> str:
    r"""A value on one line of a table: line breaks, tabs and other controls escaped.

    >>> _cell("one\ntwo\x1b[31m")
    'one\\ntwo\\x1b[31m'
    """
    return _CONTROL.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), value)


def format_result(result: QueryResult, fmt: str) -> str:
    """Render an answer as an aligned table (one line per row), CSV or the SPARQL 1.1 JSON
    results; a graph as Turtle.

    >>> print(format_result(QueryResult(("name",), (("Iraq",), ("Iran",))), "table"))
    name
    ----
    Iraq
    Iran
    """
    if result.graph is not None:
        if fmt not in {"turtle", "table"}:
            raise QueryError("a CONSTRUCT or DESCRIBE answer is a graph: use --format turtle")
        return result.graph.rstrip("\n")
    if fmt == "turtle":
        raise QueryError("a SELECT or ASK answer is a table: use table, csv or json")
    if fmt == "json":
        if result.results is None:
            raise ValueError("Unexpected result without its SPARQL JSON results")
        return json.dumps(result.results, indent=2, ensure_ascii=False)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(result.rows)
        return out.getvalue().rstrip("\n")
    if fmt == "table":
        rows = [tuple(_cell(value) for value in row) for row in result.rows]
        widths = [max([len(c), *(len(r[i]) for r in rows)]) for i, c in enumerate(result.columns)]
        lines = [
            "  ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=True)).rstrip()
        ]
        lines.append("  ".join("-" * w for w in widths))
        lines += [
            "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in rows
        ]
        return "\n".join(lines)
    raise ValueError(f"Unexpected result format: {fmt!r}")


STATS_QUERY = """
SELECT
  (COUNT(DISTINCT ?doc) AS ?documents) (COUNT(DISTINCT ?person) AS ?people)
  (COUNT(DISTINCT ?org) AS ?organizations) (COUNT(DISTINCT ?place) AS ?places)
  (COUNT(DISTINCT ?event) AS ?events)
WHERE {
  { ?doc a schema:NewsArticle } UNION { ?person a schema:Person }
  UNION { ?org a schema:Organization } UNION { ?place a schema:Place }
  UNION { ?event a schema:Event FILTER NOT EXISTS { ?event a kgo:Statement } }
}
"""
"""Events are counted without statements, as `kg build` reports them and the scorer scores them."""


DOCUMENTS_QUERY = """
SELECT DISTINCT ?id ?headline ?published WHERE {
  ?doc a schema:NewsArticle ; schema:identifier ?id .
  OPTIONAL { ?doc schema:headline ?headline }
  OPTIONAL { ?doc schema:datePublished ?published }
}
ORDER BY ?id
"""
"""The documents a graph holds: identifier, headline and publication date (as ``kg documents``
lists them)."""


TRIPLES_QUERY = "SELECT (COUNT(*) AS ?triples) WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"
"""Distinct triples: one stated in two named graphs counts once, as in a Turtle export."""


def graph_stats(store: ox.Store) -> dict[str, int]:
    """How many documents, people, organizations, places, events and triples the graph holds."""
    result = run_query(store, STATS_QUERY)
    stats = {
        column: int(value) for column, value in zip(result.columns, result.rows[0], strict=True)
    }
    stats["triples"] = int(run_query(store, TRIPLES_QUERY).rows[0][0])
    return stats
