"""A corpus kept on disk while it is resolved and built, so that memory does not grow with it.

Resolution reads the extractions of the corpus a few times over, in document order, and keeps
across documents only what it needs (names, entity keys, events); the extractions themselves
wait here: one row per document in a SQLite file (stdlib ``sqlite3``) of a temporary folder,
pickled (the rows are written and read by this one process, never by another), removed on
``close``.
"""

from __future__ import annotations

import pickle
import sqlite3
import tempfile
import zlib
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from types import TracebackType

from kg.records import Extraction

_ROWS_AT_ONCE = 256
"""Rows fetched from SQLite per step of an iteration."""


class SpilledCorpus(Collection[Extraction]):
    """Extractions on disk, given back in document order (as ``sorted`` by document id would:
    two of one id in the order they came) each time the corpus is iterated.

    Args:
        extractions: the first extractions to keep (``add`` takes more).
        folder: where the temporary folder goes (the system's by default).
    """

    def __init__(self, extractions: Iterable[Extraction] = (), *, folder: Path | None = None):
        self._folder = tempfile.TemporaryDirectory(prefix="kg-corpus-", dir=folder)
        self._db = sqlite3.connect(Path(self._folder.name) / "corpus.sqlite")
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute(
            "CREATE TABLE extraction (doc_id TEXT, n INTEGER, record BLOB, PRIMARY KEY (doc_id, n))"
        )
        self._count = 0
        for extraction in extractions:
            self.add(extraction)

    def add(self, extraction: Extraction) -> None:
        record = zlib.compress(pickle.dumps(extraction, pickle.HIGHEST_PROTOCOL), 1)
        self._db.execute(
            "INSERT INTO extraction VALUES (?, ?, ?)",
            (extraction.document.doc_id, self._count, record),
        )
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Extraction]:
        self._db.commit()
        rows = self._db.execute("SELECT record FROM extraction ORDER BY doc_id, n")
        while batch := rows.fetchmany(_ROWS_AT_ONCE):
            for (record,) in batch:
                extraction: Extraction = pickle.loads(zlib.decompress(record))
                yield extraction

    def __contains__(self, item: object) -> bool:
        return isinstance(item, Extraction) and any(
            pickle.loads(zlib.decompress(record)) == item
            for (record,) in self._db.execute(
                "SELECT record FROM extraction WHERE doc_id = ?", (item.document.doc_id,)
            )
        )

    def close(self) -> None:
        """Drop the file and its folder."""
        self._db.close()
        self._folder.cleanup()

    def __enter__(self) -> SpilledCorpus:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self.close()
