"""The commands that hand the graph on: serve it, push it to a triple store, draw it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli_options import allow_service_option, open_graph, store_option, timeout_option
from kg.draw.export import LAYOUTS, NETWORK_FORMATS, export_network, network_format
from kg.draw.export import SUFFIXES as NETWORK_SUFFIXES
from kg.draw.network import NODE_TYPES, View, node_types


@click.command()
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


@click.command()
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


@click.command()
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
@click.option(
    "--fold-statements/--unfold-statements",
    default=None,
    help="Count a statement with no participant but its speaker on the speaker instead of "
    "drawing it (default: folded in html, unfolded in the other formats).",
)
@click.option(
    "--layout",
    type=click.Choice(LAYOUTS),
    default="force",
    show_default=True,
    help="html: draw the nodes by their edges (force), or the places with coordinates "
    "(schema:geo) on a map, east to the right and north up, the rest around them (geo).",
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
    fold_statements: bool | None,
    layout: str,
) -> None:
    """Export the graph as a network to draw: GraphML, GEXF, Cytoscape.js, node-link or HTML.

    Entities (and events, unless --collapse-events) are nodes; relations and event roles are
    labelled edges. The cuts apply in order: --around/--hops, --types, --min-degree, --limit.
    The HTML page works offline: pan, zoom, hover a node, click it for its evidence sentence;
    it folds statements into their speakers unless --unfold-statements, and with --layout geo
    pins the places with coordinates on a map.
    """
    try:
        chosen = node_types(types) if types is not None else frozenset(NODE_TYPES)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--types") from e
    fmt = fmt or network_format(output)
    if layout != "force" and fmt != "html":
        raise click.UsageError(f"--layout {layout} draws the html page only, not {fmt}")
    view = View(
        around=around,
        hops=hops,
        types=chosen,
        min_degree=min_degree,
        limit=limit,
        collapse_events=collapse_events,
        fold_statements=fmt == "html" if fold_statements is None else fold_statements,
    )
    done = export_network(open_graph(graph_file, store), output, fmt=fmt, view=view, layout=layout)
    click.echo(f"Wrote {done.nodes:,} nodes and {done.edges:,} edges to {done.path} ({done.fmt}).")
    if layout == "geo":
        click.echo(
            f"{done.located:,} places on the map."
            if done.located
            else "No node has coordinates (schema:geo): drawn by force alone."
        )
