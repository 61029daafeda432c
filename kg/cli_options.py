"""The options and small helpers the commands share."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import pyoxigraph as ox

from kg.errors import KgError
from kg.store.store import DEFAULT_TIMEOUT, load_file, open_store

if TYPE_CHECKING:
    from kg.knowledge.link_table import LinkRow


class PathOrUrl(click.ParamType):
    """A build input: an http(s) address as given, or a file or folder that exists."""

    name = "path_or_url"
    _path = click.Path(exists=True, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from kg.read.web import is_url  # the reader (and httpx) only when kg build parses

        if isinstance(value, str) and is_url(value):
            return value
        return self._path.convert(value, param, ctx)


def store_option(help_text: str, *, required: bool = False, exists: bool = False) -> Any:
    """The ``--store DIR`` option every command that reads or writes a store shares."""
    return click.option(
        "--store",
        required=required,
        type=click.Path(file_okay=False, exists=exists, path_type=Path),
        help=help_text,
    )


def open_graph(graph_file: Path | None, store: Path | None) -> ox.Store:
    """The graph a command reads: a file loaded into memory, or a store opened read-only."""
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


def link_option() -> Any:
    """``kg build --link TABLE``: the table is read and checked before any work."""
    return click.option(
        "--link",
        "link_table",
        metavar="TABLE",
        type=click.Path(dir_okay=False, path_type=Path),
        callback=lambda ctx, param, value: _link_rows(value),
        help="A CSV or TSV table of names and IRIs (columns name, iri, and optionally type): "
        "each entity it names gets owl:sameAs and schema:sameAs that IRI.",
    )


def _link_rows(path: Path | None) -> tuple[LinkRow, ...]:
    if path is None:
        return ()
    from kg.knowledge.link_table import load_link_table

    try:
        return load_link_table(path)
    except KgError as e:
        raise click.BadParameter(str(e)) from e
