"""The pipeline: read -> extract -> resolve -> build -> store/export, wired in one place.

With a store, the build is incremental: the store's extraction cache gives back every
document whose text and rules did not change, spaCy reads only the others, and the whole
corpus the store holds is resolved again, so the result equals a build from scratch; only the
named graphs whose content changed are written into the store again.

A corpus of more than ``SPILL_AFTER`` documents waits on disk while it is resolved and built
(``kg.store.spill``), so that memory does not grow with its extractions.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import chain
from pathlib import Path

from rdflib import Dataset

from kg.config import Settings
from kg.errors import InputError, StoreError
from kg.extract.nlp import extract_documents, make_nlp, rules_fingerprint
from kg.extract.ray_engine import extract_on_ray
from kg.graph.build import Minter, build_graph, iter_graphs, iter_quads, record_count
from kg.graph.convert import GraphQuads, RdflibQuad, to_ox_quads
from kg.graph.export import check_output, write_quads
from kg.knowledge.link_table import LinkRow
from kg.read.documents import count_documents, read_documents
from kg.read.web import FetchOptions, WebPage, is_url, list_pages, read_pages
from kg.records import Document, Extraction, Kind, Resolution
from kg.resolve import resolve
from kg.store.cache import ExtractionCache
from kg.store.fetched import FetchLog
from kg.store.spill import SpilledCorpus
from kg.store.store import mark_incomplete, save_in_shards, update_graphs

SPILL_AFTER = 5_000
"""The documents a build keeps in memory; past them, the corpus waits on disk (a corpus in
memory is resolved faster: it is not read back at each step)."""

Progress = Callable[[str, int, str], Callable[[int], None]]
"""Told that a phase starts (its name, its total, the unit it counts), gives back what to call
with the steps done; a phase ends when the next one starts, or the build ends."""


def _no_progress(_phase: str, _total: int, _unit: str) -> Callable[[int], None]:
    return lambda _done: None


@dataclass(frozen=True)
class BuildReport:
    """What a build made, where it went, what it read anew and what input it had to skip."""

    documents: int
    people: int
    organizations: int
    places: int
    events: int
    triples: int
    statements: int = 0
    output: Path | None = None
    store: Path | None = None
    skipped: tuple[InputError, ...] = ()
    extracted: int = 0
    reused: int = 0
    kept: int = 0
    removed: tuple[str, ...] = ()


class Corpus:
    """The extractions of a build as they come: in memory up to ``spill_after`` documents
    (``SPILL_AFTER`` by default), then all on disk (``SpilledCorpus``, its file removed once
    no resolution reads it)."""

    def __init__(
        self, extractions: Iterable[Extraction] = (), *, spill_after: int | None = None
    ) -> None:
        self.spill_after = SPILL_AFTER if spill_after is None else spill_after
        self.doc_ids: list[str] = []
        self._held: list[Extraction] = []
        self._spilled: SpilledCorpus | None = None
        for extraction in extractions:
            self.add(extraction)

    def add(self, extraction: Extraction) -> None:
        self.doc_ids.append(extraction.document.doc_id)
        if self._spilled is not None:
            self._spilled.add(extraction)
            return
        self._held.append(extraction)
        if len(self._held) > self.spill_after:
            self._spilled, self._held = SpilledCorpus(self._held), []

    def __len__(self) -> int:
        return len(self.doc_ids)

    def in_order(self) -> Collection[Extraction]:
        """The extractions in a stable document order, so that any build of a corpus gives one
        graph."""
        if self._spilled is not None:
            return self._spilled
        return sorted(self._held, key=lambda ex: ex.document.doc_id)


def resolve_corpus(
    extractions: Iterable[Extraction],
    links: Sequence[LinkRow] = (),
    *,
    spill_after: int | None = None,
) -> Resolution:
    """Resolve a corpus in a stable document order, so that any build of it gives one graph;
    past ``spill_after`` documents, the extractions wait on disk (``Corpus``)."""
    return resolve(Corpus(extractions, spill_after=spill_after).in_order(), links)


def build_dataset(
    extractions: Iterable[Extraction], *, settings: Settings
) -> tuple[Resolution, Dataset]:
    """Resolve and build the graph of a corpus as an rdflib ``Dataset`` (for small corpora and
    notebooks; builds into a store or a file stream their quads instead)."""
    resolution = resolve_corpus(extractions)
    return resolution, build_graph(resolution, settings=settings)


def run_build(
    paths: Iterable[str | Path],
    *,
    settings: Settings,
    output: str | Path | None = None,
    store: str | Path | None = None,
    prune: bool = False,
    fetch: FetchOptions | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
    on_progress: Progress | None = None,
    links: Sequence[LinkRow] = (),
) -> BuildReport:
    """Build the graph of the articles under ``paths`` into an RDF file and/or a store.

    Args:
        paths: files and folders of articles, and web addresses of pages and RSS/Atom feeds.
        settings: the model and how to run it.
        output: an RDF file to write (format from the extension).
        store: the store to update; the documents it already holds stay unless ``prune``.
            A feed's items it holds are not fetched again unless the feed's stamp of them
            (their updated date) changed.
        prune: drop from the store the documents that are not under ``paths``.
        fetch: the limits of fetching from the web (``FetchOptions()`` by default).
        on_error: told of each input skipped.
        on_warning: told of each cache entry that could not be read back (read anew).
        on_progress: told of each phase (reading, resolving, writing) and how it advances.
        links: the rows of a link table (``kg.knowledge.link_table``): their IRIs go to the
            entities they name.

    Raises:
        StoreError: the store holds documents not under ``paths`` whose cache entries are
            gone; nothing is written (the extractions made are cached for the next build).
    """
    if output is not None:
        check_output(output)  # before any work, not after the whole extraction
    skipped: list[InputError] = []
    progress = on_progress or _no_progress
    paths = list(paths)
    files = [path for path in paths if not is_url(path)]
    fetch = fetch or FetchOptions()

    def tell(error: InputError) -> None:
        skipped.append(error)
        if on_error is not None:
            on_error(error)

    cache, log, held = None, None, set[str]()
    if store is not None:
        cache = _cache(store, settings, on_warning)
        log = FetchLog(store, on_warning=on_warning)
        held = cache.held()
    urls = [str(path) for path in paths if is_url(path)]
    pages = list_pages(urls, options=fetch, on_error=tell) if urls else []
    unfetched = {page.url for page in pages if _already_read(page, held, cache, log)}
    pages = [page for page in pages if page.url not in unfetched]
    advance = progress("reading", count_documents(files) + len(pages), "document")

    def record(error: InputError) -> None:
        tell(error)
        advance(1)

    documents: Iterable[Document] = chain(
        read_documents(files, on_error=record),
        read_pages(pages, options=fetch, on_error=record),
    )
    corpus = Corpus()
    fresh, reused = _extract(documents, cache, settings, advance, corpus)
    read = set(corpus.doc_ids)
    if cache is not None:
        for extraction in cache.load(unfetched):
            corpus.add(extraction)
            reused += 1
    removed: tuple[str, ...] = ()
    kept = 0
    if cache is not None:
        others = held - set(corpus.doc_ids)
        if prune:
            removed = tuple(sorted(others))
        else:
            for extraction in cache.load(others):
                corpus.add(extraction)
                kept += 1
    report = _write(
        corpus,
        settings=settings,
        output=output,
        store=store,
        cache=cache,
        stamps={page.url: page.stamp for page in pages if page.url in read},
        progress=progress,
        links=links,
    )
    return replace(
        report,
        skipped=tuple(skipped),
        extracted=fresh,
        reused=reused,
        kept=kept,
        removed=removed,
    )


def _already_read(
    page: WebPage, held: set[str], cache: ExtractionCache | None, log: FetchLog | None
) -> bool:
    """A feed's item the store holds (with its cache entry) under the stamp the feed gives it."""
    if page.feed is None or cache is None or log is None or page.url not in held:
        return False
    return cache.has(page.url) and log.unchanged(page.url, page.stamp)


def remove_documents(
    doc_ids: Iterable[str],
    *,
    store: str | Path,
    settings: Settings,
    on_warning: Callable[[str], None] | None = None,
) -> BuildReport:
    """Drop documents from a store and rewrite it from the documents that remain.

    All or nothing: if one of ``doc_ids`` is not in the store, or a document that stays cannot
    be rebuilt, a ``StoreError`` says so and the store is left as it was.
    """
    cache = _cache(store, settings, on_warning)
    held, removed = cache.held(), set(doc_ids)
    unknown = sorted(removed - held)
    if unknown:
        raise StoreError(
            f"{store}: not in the store: {', '.join(unknown)} (kg documents --store {store} "
            "lists what it holds); nothing removed"
        )
    kept = Corpus(cache.load(held - removed))
    report = _write(kept, settings=settings, output=None, store=store, cache=cache)
    return replace(report, kept=len(kept), removed=tuple(sorted(removed)))


def _cache(
    store: str | Path, settings: Settings, on_warning: Callable[[str], None] | None
) -> ExtractionCache:
    fingerprint = rules_fingerprint(settings.model)
    return ExtractionCache(store, fingerprint=fingerprint, on_warning=on_warning)


def _extract(
    documents: Iterable[Document],
    cache: ExtractionCache | None,
    settings: Settings,
    advance: Callable[[int], None],
    corpus: Corpus,
) -> tuple[int, int]:
    """Add to ``corpus`` the extractions read anew by spaCy and those the cache gives back;
    how many of each."""
    reused = 0

    def unknown() -> Iterator[Document]:
        nonlocal reused
        for document in documents:
            cached = cache.get(document) if cache is not None else None
            if cached is None:
                yield document
            else:
                corpus.add(cached)
                reused += 1
                advance(1)

    fresh = 0
    pending = unknown()
    first = next(pending, None)
    if first is not None:
        for extraction in _read_anew(_prepend(first, pending), settings):
            if cache is not None:
                cache.put(extraction)
            corpus.add(extraction)
            fresh += 1
            advance(1)
    return fresh, reused


def _read_anew(documents: Iterator[Document], settings: Settings) -> Iterator[Extraction]:
    """spaCy reads the documents here (``nlp.pipe``), or on Ray with the ray engine."""
    if settings.engine == "ray":
        return extract_on_ray(documents, settings=settings, address=settings.ray_address)
    return extract_documents(documents, make_nlp(settings), settings=settings)


def _write(
    corpus: Corpus,
    *,
    settings: Settings,
    output: str | Path | None,
    store: str | Path | None,
    cache: ExtractionCache | None,
    stamps: Mapping[str, str | None] | None = None,
    progress: Progress = _no_progress,
    links: Sequence[LinkRow] = (),
) -> BuildReport:
    resolved = progress("resolving", len(corpus), "document")
    resolution = resolve(corpus.in_order(), links)
    resolved(len(corpus))
    triples: int | None = None

    def quads(phase: str) -> Iterator[RdflibQuad]:
        advance = progress(phase, record_count(resolution), "record")
        return iter_quads(resolution, settings=settings, on_record=lambda: advance(1))

    def graphs(phase: str) -> Iterator[GraphQuads]:
        advance = progress(phase, record_count(resolution), "record")
        return iter_graphs(resolution, settings=settings, on_record=lambda: advance(1))

    if store is not None and cache is not None:
        mark_incomplete(store, True)
        if settings.engine == "ray":
            triples = save_in_shards(quads("writing the store"), store)
        else:
            merged = str(Minter(settings.base_iri).entities_graph())
            phases = iter(("comparing with the store", "writing the store"))
            triples = update_graphs(
                lambda: graphs(next(phases, "writing the store")), store, by_subject={merged}
            )
        held = corpus.doc_ids
        cache.commit(held)
        FetchLog(store).commit(stamps or {}, held=held)
        mark_incomplete(store, False)
    if output:  # made again rather than read back: the store keeps xsd:integer for our offsets
        counted = write_quads(to_ox_quads(quads(f"writing {Path(output).name}")), output)
        triples = counted if triples is None else triples
    if triples is None:
        triples = sum(1 for _ in iter_quads(resolution, settings=settings))
    written = Path(output) if output else None
    kinds = [e.kind for e in resolution.entities]
    return BuildReport(
        documents=len(resolution.documents),
        people=kinds.count(Kind.PERSON),
        organizations=kinds.count(Kind.ORGANIZATION),
        places=kinds.count(Kind.PLACE),
        events=sum(not e.is_statement for e in resolution.events),
        statements=sum(e.is_statement for e in resolution.events),
        triples=triples,
        output=written,
        store=Path(store) if store is not None else None,
    )


def _prepend(first: Document, rest: Iterator[Document]) -> Iterator[Document]:
    yield first
    yield from rest
