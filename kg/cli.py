"""The command line: each command calls one library function and reports what it did."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from kg import __version__
from kg.cli_options import (
    PathOrUrl,
    allow_service_option,
    link_option,
    open_graph,
    store_option,
    timeout_option,
)
from kg.cli_share import export, push, serve
from kg.config import (
    DEFAULT_BASE_IRI,
    DEFAULT_MODEL,
    ENGINES,
    OPS,
    Engine,
    FetchOptions,
    Ops,
    Settings,
    check_base_iri,
)
from kg.errors import InputError, KgError
from kg.graph.export import check_output
from kg.store.store import (
    DOCUMENTS_QUERY,
    RESULT_FORMATS,
    TABLE_FORMATS,
    format_result,
    graph_stats,
    run_query,
)

if TYPE_CHECKING:
    from kg.knowledge.link_table import LinkRow
    from kg.pipeline import BuildReport

EXIT_SKIPPED_INPUT = 3
T = TypeVar("T")


class KgGroup(click.Group):
    """Turns library errors into one clear line and exit status 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KgError as e:
            raise click.ClickException(str(e)) from e


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
@click.argument("paths", nargs=-1, required=True, type=PathOrUrl())
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
@click.option(
    "--fetch-timeout",
    default=FetchOptions.timeout,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds a web page or feed may take to arrive in full.",
)
@click.option(
    "--max-bytes",
    default=FetchOptions.max_bytes,
    show_default=True,
    type=click.IntRange(min=1),
    help="Largest web page or feed read, in bytes; a larger one is skipped.",
)
@link_option()
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def build(
    paths: tuple[Path | str, ...],
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
    fetch_timeout: float,
    max_bytes: int,
    link_table: tuple[LinkRow, ...],
    quiet: bool,
) -> None:
    """Build the graph of the articles in PATHS: files or folders of .txt, .md, .jsonl,
    .html, and http(s) addresses of web pages and of RSS or Atom feeds (each item is read).

    With --store the build is incremental: spaCy reads only new or changed documents, the
    documents the store already holds stay (unless --prune), a feed's items it holds are not
    fetched again (unless the feed gives them a new updated date), and the store ends up equal
    to a build from scratch of all of them. Unreadable input is reported, one line per file (and
    line) or address, and skipped; the exit status is then 3. Give -o, --store or both.
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
    from kg.pipeline import run_build  # spaCy and the stages: only build and remove need them

    bars = _Bars(quiet=quiet)
    try:
        report = run_build(
            paths,
            settings=settings,
            output=output,
            store=store,
            prune=prune,
            fetch=FetchOptions(timeout=fetch_timeout, max_bytes=max_bytes),
            on_error=bars.quietly(_warn),
            on_warning=bars.quietly(_notice),
            on_progress=bars,
            links=link_table,
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
    from kg.pipeline import remove_documents

    settings = Settings(model=model, base_iri=base_iri)
    report = remove_documents(doc_ids, store=store, settings=settings, on_warning=_notice)
    click.echo(_summary(report))


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
        open_graph(graph_file, store),
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
    for name, value in graph_stats(open_graph(graph_file, store)).items():
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

    report = score_graph(open_graph(graph_file, store), load_gold(gold))
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
    click.echo(format_result(run_query(open_graph(graph_file, store), DOCUMENTS_QUERY), fmt))


main.add_command(serve)
main.add_command(push)
main.add_command(export)
