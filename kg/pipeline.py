"""The pipeline: read -> extract -> resolve -> build -> store/export, wired in one place."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from kg.build import build_graph
from kg.config import Settings
from kg.errors import InputError
from kg.export import write_rdf
from kg.extract import extract_documents, make_nlp
from kg.read import read_documents
from kg.records import Document, Kind, Resolution
from kg.resolve import resolve_entities
from kg.store import save_to_store


@dataclass(frozen=True)
class BuildReport:
    """What a build made, where it went, and what input it had to skip."""

    documents: int
    people: int
    organizations: int
    places: int
    events: int
    triples: int
    output: Path | None = None
    store: Path | None = None
    skipped: tuple[InputError, ...] = field(default=())


def build_dataset(
    paths: Iterable[str | Path],
    *,
    settings: Settings,
    on_error: Callable[[InputError], None],
    on_document: Callable[[Document], None] | None = None,
) -> tuple[Resolution, Dataset]:
    """Read, extract, resolve and build: the graph of the articles under ``paths``."""
    nlp = make_nlp(settings)
    documents = read_documents(paths, on_error=on_error)
    if on_document is not None:
        documents = _tapped(documents, on_document)
    resolution = resolve_entities(extract_documents(documents, nlp, settings=settings))
    return resolution, build_graph(resolution, settings=settings)


def _tapped(
    documents: Iterable[Document], callback: Callable[[Document], None]
) -> Iterator[Document]:
    for doc in documents:
        callback(doc)
        yield doc


def run_build(
    paths: Iterable[str | Path],
    *,
    settings: Settings,
    output: str | Path | None = None,
    store: str | Path | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_document: Callable[[Document], None] | None = None,
) -> BuildReport:
    """Build the graph and write it to an RDF file and/or the embedded store."""
    skipped: list[InputError] = []

    def record(error: InputError) -> None:
        skipped.append(error)
        if on_error is not None:
            on_error(error)

    resolution, ds = build_dataset(
        paths, settings=settings, on_error=record, on_document=on_document
    )
    written = write_rdf(ds, output) if output is not None else None
    if store is not None:
        save_to_store(ds, store)
    kinds = [e.kind for e in resolution.entities]
    return BuildReport(
        documents=len(resolution.documents),
        people=kinds.count(Kind.PERSON),
        organizations=kinds.count(Kind.ORGANIZATION),
        places=kinds.count(Kind.PLACE),
        events=sum(e.base_class != "Statement" for e in resolution.events),
        triples=len(ds),
        output=written,
        store=Path(store) if store is not None else None,
        skipped=tuple(skipped),
    )
