"""The graph in Oxigraph: an embedded on-disk store, files opened as in-memory stores, SPARQL.

Queries always run on Oxigraph's own engine (see PERF_NOTES: rdflib's planner does not scale),
with the default graph as the union of the named graphs and our prefixes predeclared.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from kg.errors import QueryError, StoreError
from kg.graph.convert import RdflibQuad, to_ox_quads
from kg.graph.vocab import PREFIXES

FILE_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
}
RESULT_FORMATS = ("table", "csv", "json", "turtle")
INCOMPLETE = "BUILD-INCOMPLETE"
"""A file in the store's folder while a build rewrites the store: a build that dies leaves it."""


@dataclass(frozen=True)
class QueryResult:
    """A SPARQL answer as plain values: column names and rows of strings, a boolean (ASK), or
    the Turtle text of a graph (CONSTRUCT, DESCRIBE)."""

    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    boolean: bool | None = None
    graph: str | None = None


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
    except OSError as e:
        raise StoreError(f"{path}: cannot open the store: {e}") from e


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
    store = open_store(store_dir)
    store.clear()
    quads = to_ox_quads(data)
    while chunk := list(itertools.islice(quads, CHUNK_QUADS)):
        store.bulk_extend(chunk)  # bounded chunks: the bulk loader buffers what it is given
    store.flush()
    return len(store)


CHUNK_QUADS = 50_000


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


def run_query(store: ox.Store, query: str) -> QueryResult:
    """Run a SPARQL query over the union of all graphs."""
    prefixes = {name: str(ns) for name, ns in PREFIXES.items()}
    try:
        answer = store.query(query, prefixes=prefixes, use_default_graph_as_union=True)
    except SyntaxError as e:
        raise QueryError(f"the query does not parse: {e}") from e
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(("ask",), ((str(bool(answer)).lower(),),), boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        columns = tuple(v.value for v in answer.variables)
        rows = tuple(tuple(_plain(solution[c]) for c in columns) for solution in answer)
        return QueryResult(columns, rows)
    if isinstance(answer, ox.QueryTriples):
        turtle = answer.serialize(format=ox.RdfFormat.TURTLE)
        return QueryResult(graph=turtle.decode("utf-8") if turtle else "")
    raise ValueError(f"Unexpected SPARQL answer: {answer!r}")


def _plain(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode):
        return term.value
    raise ValueError(f"Unexpected SPARQL result term: {term!r}")


def format_result(result: QueryResult, fmt: str) -> str:
    """Render an answer as an aligned table, CSV or JSON records; a graph as Turtle.

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
        return json.dumps(
            [dict(zip(result.columns, row, strict=True)) for row in result.rows], indent=2
        )
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(result.rows)
        return out.getvalue().rstrip("\n")
    if fmt == "table":
        widths = [
            max([len(c), *(len(r[i]) for r in result.rows)]) for i, c in enumerate(result.columns)
        ]
        lines = [
            "  ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=True)).rstrip()
        ]
        lines.append("  ".join("-" * w for w in widths))
        lines += [
            "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip()
            for row in result.rows
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
