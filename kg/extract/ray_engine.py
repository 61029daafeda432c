"""Extraction on Ray Data: the same reading as ``kg.extract.nlp``, spread over a Ray cluster.

``extract_on_ray`` turns the documents into plain rows, maps them in small batches through a
pool of Ray actors that each load the spaCy pipeline once (``kg.extract.make_nlp``), and gets
back each extraction as JSON text (``kg.records_json``'s form), never a spaCy ``Doc``. Ray is an
optional dependency (``pip install kg[ray]``), imported only here, inside the functions.

A local Ray instance is started on the loopback address only: no dashboard, no usage stats,
and no cloud probing (see ``LOCAL_RAY_ENVIRONMENT``); it is shut down when the extraction
ends. Given an ``address``, the extraction runs on that cluster, which is left running.
"""

from __future__ import annotations

import json
import logging
import math
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from types import ModuleType
from typing import Any

from kg.config import Settings
from kg.errors import KgError
from kg.extract.nlp import extract_documents, make_nlp, rules_fingerprint
from kg.records import Document, Extraction
from kg.records_json import (
    document_from_json,
    document_to_json,
    extraction_from_json,
    extraction_to_json,
)

RAY_BATCH_SIZE = 4
"""Documents per Ray batch at most: small, so that a few documents keep every worker busy."""

LOCAL_RAY_ENVIRONMENT = {
    # Local Ray only: every Ray process binds and advertises 127.0.0.1, not the host's address.
    "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0",
    "RAY_USAGE_STATS_ENABLED": "0",
    # Ray's API server asks the cloud metadata addresses which cloud it runs on, usage stats or
    # not: Python HTTP clients in Ray's processes get a proxy on a closed loopback port (gRPC
    # is told to use no proxy at all; loopback addresses bypass the proxy).
    "http_proxy": "http://127.0.0.1:9",
    "https_proxy": "http://127.0.0.1:9",
    "no_proxy": "127.0.0.1,localhost,::1",
    "grpc_proxy": "",
}
RAY_OPTIONS: dict[str, Any] = {
    "include_dashboard": False,
    "log_to_driver": False,
    "logging_level": logging.WARNING,
}


def extract_on_ray(
    documents: Iterable[Document],
    *,
    settings: Settings,
    address: str | None = None,
    num_cpus: int | None = None,
) -> Iterator[Extraction]:
    """Read the documents with spaCy on Ray workers; yields their extractions in document order.

    Args:
        documents: the documents to read.
        settings: the model (every worker loads it once) and the batch size (at most
            ``RAY_BATCH_SIZE`` documents per Ray batch).
        address: an existing Ray cluster (``"auto"``, ``"host:6379"``), left running; by
            default a local Ray instance, stopped at the end.
        num_cpus: CPUs of the local instance (by default all of this machine's); one worker
            per CPU.

    Raises:
        KgError: Ray is not installed, the cluster cannot be reached, a worker failed, or a
            worker reads with other rules (another kg, spaCy or model version) than this one.
    """
    rows = [document_to_row(document, position=i) for i, document in enumerate(documents)]
    if not rows:
        return
    ray, started = _start_ray(address=address, num_cpus=num_cpus)
    try:
        extracted = _run(ray, rows, settings)
        yield from _in_order(extracted, len(rows), rules_fingerprint(settings.model))
    finally:
        if started:
            ray.shutdown()


def _start_ray(*, address: str | None, num_cpus: int | None) -> tuple[ModuleType, bool]:
    """Ray, connected to the cluster at ``address`` or to a new local instance, and whether we
    started that connection (a Ray already initialized in this process is used as it is)."""
    if address is not None:
        ray = _import_ray()
        if ray.is_initialized():
            return ray, False
        try:
            ray.init(address=address, **RAY_OPTIONS)
        except (ConnectionError, RuntimeError, ValueError) as e:
            raise KgError(f"cannot reach the Ray cluster at {address}: {e}") from e
        return ray, True
    with _environment(LOCAL_RAY_ENVIRONMENT):  # read by Ray at import and by what it starts
        ray = _import_ray()
        if ray.is_initialized():
            return ray, False
        with _loopback_node(ray):
            ray.init("local", num_cpus=num_cpus, _node_ip_address="127.0.0.1", **RAY_OPTIONS)
    return ray, True


@contextmanager
def _loopback_node(ray: ModuleType) -> Iterator[None]:
    """The driver takes 127.0.0.1 as its node's address even if Ray was imported before
    ``RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER`` was set: Ray reads it once, into a constant that
    ``ray._private.services.get_node_ip_address`` looks up (Ray has no public switch)."""
    constants = ray._private.ray_constants
    saved = constants.ENABLE_RAY_CLUSTER
    constants.ENABLE_RAY_CLUSTER = False
    try:
        yield
    finally:
        constants.ENABLE_RAY_CLUSTER = saved


def _import_ray() -> ModuleType:
    try:
        import ray
        import ray.data
    except ImportError as e:
        raise KgError("--engine ray needs Ray: pip install 'kg[ray]'") from e
    return ray


def _run(ray: ModuleType, rows: list[dict[str, Any]], settings: Settings) -> Iterator[Any]:
    """The output rows of the Ray Dataset pipeline, as they come (in no particular order)."""
    batch_size = max(1, min(settings.batch_size, RAY_BATCH_SIZE))
    cpus = int(ray.cluster_resources().get("CPU", 1))
    workers = max(1, min(cpus, math.ceil(len(rows) / batch_size)))
    context = ray.data.DataContext.get_current()  # this process's: restored at the end
    saved = (context.enable_progress_bars, context.print_on_execution_start)
    context.enable_progress_bars = context.print_on_execution_start = False
    try:
        extracted = ray.data.from_items(rows).map_batches(
            RayExtractor,
            fn_constructor_kwargs={"settings": settings},
            batch_size=batch_size,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=workers),
            num_cpus=1,
        )
        yield from extracted.iter_rows()
    except ray.exceptions.RayError as e:  # its last line: the worker's exception, if any
        lines = [line.strip() for line in str(e).splitlines() if line.strip()]
        reason = lines[-1] if lines else type(e).__name__
        raise KgError(f"extraction on Ray failed: {reason}") from e
    finally:
        context.enable_progress_bars, context.print_on_execution_start = saved


def _in_order(rows: Iterable[Any], count: int, fingerprint: str) -> Iterator[Extraction]:
    """Rows back in document order, each yielded as soon as the ones before it are in."""
    pending: dict[int, str] = {}
    position = 0
    for row in rows:
        if row["fingerprint"] != fingerprint:
            raise KgError(
                "a Ray worker reads with other rules than this kg (another kg, spaCy or model "
                "version): install the same kg[ray] on every node of the cluster"
            )
        pending[int(row["position"])] = str(row["extraction"])
        while position in pending:
            yield extraction_from_json(json.loads(pending.pop(position)))
            position += 1
    if position != count or pending:
        raise KgError(f"Ray gave back {position + len(pending)} extractions of {count} documents")


class RayExtractor:
    """A Ray actor's reader: loads the spaCy pipeline once, then reads batch after batch.

    Takes and returns plain columns (position, the document as JSON text; position, the
    extraction as JSON text and the rules it was read with), so only records cross processes.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = replace(settings, n_process=1)
        self.nlp = make_nlp(self.settings)
        self.fingerprint = rules_fingerprint(settings.model)

    def __call__(self, batch: Any) -> Any:
        """A ``pyarrow.Table`` of document rows -> one of extraction rows."""
        import pyarrow as pa

        rows = batch.to_pylist()
        documents = [document_from_row(row) for row in rows]
        extractions = extract_documents(documents, self.nlp, settings=self.settings)
        return pa.table(
            {
                "position": [row["position"] for row in rows],
                "extraction": [json.dumps(extraction_to_json(ex)) for ex in extractions],
                "fingerprint": [self.fingerprint] * len(rows),
            }
        )


# -- Document <-> row ---------------------------------------------------------------------------


def document_to_row(document: Document, *, position: int) -> dict[str, Any]:
    """A document as a plain row: its position and its JSON text (``kg.records_json``)."""
    return {"position": position, "document": json.dumps(document_to_json(document))}


def document_from_row(row: dict[str, Any]) -> Document:
    """The document ``document_to_row`` wrote."""
    return document_from_json(json.loads(row["document"]))


@contextmanager
def _environment(variables: dict[str, str]) -> Iterator[None]:
    """These environment variables while the block runs (for the processes it starts)."""
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
