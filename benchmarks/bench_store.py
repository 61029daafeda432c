"""Store benchmark: Oxigraph (in memory, on disk) against rdflib's in-memory Graph and SPARQL.

How to run it (from the repository root, after ``make demo`` or ``make test``)::

    .venv/bin/python benchmarks/bench_store.py          # default sizes: ~1.5 min, 1.5 GB peak
    .venv/bin/python benchmarks/bench_store.py --quick  # 100 k + 20 k triples: ~15 s
    .venv/bin/python benchmarks/bench_store.py --triples 500000 --sample-triples 50000

It measures, in one run, on two graphs in our vocabulary (see ontology/kgo.ttl):

1. the sample corpus scaled up: ``examples/corpus`` and ``tests/articles`` built once with
   ``kg.pipeline.build_dataset`` (the real spaCy pipeline), then the union of its named graphs
   replicated with every IRI of ours suffixed per copy (``...-c3``) to reach
   ``--sample-triples`` (default ~100 k);
2. a synthetic news graph of ``--triples`` triples (default 1 M) generated reproducibly
   (``--seed``): places, organizations, people with posts, articles with sentences, mentions
   and reified facts with evidence, events with participants;

for three stores: (a) a pyoxigraph in-memory ``Store``, (b) a pyoxigraph on-disk ``Store``
filled with ``bulk_load``, (c) an rdflib in-memory ``Graph`` queried with rdflib's own SPARQL
engine. Each graph is written once as N-Triples and loaded from that file by each store. The
same three queries (written as a user would write them) run on each store: all persons with
their labels; a 2-hop join (people, the posts they hold, the organization and its location);
events with their participants. Oxigraph times are the median of 3 runs; rdflib runs each
query once in a forked child process and gives up after ``--timeout`` seconds ("> 60 s").
Row counts are printed so one can see that the engines agree.

The last line is ``load_ratio=<x> query_ratio=<y>``: rdflib time / Oxigraph in-memory time,
geometric means over both graphs (load) and over every query of both graphs (query); a query
rdflib did not finish counts at the timeout, so the ratio is then a lower bound.
Results of a run are kept in benchmarks/RESULTS_store.md.

``--queries`` measures instead every file of ``queries/`` on a store of the real graph's
shape: ``bench_build.py``'s generated corpus at ``--words`` words (1,100 articles, ~410 k
quads at the default 300 k; building it takes a minute or two) built with ``kg build``'s
pipeline, or the store given with ``--query-store`` (built there first if missing, so a
second run reuses it). Each query runs through ``kg.store.store.run_query`` (the engine and
options ``kg query`` uses; article.rq asks about the store's first article), median of 3
runs (one when it takes over 5 s, ``--timeout`` at most); one line per query (wall and CPU
seconds: on shared cores the CPU time moves less), then ``queries_max_s=<x>`` (wall)::

    .venv/bin/python benchmarks/bench_store.py --queries --words 60000   # ~30 s
    .venv/bin/python benchmarks/bench_store.py --queries --query-store /tmp/q-store
"""

from __future__ import annotations

import argparse
import gc
import math
import multiprocessing as mp
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TextIO, TypeVar

import pyoxigraph as ox
import rdflib

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://w3id.org/newskg/id/"

SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
KGO = "https://w3id.org/newskg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
XSD = "http://www.w3.org/2001/XMLSchema#"

PREFIXES = """\
PREFIX schema: <https://schema.org/>
PREFIX org:    <http://www.w3.org/ns/org#>
PREFIX rdfs:   <http://www.w3.org/2000/01/rdf-schema#>
PREFIX kgo:    <https://w3id.org/newskg/ontology#>
"""

QUERIES: dict[str, str] = {
    "persons": PREFIXES
    + """
SELECT ?person ?name WHERE { ?person a schema:Person ; rdfs:label ?name }""",
    "2-hop": PREFIXES
    + """
SELECT ?name ?title ?orgName ?placeName WHERE {
  ?person a schema:Person ; rdfs:label ?name ; org:holds ?post .
  ?post rdfs:label ?title ; org:postIn ?org .
  ?org rdfs:label ?orgName ; schema:location ?place .
  ?place rdfs:label ?placeName .
}""",
    "events": PREFIXES
    + """
SELECT ?event ?label ?who ?name WHERE {
  ?event a schema:Event ; rdfs:label ?label ;
         kgo:participant|kgo:agent|kgo:target ?who .
  ?who rdfs:label ?name .
}""",
}
"""What each store is asked; the names are the table's column heads."""


# --- the two graphs ---------------------------------------------------------------------


def iri(local: str) -> str:
    return f"<{BASE}{local}>"


def lit(text: str, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    escaped = escaped.replace("\r", "\\r")
    return f'"{escaped}"' if datatype is None else f'"{escaped}"^^<{datatype}>'


def sample_ntriples(target: int, out: Path) -> tuple[int, int, int]:
    """The sample corpus built once and replicated to about ``target`` triples.

    Returns (triples written, triples in one copy, copies).
    """
    from kg.config import Settings
    from kg.extract.nlp import extract_documents, make_nlp
    from kg.pipeline import build_dataset
    from kg.read.documents import read_documents

    paths = [ROOT / "examples" / "corpus", ROOT / "tests" / "articles"]
    settings = Settings()
    documents = read_documents(paths, on_error=lambda e: print(f"  skipped: {e}", file=sys.stderr))
    extractions = extract_documents(documents, make_nlp(settings), settings=settings)
    _, ds = build_dataset(extractions, settings=settings)
    union = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    lines = sorted({line for line in union.serialize(format="nt").splitlines() if line.strip()})
    copies = max(1, round(target / len(lines)))
    ours = re.compile(r"<(" + re.escape(BASE) + r"[^>]*)>")
    written: set[str] = set()
    for k in range(copies):
        suffix = f"-c{k}"
        written.update(ours.sub(rf"<\1{suffix}>", line) for line in lines)
    out.write_text("\n".join(sorted(written)) + "\n", encoding="utf-8")
    return len(written), len(lines), copies


FIRST = ["Ali", "Maria", "Jens", "Layla", "Kenji", "Helena", "Daniel", "Clara", "Saad", "Elena"]
LAST = ["Shamkhani", "Lindqvist", "Albrecht", "Aziz", "Harada", "Duarte", "Ochieng", "Keita"]
ORG_WORDS = ["National", "Security", "Council", "Ministry", "Energy", "Party", "Agency", "Bank"]
TITLES = ["Secretary", "Minister", "Chairman", "Director", "Spokesman", "Head", "Deputy Head"]
EVENT_CLASSES = [
    ("Meeting", None),
    ("Meeting", "Summit"),
    ("Attack", "AirStrike"),
    ("Attack", "Bombing"),
    ("Legislation", "Vote"),
    ("Election", None),
    ("Statement", None),
]


@dataclass
class Writer:
    """N-Triples lines to a file, counted."""

    file: TextIO
    count: int = 0

    def add(self, s: str, p: str, o: str) -> None:
        self.file.write(f"{s} <{p}> {o} .\n")
        self.count += 1


def synthetic_ntriples(target: int, out: Path, seed: int) -> int:
    """A reproducible news-like graph of about ``target`` triples; returns the count."""
    rnd = random.Random(seed)
    scale = target / 1_000_000
    n_places = max(20, int(2_000 * scale))
    n_orgs = max(20, int(8_000 * scale))
    n_people = max(50, int(40_000 * scale))
    n_events = max(20, int(10_000 * scale))
    with out.open("w", encoding="utf-8") as f:
        w = Writer(f)
        places = [iri(f"place/p{i}") for i in range(n_places)]
        countries = places[: max(5, n_places // 10)]
        for i, p in enumerate(places):
            w.add(p, RDF_TYPE, f"<{SCHEMA}Place>")
            kind = "Country" if i < len(countries) else "City"
            w.add(p, RDF_TYPE, f"<{SCHEMA}{kind}>")
            w.add(p, RDFS_LABEL, lit(f"Place {i}"))
            if kind == "City":
                w.add(p, f"{SCHEMA}containedInPlace", rnd.choice(countries))
        orgs = [iri(f"organization/o{i}") for i in range(n_orgs)]
        for i, o in enumerate(orgs):
            w.add(o, RDF_TYPE, f"<{SCHEMA}Organization>")
            name = " ".join(rnd.sample(ORG_WORDS, 3))
            w.add(o, RDFS_LABEL, lit(f"{name} {i}"))
            if rnd.random() < 0.5:
                w.add(o, SKOS_ALT, lit("".join(word[0] for word in name.split()) + str(i)))
            if rnd.random() < 0.8:
                w.add(o, f"{SCHEMA}location", rnd.choice(places))
            if rnd.random() < 0.1:
                w.add(o, f"{ORG}subOrganizationOf", rnd.choice(orgs))
        people = [iri(f"person/h{i}") for i in range(n_people)]
        holdings: list[tuple[str, str, str]] = []
        for i, h in enumerate(people):
            first, last = rnd.choice(FIRST), rnd.choice(LAST)
            w.add(h, RDF_TYPE, f"<{SCHEMA}Person>")
            w.add(h, RDFS_LABEL, lit(f"{first} {last} {i}"))
            w.add(h, SKOS_ALT, lit(f"{last} {i}"))
            if rnd.random() < 0.5:
                w.add(h, f"{SCHEMA}nationality", rnd.choice(countries))
            if rnd.random() < 0.2:
                org, title = rnd.choice(orgs), rnd.choice(TITLES)
                post = iri(f"post/{org[len(BASE) + 1 : -1]}/{title.lower().replace(' ', '-')}")
                w.add(h, f"{ORG}holds", post)
                w.add(h, f"{ORG}memberOf", org)
                holdings.append((h, post, org))
        posts = {post: (org, post.rsplit("/", 1)[1][:-1]) for _, post, org in holdings}
        for post, (org, title) in posts.items():
            w.add(post, RDF_TYPE, f"<{ORG}Post>")
            w.add(post, RDFS_LABEL, lit(title.replace("-", " ").title()))
            w.add(post, f"{ORG}postIn", org)
        actors = people + orgs
        events = [iri(f"event/e{i}") for i in range(n_events)]
        event_docs: dict[str, list[str]] = {}
        for i, e in enumerate(events):
            base, fine = rnd.choice(EVENT_CLASSES)
            w.add(e, RDF_TYPE, f"<{SCHEMA}Event>")
            w.add(e, RDF_TYPE, f"<{KGO}{base}>")
            if fine:
                w.add(e, RDF_TYPE, f"<{KGO}{fine}>")
            w.add(e, RDFS_LABEL, lit(f"{fine or base} {i}"))
            role = {"Attack": "target", "Statement": "agent"}.get(base, "participant")
            if base in ("Attack", "Legislation", "Statement"):
                w.add(e, f"{KGO}agent", rnd.choice(actors))
            if base != "Statement":
                for who in rnd.sample(actors, rnd.randint(1, 3)):
                    w.add(e, f"{KGO}{role}", who)
                w.add(e, f"{SCHEMA}location", rnd.choice(places))
            if rnd.random() < 0.7:
                day = rnd.randint(0, 3000)
                y, m, d = 2016 + day // 365, 1 + (day // 30) % 12, 1 + day % 28
                w.add(e, f"{SCHEMA}startDate", lit(f"{y}-{m:02}-{d:02}", XSD + "date"))
            event_docs[e] = []
        derived: set[tuple[str, str]] = set()
        popular = people[: max(10, n_people // 20)] + orgs[: max(10, n_orgs // 20)]
        everyone = people + orgs + places
        a = 0
        while w.count < target:
            doc = iri(f"doc/a{a}.txt")
            w.add(doc, RDF_TYPE, f"<{SCHEMA}NewsArticle>")
            w.add(doc, f"{SCHEMA}identifier", lit(f"a{a}.txt"))
            w.add(doc, f"{SCHEMA}headline", lit(f"Headline of article {a}"))
            w.add(doc, f"{SCHEMA}datePublished", lit(f"2021-{1 + a % 12:02}-01", XSD + "date"))
            w.add(doc, f"{SCHEMA}publisher", rnd.choice(orgs[:50]))
            w.add(doc, f"{KGO}contentHash", lit(f"{rnd.getrandbits(256):064x}"))
            sentences = []
            offset = 0
            for s in range(rnd.randint(6, 14)):
                sent = iri(f"doc/a{a}.txt/sentence/{s}")
                text = f"Sentence {s} of article {a} says something about the news."
                w.add(sent, RDF_TYPE, f"<{KGO}Sentence>")
                w.add(sent, f"{SCHEMA}isPartOf", doc)
                w.add(sent, f"{SCHEMA}text", lit(text))
                w.add(sent, f"{SCHEMA}position", lit(str(s), XSD + "nonNegativeInteger"))
                w.add(sent, f"{KGO}beginIndex", lit(str(offset), XSD + "nonNegativeInteger"))
                w.add(
                    sent, f"{KGO}endIndex", lit(str(offset + len(text)), XSD + "nonNegativeInteger")
                )
                sentences.append((sent, offset))
                offset += len(text) + 1
            spans: set[int] = set()
            for _ in range(rnd.randint(8, 20)):
                entity = rnd.choice(popular if rnd.random() < 0.5 else everyone)
                sent, start = rnd.choice(sentences)
                start += rnd.randint(0, 30)
                if start in spans:
                    continue
                spans.add(start)
                mention = iri(f"doc/a{a}.txt/mention/{start}-{start + 12}")
                w.add(mention, RDF_TYPE, f"<{KGO}Mention>")
                w.add(mention, f"{KGO}anchorOf", lit("Name of thing"))
                w.add(mention, f"{KGO}beginIndex", lit(str(start), XSD + "nonNegativeInteger"))
                w.add(mention, f"{KGO}endIndex", lit(str(start + 12), XSD + "nonNegativeInteger"))
                w.add(mention, f"{KGO}sentence", sent)
                w.add(mention, f"{KGO}denotes", entity)
                if (entity, doc) not in derived:
                    derived.add((entity, doc))
                    w.add(entity, f"{PROV}wasDerivedFrom", doc)
            for _ in range(rnd.randint(0, 3)):
                if not holdings:
                    break
                h, post, _org = rnd.choice(holdings)
                fact = iri(f"doc/a{a}.txt/statement/{rnd.getrandbits(64):016x}")
                w.add(fact, RDF_TYPE, f"<{RDF}Statement>")
                w.add(fact, f"{RDF}subject", h)
                w.add(fact, f"{RDF}predicate", f"<{ORG}holds>")
                w.add(fact, f"{RDF}object", post)
                w.add(fact, f"{PROV}wasDerivedFrom", doc)
                w.add(fact, f"{KGO}evidence", rnd.choice(sentences)[0])
            for e in rnd.sample(events, min(len(events), rnd.randint(1, 2))):
                w.add(e, f"{PROV}wasDerivedFrom", doc)
                w.add(e, f"{KGO}evidence", rnd.choice(sentences)[0])
            a += 1
        return w.count


# --- measuring ----------------------------------------------------------------------------


def rss_gb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024**2
    return float("nan")


@dataclass
class Timing:
    seconds: float | None  # None: gave up at the timeout
    rows: int | None = None
    cpu: float | None = None  # CPU seconds of the process, steadier than wall on shared cores

    def cell(self, timeout: float) -> str:
        if self.seconds is None:
            return f"> {timeout:g} s"
        rows = f" ({self.rows:,})" if self.rows is not None else ""
        cpu = f", CPU {duration(self.cpu)}" if self.cpu is not None else ""
        return f"{duration(self.seconds)}{rows}{cpu}"


def duration(seconds: float) -> str:
    """A time with three significant digits: 0.412 ms, 41.2 ms, 4.12 s, 412 s."""
    value, unit = (seconds * 1000, "ms") if seconds < 1 else (seconds, "s")
    digits = max(0, 2 - math.floor(math.log10(value))) if value > 0 else 0
    return f"{value:.{digits}f} {unit}"


@dataclass
class Result:
    graph: str
    store: str
    triples: int
    load: Timing
    rss: float
    queries: dict[str, Timing] = field(default_factory=dict)


T = TypeVar("T")


def timed(fn: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def count_rows(store: ox.Store, query: str) -> int:
    """Run a SELECT query and read every solution."""
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    return sum(1 for _ in solutions)


def oxigraph_queries(store: ox.Store) -> dict[str, Timing]:
    out = {}
    for name, query in QUERIES.items():
        runs = [timed(partial(count_rows, store, query)) for _ in range(3)]
        out[name] = Timing(statistics.median(t for t, _ in runs), runs[0][1])
    return out


def _rdflib_child(graph: rdflib.Graph, query: str, conn) -> None:
    seconds, rows = timed(lambda: sum(1 for _ in graph.query(query)))
    conn.send((seconds, rows))
    conn.close()


def rdflib_query(graph: rdflib.Graph, query: str, timeout: float) -> Timing:
    """One query in a forked child (it shares the loaded graph), abandoned at the timeout."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_rdflib_child, args=(graph, query, child))
    proc.start()
    child.close()
    if parent.poll(timeout):
        seconds, rows = parent.recv()
        proc.join()
        return Timing(seconds, rows)
    proc.kill()
    proc.join()
    return Timing(None)


def bench_oxigraph(label: str, nt: Path, triples: int, folder: str | None) -> Result:
    """Load into a pyoxigraph store (in memory, or on disk in ``folder``) and query it."""
    gc.collect()
    before = rss_gb()
    store = ox.Store(folder) if folder is not None else ox.Store()

    def load() -> None:
        store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
        store.flush()

    seconds, _ = timed(load)
    rss = rss_gb() - before
    assert len(store) == triples, (len(store), triples)
    name = "oxigraph disk" if folder is not None else "oxigraph memory"
    return Result(label, name, triples, Timing(seconds), rss, oxigraph_queries(store))


def bench_rdflib(label: str, nt: Path, triples: int, timeout: float) -> Result:
    """Load into an rdflib in-memory Graph and query it with rdflib's SPARQL engine."""
    gc.collect()
    before = rss_gb()
    graph = rdflib.Graph()
    seconds, _ = timed(lambda: graph.parse(str(nt), format="nt"))
    rss = rss_gb() - before
    assert len(graph) == triples, (len(graph), triples)
    result = Result(label, "rdflib memory", triples, Timing(seconds), rss)
    for name, query in QUERIES.items():
        result.queries[name] = rdflib_query(graph, query, timeout)
        print(f"    rdflib {name}: {result.queries[name].cell(timeout)}", flush=True)
    return result


def bench_graph(label: str, nt: Path, triples: int, timeout: float) -> list[Result]:
    """The three stores on one graph, one after the other (one store in memory at a time)."""
    print(f"  {label}: Oxigraph in memory ...", flush=True)
    results = [bench_oxigraph(label, nt, triples, None)]
    print(f"  {label}: Oxigraph on disk ...", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-ox-") as folder:
        results.append(bench_oxigraph(label, nt, triples, folder))
        gc.collect()
    print(f"  {label}: rdflib in memory ...", flush=True)
    results.append(bench_rdflib(label, nt, triples, timeout))
    gc.collect()
    return results


# --- report ---------------------------------------------------------------------------------


def ratio(slow: Timing, fast: Timing, timeout: float) -> tuple[float, bool]:
    """rdflib / Oxigraph, and whether it is only a lower bound (rdflib timed out)."""
    assert fast.seconds is not None
    seconds = timeout if slow.seconds is None else slow.seconds
    return seconds / max(fast.seconds, 1e-6), slow.seconds is None


def geomean(values: list[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values))


def report(results: list[Result], timeout: float) -> tuple[float, float, bool]:
    heads = ["graph", "triples", "store", "load", "RSS +GB", *(f"{q} (rows)" for q in QUERIES)]
    table = [
        [
            r.graph,
            f"{r.triples:,}",
            r.store,
            r.load.cell(timeout),
            f"{max(r.rss, 0.0):.2f}",
            *(r.queries[q].cell(timeout) for q in QUERIES),
        ]
        for r in results
    ]
    load_ratios, query_ratios, bound, disagree = [], [], False, []
    for graph in dict.fromkeys(r.graph for r in results):
        by_store = {r.store: r for r in results if r.graph == graph}
        ox_mem, rdf = by_store["oxigraph memory"], by_store["rdflib memory"]
        lr, _ = ratio(rdf.load, ox_mem.load, timeout)
        load_ratios.append(lr)
        cells = []
        for q in QUERIES:
            counts: set[int] = set()
            for r in by_store.values():
                rows = r.queries[q].rows
                if rows is not None:
                    counts.add(rows)
            if len(counts) > 1:
                disagree.append(f"{graph} {q}: {sorted(counts)}")
            qr, lower = ratio(rdf.queries[q], ox_mem.queries[q], timeout)
            query_ratios.append(qr)
            bound |= lower
            cells.append(f"{'>= ' if lower else ''}{qr:,.1f}x")
        table.append([graph, "", "rdflib / ox memory", f"{lr:,.1f}x", "", *cells])
    widths = [max(len(h), *(len(row[i]) for row in table)) for i, h in enumerate(heads)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in table:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
    print()
    if disagree:
        print("ROW COUNTS DIFFER between stores: " + "; ".join(disagree))
    else:
        print("Every store gave the same number of rows for every query it finished.")
    return geomean(load_ratios), geomean(query_ratios), bound


# --- the shipped queries on a store of the real graph's shape --------------------------


CORPUS_SEED = 7
"""The seed bench_incremental.py generates its corpus with (1,100 articles at 300 k words)."""


def build_news_store(store: Path, words: int) -> int:
    """``bench_build.py``'s generated corpus of about ``words`` words built into ``store``."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_build import generate_corpus

    from kg.config import Settings
    from kg.pipeline import run_build

    with tempfile.TemporaryDirectory(prefix="bench-store-corpus-") as folder:
        generate_corpus(Path(folder), words, seed=CORPUS_SEED)
        report = run_build([Path(folder)], settings=Settings(), store=store)
    return report.documents


SHIPPED_ARTICLE = "iraq_gas_plant_drone_attack.txt"
"""The file article.rq asks about; the generated store has none, so its first article is asked."""


def first_article(store: ox.Store) -> str:
    """The store's first file name, which article.rq is asked about instead of the shipped one."""
    from kg.store.store import run_query

    rows = run_query(store, "SELECT (MIN(?f) AS ?f) WHERE { ?d schema:identifier ?f }").rows
    return rows[0][0]


def time_query_file(store: ox.Store, path: Path, article: str, timeout: float) -> Timing:
    """Median of 3 runs of a query file (one run if it takes over 5 s), rows read; article.rq
    asks about ``article``."""
    from kg.errors import QueryError
    from kg.store.store import run_query

    text = path.read_text(encoding="utf-8").replace(SHIPPED_ARTICLE, article)
    runs: list[tuple[float, float, int]] = []
    while len(runs) < 3 and (not runs or runs[0][0] <= 5.0):
        cpu = time.process_time()
        try:
            seconds, result = timed(lambda: run_query(store, text, timeout=timeout))
        except QueryError:
            return Timing(None)
        runs.append((seconds, time.process_time() - cpu, len(result.rows)))
    return Timing(
        statistics.median(t for t, _, _ in runs),
        runs[0][2],
        statistics.median(c for _, c, _ in runs),
    )


def bench_query_files(args: argparse.Namespace) -> None:
    from kg.store.store import open_store

    with tempfile.TemporaryDirectory(prefix="bench-store-q-") as folder:
        path = args.query_store or Path(folder) / "store"
        if not path.exists():
            print(f"Building the generated corpus ({args.words:,} words) into {path} ...")
            seconds, documents = timed(lambda: build_news_store(path, args.words))
            print(f"  {documents:,} articles ({seconds:.0f} s)", flush=True)
        store = open_store(path, read_only=True)
        print(f"Store {path}: {len(store):,} quads; median of 3 runs per query")
        slowest, article = 0.0, first_article(store)
        for file in sorted((ROOT / "queries").glob("*.rq")):
            timing = time_query_file(store, file, article, args.timeout)
            print(f"  {file.name:22} {timing.cell(args.timeout)}", flush=True)
            slowest = max(slowest, args.timeout if timing.seconds is None else timing.seconds)
    print(f"queries_max_s={slowest:.2f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="synthetic graph size")
    parser.add_argument(
        "--sample-triples", type=int, default=100_000, help="size of the scaled sample corpus"
    )
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per rdflib query")
    parser.add_argument("--seed", type=int, default=20240901, help="seed of the synthetic graph")
    parser.add_argument(
        "--quick", action="store_true", help="small sizes (100 k and 20 k triples, 10 s timeout)"
    )
    parser.add_argument(
        "--queries", action="store_true", help="time queries/*.rq on a generated news store"
    )
    parser.add_argument("--words", type=int, default=300_000, help="--queries: corpus words")
    parser.add_argument("--query-store", type=Path, help="--queries: store to use (or build)")
    args = parser.parse_args(argv)
    if args.queries:
        bench_query_files(args)
        return
    if args.quick:
        args.triples, args.sample_triples, args.timeout = 100_000, 20_000, 10.0
    started = time.perf_counter()
    print(
        f"pyoxigraph {ox.__version__}, rdflib {rdflib.__version__}, Python {sys.version.split()[0]}"
    )
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="bench-store-") as folder:
        sample = Path(folder) / "sample.nt"
        print("Building the sample corpus (examples/corpus + tests/articles) ...", flush=True)
        seconds, (n_sample, one, copies) = timed(
            lambda: sample_ntriples(args.sample_triples, sample)
        )
        print(f"  {one:,} triples per copy x {copies} copies = {n_sample:,} ({seconds:.1f} s)")
        results += bench_graph(f"sample x{copies}", sample, n_sample, args.timeout)
        sample.unlink()

        synthetic = Path(folder) / "synthetic.nt"
        print(f"Generating the synthetic graph (seed {args.seed}) ...", flush=True)
        seconds, n_syn = timed(lambda: synthetic_ntriples(args.triples, synthetic, args.seed))
        print(f"  {n_syn:,} triples ({seconds:.1f} s)")
        results += bench_graph("synthetic", synthetic, n_syn, args.timeout)

    print()
    print(f"Median of 3 runs for Oxigraph, one run for rdflib (timeout {args.timeout:g} s).")
    load_ratio, query_ratio, bound = report(results, args.timeout)
    print()
    note = " (a lower bound: rdflib timed out on some query)" if bound else ""
    print(f"Total run time {time.perf_counter() - started:.0f} s.{note}")
    print(f"load_ratio={load_ratio:.1f} query_ratio={query_ratio:.1f}")


if __name__ == "__main__":
    main()
