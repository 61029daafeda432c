"""One exception hierarchy: every message names the file (and line) and the reason."""

from __future__ import annotations

from pathlib import Path


class KgError(Exception):
    """Base class for every error the library raises on purpose."""


class InputError(KgError):
    """A source file (or one line of it) that cannot be read as an article.

    The pipeline reports it and goes on with the other documents.

    >>> str(InputError("news/a.jsonl", "not valid JSON", line=3))
    'news/a.jsonl:3: not valid JSON'
    """

    def __init__(self, path: str | Path, reason: str, *, line: int | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


class SettingsError(KgError, ValueError):
    """An option no build can run with (a batch size of 0, a base IRI that is no IRI)."""


class StoreError(KgError):
    """The graph store cannot be opened, loaded or queried."""


class QueryError(KgError):
    """A SPARQL query that does not parse or cannot run."""


class ExportError(KgError):
    """An output path whose format we cannot write."""


class ServeError(KgError):
    """The Oxigraph server cannot be found, started or reached."""


class PushError(KgError):
    """The remote store refused a graph, or cannot be reached."""
