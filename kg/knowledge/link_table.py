"""A team's own authority file: a table of names and the IRIs that identify them elsewhere
(``kg build --link TABLE``), read and checked before any work.

CSV, or TSV for a ``.tsv`` or ``.tab`` file, UTF-8, with a header that names the columns:
``name`` (or ``label``), ``iri`` (or ``uri``) and, optionally, ``type`` (``Person``,
``Organization`` or ``Place``; empty: any). Each problem is one line naming the file and
the line.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import SettingsError
from kg.knowledge.gazetteer import fold
from kg.records import Kind

NAME_COLUMNS = ("name", "label")
IRI_COLUMNS = ("iri", "uri")
TYPE_COLUMN = "type"


@dataclass(frozen=True)
class LinkRow:
    """One row: a name, the type of thing it names (None: any) and its IRI."""

    name: str
    kind: Kind | None
    iri: str
    line: int


def load_link_table(path: str | Path) -> tuple[LinkRow, ...]:
    """The rows of a link table.

    Raises:
        SettingsError: the file cannot be read, or a line of it is not a link (the message
            names the file and the line).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        reason = "not UTF-8 text" if isinstance(e, UnicodeDecodeError) else e.strerror or e
        raise SettingsError(f"{path}: cannot read the link table: {reason}") from e
    delimiter = "\t" if path.suffix.lower() in {".tsv", ".tab"} else ","
    lines = csv.reader(text.splitlines(), delimiter=delimiter, strict=True)
    try:
        header = [h.strip().lower() for h in next(lines, [])]
        columns = _columns(path, header)
        rows = [_row(path, n, fields, columns) for n, fields in enumerate(lines, 2) if any(fields)]
    except csv.Error as e:
        raise SettingsError(f"{path}:{lines.line_num}: not {_format(delimiter)}: {e}") from e
    if not rows:
        raise SettingsError(f"{path}: the link table has no rows")
    _check_unique(path, rows)
    return tuple(rows)


def _format(delimiter: str) -> str:
    return "TSV" if delimiter == "\t" else "CSV"


def _columns(path: Path, header: list[str]) -> tuple[int, int, int | None]:
    """Where the name, the IRI and the type are in each row."""
    name = next((header.index(c) for c in NAME_COLUMNS if c in header), None)
    iri = next((header.index(c) for c in IRI_COLUMNS if c in header), None)
    if name is None or iri is None:
        raise SettingsError(
            f"{path}:1: the header must name a 'name' (or 'label') and an 'iri' (or 'uri') "
            f"column, and may name a 'type' column; found {', '.join(header) or 'nothing'}"
        )
    return name, iri, header.index(TYPE_COLUMN) if TYPE_COLUMN in header else None


def _row(path: Path, line: int, fields: list[str], columns: tuple[int, int, int | None]) -> LinkRow:
    name_at, iri_at, type_at = columns
    width = max(i for i in columns if i is not None) + 1
    if len(fields) < width:
        raise SettingsError(f"{path}:{line}: {len(fields)} fields, the header has {width}")
    name, iri = fields[name_at].strip(), fields[iri_at].strip()
    if not fold(name):
        raise SettingsError(f"{path}:{line}: the name is empty")
    try:
        ox.NamedNode(iri)
        valid = ":" in iri
    except ValueError:
        valid = False
    if not valid:
        raise SettingsError(f"{path}:{line}: {iri!r} is not an absolute IRI")
    kind = _kind(path, line, fields[type_at].strip()) if type_at is not None else None
    return LinkRow(name, kind, iri, line)


def _kind(path: Path, line: int, text: str) -> Kind | None:
    if not text:
        return None
    for kind in Kind:
        if kind.value.lower() == text.lower():
            return kind
    raise SettingsError(
        f"{path}:{line}: unknown type {text!r}: one of {', '.join(k.value for k in Kind)}"
    )


def _check_unique(path: Path, rows: list[LinkRow]) -> None:
    """One name (of one type) links to one IRI."""
    first: dict[tuple[str, Kind | None], LinkRow] = {}
    for row in rows:
        seen = first.setdefault((fold(row.name), row.kind), row)
        if seen.iri != row.iri:
            raise SettingsError(
                f"{path}:{row.line}: {row.name!r} is linked to <{seen.iri}> on line "
                f"{seen.line} already"
            )
