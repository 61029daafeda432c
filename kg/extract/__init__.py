"""Extraction: ``Document`` records -> ``Extraction`` records, by spaCy and our components.

In this process (``kg.extract.nlp``) or on Ray Data (``kg.extract.ray_engine``, kg[ray]).
"""

from kg.extract.nlp import extract_documents, make_nlp

__all__ = ["extract_documents", "make_nlp"]
