"""The corpus as resolution reads it, and the records it gives each document.

Resolution reads the extractions a few times over, in document order, and keeps only what it
needs across documents; the corpus may be a list, or kept on disk (``kg.store.spill``). The
documents, sentences and mentions of the resolution are made from the extractions: kept as
tuples for a corpus in memory (a ``Sequence``), made again at each reading for one on disk,
so that they never all sit in memory at once.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import TypeVar

from kg.records import EntityMention, Extraction

T = TypeVar("T")


class PerDocument(Collection[T]):
    """The records ``made`` from each extraction of a corpus, made anew at each reading."""

    def __init__(self, corpus: Collection[Extraction], made: Callable[[Extraction], Iterable[T]]):
        self._corpus, self._made = corpus, made
        self._count: int | None = None

    def __iter__(self) -> Iterator[T]:
        for extraction in self._corpus:
            yield from self._made(extraction)

    def __len__(self) -> int:
        if self._count is None:
            self._count = sum(1 for _ in self)
        return self._count

    def __contains__(self, item: object) -> bool:
        return any(record == item for record in self)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Collection) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]


def per_document(
    corpus: Collection[Extraction], made: Callable[[Extraction], Iterable[T]]
) -> Collection[T]:
    """The records made from each extraction: a tuple for a corpus in memory, else a
    ``PerDocument`` reading of it."""
    if isinstance(corpus, Sequence):
        return tuple(record for extraction in corpus for record in made(extraction))
    return PerDocument(corpus, made)


def entity_mentions(
    key_of: Mapping[tuple[str, int], str],
) -> Callable[[Extraction], Iterator[EntityMention]]:
    """The mentions of an extraction resolved to an entity, in their order."""

    def made(extraction: Extraction) -> Iterator[EntityMention]:
        doc_id = extraction.document.doc_id
        for index, m in enumerate(extraction.mentions):
            key = key_of.get((doc_id, index))
            if key is not None:
                yield EntityMention(key, m.text, m.span)

    return made
