"""The command line: each command calls one library function and reports what it did."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
import pyoxigraph as ox

from kg import __version__
from kg.config import (
    DEFAULT_BASE_IRI,
    DEFAULT_MODEL,
    ENGINES,
    OPS,
    Engine,
    Ops,
    Settings,
    check_base_iri,
)
from kg.draw.export import NETWORK_FORMATS, export_network
from kg.draw.export import SUFFIXES as NETWORK_SUFFIXES
from kg.draw.network import NODE_TYPES, View, node_types
from kg.errors import InputError, KgError
from kg.graph.export import check_output
from kg.pipeline import BuildReport, remove_documents, run_build
from kg.store.store import (
    DEFAULT_TIMEOUT,
    DOCUMENTS_QUERY,
    RESULT_FORMATS,
    TABLE_FORMATS,
    format_result,
    graph_stats,
    load_file,
    open_store,
    run_query,
)

EXIT_SKIPPED_INPUT = 3
T = TypeVar("T")


class KgGroup(click.Group):
    """Turns library errors into one clear line and exit status 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KgError as e:
            raise click.ClickException(str(e)) from e


def store_option(help_text: str, *, required: bool = False, exists: bool = False) -> Any:
    """The ``--store DIR`` option every command that reads or writes a store shares."""
    return click.option(
        "--store",
        required=required,
        type=click.Path(file_okay=False, exists=exists, path_type=Path),
        help=help_text,
    )


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """Build one clean, deduplicated, traceable RDF knowledge graph from news articles,
    then query it with SPARQL.

    \b
    kg build examples/corpus -o out/graph.ttl --store out/store
    kg query --store out/store 'SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name }'
    kg stats --store out/store
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    callback=lambda ctx, param, value: value and _checked(check_output, value),
    help="RDF file to write; format from the extension (.ttl .nt .nq .trig .jsonld .rdf).",
)
@store_option("Directory of the embedded Oxigraph store to fill (created if missing).")
@click.option(
    "--model",
    default=DEFAULT_MODEL,
    show_default=True,
    help="spaCy pipeline to use (an installed package name or a path).",
)
@click.option(
    "--batch-size",
    default=32,
    show_default=True,
    type=click.IntRange(min=1),
    help="Documents per nlp.pipe batch.",
)
@click.option(
    "--n-process",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="spaCy worker processes.",
)
@click.option(
    "--base-iri",
    default=DEFAULT_BASE_IRI,
    show_default=True,
    callback=lambda ctx, param, value: _checked(check_base_iri, value),
    help="Namespace for the IRIs of entities, documents and events (ends in / or #).",
)
@click.option(
    "--prune",
    is_flag=True,
    help="Drop from the store the documents that are not under PATHS.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="Where spaCy reads: here, or on Ray Data (pip install 'kg[ray]').",
)
@click.option(
    "--ray-address",
    metavar="ADDRESS",
    help="With --engine ray: an existing Ray cluster ('auto' on its head node); "
    "by default a local Ray instance for this build.",
)
@click.option(
    "--ops",
    type=click.Choice(OPS),
    default="openblas",
    show_default=True,
    help="Matrix products for spaCy: numpy's OpenBLAS (faster here) or BLIS (spaCy's default).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def build(
    paths: tuple[Path, ...],
    output: Path | None,
    store: Path | None,
    model: str,
    batch_size: int,
    n_process: int,
    base_iri: str,
    prune: bool,
    engine: Engine,
    ray_address: str | None,
    ops: Ops,
    quiet: bool,
) -> None:
    """Build the graph of the articles in PATHS (files or folders of .txt, .md, .jsonl, .html).

    With --store the build is incremental: spaCy reads only new or changed documents, the
    documents the store already holds stay (unless --prune), and the store ends up equal to a
    build from scratch of all of them. Unreadable input is reported, one line per file (and
    line), and skipped; the exit status is then 3. Give -o, --store or both.
    """
    if output is None and store is None:
        raise click.UsageError("say where the graph goes: -o FILE, --store DIR, or both")
    if ray_address is not None and engine != "ray":
        raise click.UsageError("--ray-address goes with --engine ray")
    settings = Settings(
        model=model,
        batch_size=batch_size,
        n_process=n_process,
        base_iri=base_iri,
        engine=engine,
        ray_address=ray_address,
        ops=ops,
    )
    bars = _Bars(quiet=quiet)
    try:
        report = run_build(
            paths,
            settings=settings,
            output=output,
            store=store,
            prune=prune,
            on_error=bars.quietly(_warn),
            on_warning=bars.quietly(_notice),
            on_progress=bars,
        )
    finally:
        bars.close()
    click.echo(_summary(report))
    if report.skipped:
        sys.exit(EXIT_SKIPPED_INPUT)


def _checked(check: Callable[[Any], object], value: Any) -> Any:
    """An option's value once ``check`` accepts it; its refusal is the option's error."""
    try:
        check(value)
    except (ValueError, KgError) as e:
        raise click.BadParameter(str(e)) from e
    return value


class _Bars:
    """A tqdm bar for each phase of a build (with its total and ETA), on stderr when it is a
    terminal and not --quiet; the lines in between are written above the bar."""

    def __init__(self, *, quiet: bool) -> None:
        self.quiet = quiet
        self.bar: Any = None

    def __call__(self, phase: str, total: int, unit: str) -> Callable[[int], None]:
        from tqdm import tqdm

        self.close()
        self.bar = tqdm(
            desc=phase,
            total=total,
            unit=f" {unit}",
            disable=True if self.quiet else None,
            file=sys.stderr,
            dynamic_ncols=True,
        )
        return self.bar.update

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def quietly(self, say: Callable[[T], None]) -> Callable[[T], None]:
        """``say``, with the bar moved out of the way of its line."""

        def said(what: T) -> None:
            if self.bar is None or self.bar.disable:
                say(what)
                return
            with self.bar.external_write_mode(file=sys.stderr):
                say(what)

        return said


def _warn(error: InputError) -> None:
    click.echo(f"kg: skipped {error}", err=True)


def _notice(message: str) -> None:
    click.echo(f"kg: {message}", err=True)


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """A number and its noun, singular or plural as the number wants.

    >>> counted(1, "document"), counted(2, "person", "people"), counted(1_234, "triple")
    ('1 document', '2 people', '1,234 triples')
    """
    return f"{number:,} {singular if number == 1 else plural or singular + 's'}"


def _summary(report: BuildReport) -> str:
    lines = [
        f"Built the graph of {counted(report.documents, 'document')}: "
        f"{counted(report.people, 'person', 'people')}, "
        f"{counted(report.organizations, 'organization')}, {counted(report.places, 'place')}, "
        f"{counted(report.events, 'event')}, {counted(report.statements, 'statement')}, "
        f"{counted(report.triples, 'triple')}."
    ]
    if report.output is not None:
        lines.append(f"  RDF file: {report.output}")
    if report.store is not None:
        lines.append(f"  store:    {report.store}   (kg query --store {report.store} QUERY)")
        lines.append(
            f"  read anew: {counted(report.extracted, 'document')}; unchanged: {report.reused}; "
            f"kept from the store: {report.kept}"
            + (f"; removed: {', '.join(report.removed)}" if report.removed else "")
        )
    if report.skipped:
        lines.append(f"Skipped {counted(len(report.skipped), 'input')}; see the lines above.")
    return "\n".join(lines)


@main.command()
@click.argument("doc_ids", nargs=-1, required=True)
@store_option("The embedded store to remove the documents from.", required=True, exists=True)
@click.option(
    "--model", default=DEFAULT_MODEL, show_default=True, help="spaCy pipeline of the store."
)
@click.option("--base-iri", default=DEFAULT_BASE_IRI, show_default=True, help="IRI namespace.")
def remove(doc_ids: tuple[str, ...], store: Path, model: str, base_iri: str) -> None:
    """Remove documents (by identifier, e.g. a file name) from a store and rebuild the rest.

    All or nothing: an identifier the store does not hold (see kg documents) is an error, and
    the store is left as it was.
    """
    settings = Settings(model=model, base_iri=base_iri)
    report = remove_documents(doc_ids, store=store, settings=settings, on_warning=_notice)
    click.echo(_summary(report))


def _open(graph_file: Path | None, store: Path | None) -> ox.Store:
    if graph_file is not None and store is None:
        return load_file(graph_file)
    if store is not None and graph_file is None:
        return open_store(store, read_only=True)
    raise click.UsageError("give either a graph FILE or --store DIR")


def allow_service_option() -> Any:
    """``--allow-service``, shared by kg query and kg serve: SERVICE is refused without it."""
    return click.option(
        "--allow-service",
        is_flag=True,
        help="Let SERVICE clauses call other SPARQL endpoints (refused by default: any URL "
        "the query names would be fetched from this machine).",
    )


def timeout_option(what: str) -> Any:
    """``--timeout SECONDS``, shared by kg query and kg serve."""
    return click.option(
        "--timeout",
        type=click.FloatRange(min=0),
        default=DEFAULT_TIMEOUT,
        show_default=True,
        help=f"Seconds {what} may run (0: no limit).",
    )


@main.command()
@click.argument("args", nargs=-1, required=True)
@store_option("Query the embedded store in this directory.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(RESULT_FORMATS),
    default="table",
    show_default=True,
    help="How to print the answer (json: the SPARQL 1.1 Query Results JSON Format).",
)
@allow_service_option()
@timeout_option("the query")
def query(
    args: tuple[str, ...], store: Path | None, fmt: str, allow_service: bool, timeout: float
) -> None:
    """Run a SPARQL query: kg query (FILE | --store DIR) QUERY.

    QUERY is the query text or a .rq file. The usual prefixes (schema, org, prov, skos, rdfs,
    rdf, xsd, kgo) are declared for you; the default graph is the union of all graphs.
    SELECT and ASK answers print as a table (one line per row), CSV or JSON; CONSTRUCT and
    DESCRIBE as Turtle. SERVICE is refused unless --allow-service.
    """
    *graph, text = args
    if len(graph) > 1:
        raise click.UsageError("give one graph FILE (or --store DIR) and one QUERY")
    graph_file = Path(graph[0]) if graph else None
    answer = run_query(
        _open(graph_file, store),
        _query_text(text),
        allow_service=allow_service,
        timeout=timeout or None,
    )
    click.echo(format_result(answer, fmt))


def _query_text(text: str) -> str:
    """The query itself, or the content of the ``.rq`` file it names."""
    if not text.endswith(".rq"):
        return text
    try:
        return Path(text).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        reason = getattr(e, "strerror", None) or e
        raise click.BadParameter(f"cannot read {text}: {reason}", param_hint="QUERY") from e


@main.command()
@click.argument("graph_file", required=False, type=click.Path(exists=True, path_type=Path))
@store_option("The embedded store in this directory.")
def stats(graph_file: Path | None, store: Path | None) -> None:
    """Count documents, people, organizations, places, events and triples in a graph."""
    for name, value in graph_stats(_open(graph_file, store)).items():
        click.echo(f"{name:14} {value:,}")


@main.command()
@click.argument("graph_file", required=False, type=click.Path(exists=True, path_type=Path))
@store_option("The embedded store in this directory.")
@click.option(
    "--gold",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Hand-made gold file (JSON, the schema of the graph contract).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the whole report as JSON.")
def evaluate(graph_file: Path | None, store: Path | None, gold: Path, as_json: bool) -> None:
    """Score a graph against a gold file: precision, recall and F1 of entities, relations,
    events, event slots and statements, and kg_f1, their mean.

    Score extraction on your own annotations (as spacy evaluate does): write a gold file of
    your articles (tests/articles/gold.json is one), build them, evaluate the graph.
    """
    from kg.evaluate import evaluate as score_graph
    from kg.evaluate import load_gold

    report = score_graph(_open(graph_file, store), load_gold(gold))
    if as_json:
        click.echo(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(report.as_text())


@main.command()
@click.argument("graph_file", required=False, type=click.Path(exists=True, path_type=Path))
@store_option("The embedded store in this directory.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(TABLE_FORMATS),
    default="table",
    show_default=True,
    help="How to print the list.",
)
def documents(graph_file: Path | None, store: Path | None, fmt: str) -> None:
    """List the documents of a graph: identifier, headline and publication date.

    The identifiers are the ones kg remove takes.
    """
    click.echo(format_result(run_query(_open(graph_file, store), DOCUMENTS_QUERY), fmt))


@main.command()
@store_option("The embedded store to serve (read-only).", required=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7878, show_default=True, help="Port to listen on.")
@allow_service_option()
@timeout_option("a query")
def serve(store: Path, host: str, port: int, allow_service: bool, timeout: float) -> None:
    """Serve the store read-only over the SPARQL 1.1 Protocol (at /query) until stopped.

    Runs the Oxigraph server (the oxigraph package) behind a gate that refuses SERVICE unless
    --allow-service. As with kg query, the default graph is the union of the named graphs;
    the prefixes are not predeclared. Ctrl-C, SIGTERM and SIGHUP stop it.
    """
    from kg.store.serve import Server, serve_store

    def ready(server: Server) -> None:
        click.echo(f"kg: serving {store} at {server.query_url} (Ctrl-C to stop)", err=True)

    sys.exit(
        serve_store(
            store,
            host=host,
            port=port,
            allow_service=allow_service,
            query_timeout=timeout,
            on_ready=ready,
        )
    )


@main.command()
@store_option("The embedded store whose graphs to send.", required=True)
@click.option(
    "--endpoint",
    required=True,
    help="Graph Store Protocol URL, e.g. http://localhost:3030/DATASET/data (Fuseki).",
)
@click.option("--user", help="User name (HTTP basic auth, or digest with --digest).")
@click.option("--password", envvar="KG_PUSH_PASSWORD", help="Password (or $KG_PUSH_PASSWORD).")
@click.option("--digest", is_flag=True, help="HTTP digest auth instead of basic (Virtuoso).")
@click.option("--token", envvar="KG_PUSH_TOKEN", help="Bearer token (or $KG_PUSH_TOKEN).")
@click.option(
    "--chunk-triples",
    default=50_000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Most triples per request; a larger graph goes in several.",
)
def push(
    store: Path,
    endpoint: str,
    user: str | None,
    password: str | None,
    digest: bool,
    token: str | None,
    chunk_triples: int,
) -> None:
    """Send each graph of the store to a remote triple store (SPARQL Graph Store Protocol).

    Each graph is PUT (replacing it there, so pushing again is harmless), a large one in
    chunks POSTed after the first. Remote graphs the store does not hold are left alone.
    """
    from kg.store.remote import Credentials, push_store

    if token is not None and user is not None:
        raise click.UsageError("give --user/--password or --token, not both")
    if password is not None and user is None:
        raise click.UsageError("--password needs --user")
    credentials = Credentials(user=user, password=password, token=token, digest=digest)
    report = push_store(store, endpoint, credentials=credentials, chunk_triples=chunk_triples)
    default = " and the default graph" if report.default_graph else ""
    click.echo(
        f"Pushed {len(report.graphs)} named graphs{default} ({report.triples:,} triples) "
        f"to {report.endpoint} in {report.requests} requests."
    )


@main.command()
@click.argument("graph_file", required=False, type=click.Path(exists=True, path_type=Path))
@store_option("The embedded store in this directory.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(NETWORK_FORMATS),
    help=f"Output format; by default from the extension ({' '.join(NETWORK_SUFFIXES)}).",
)
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path), help="The file to write."
)
@click.option(
    "--around",
    metavar="NAME",
    help="Only the nodes within --hops edges of the node(s) so named (label or other name).",
)
@click.option(
    "--hops", default=1, show_default=True, type=click.IntRange(min=0), help="See --around."
)
@click.option("--types", metavar="T,T", help=f"Only nodes of these types: {','.join(NODE_TYPES)}.")
@click.option(
    "--min-degree", default=0, type=click.IntRange(min=0), help="Drop nodes with fewer edges."
)
@click.option("--limit", type=click.IntRange(min=0), help="Keep only the N nodes with most edges.")
@click.option(
    "--collapse-events", is_flag=True, help="Draw each event as edges between its participants."
)
def export(
    graph_file: Path | None,
    store: Path | None,
    fmt: str | None,
    output: Path,
    around: str | None,
    hops: int,
    types: str | None,
    min_degree: int,
    limit: int | None,
    collapse_events: bool,
) -> None:
    """Export the graph as a network to draw: GraphML, GEXF, Cytoscape.js, node-link or HTML.

    Entities (and events, unless --collapse-events) are nodes; relations and event roles are
    labelled edges. The cuts apply in order: --around/--hops, --types, --min-degree, --limit.
    The HTML page works offline: pan, zoom, hover a node, click it for its evidence sentence.
    """
    try:
        chosen = node_types(types) if types is not None else frozenset(NODE_TYPES)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--types") from e
    view = View(
        around=around,
        hops=hops,
        types=chosen,
        min_degree=min_degree,
        limit=limit,
        collapse_events=collapse_events,
    )
    done = export_network(_open(graph_file, store), output, fmt=fmt, view=view)
    click.echo(f"Wrote {done.nodes:,} nodes and {done.edges:,} edges to {done.path} ({done.fmt}).")
