"""A parsed ``Doc`` and what our components found on it -> one ``Extraction`` record.

``DocReader`` keeps the document's sentences and mentions (numbered in the order they are
added, findable by character span); the relation rules (``kg.extract.relations``) and the
event reader (``kg.extract.events``) add to it.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span

from kg.extract.components.findings import AliasFound, InstitutionFound, RelationFound
from kg.extract.events import EventReader
from kg.extract.places import place_context
from kg.extract.relations import RelationRules
from kg.knowledge.gazetteer import Country, fold, load_gazetteer
from kg.knowledge.lexicon import entity_heads, institutions
from kg.records import (
    Alias,
    Document,
    Extraction,
    Key,
    Kind,
    Mention,
    RelationMention,
    Sentence,
)
from kg.records import Span as TextSpan

KIND_OF_LABEL = {
    "PERSON": Kind.PERSON,
    "ORG": Kind.ORGANIZATION,
    "GPE": Kind.PLACE,
    "LOC": Kind.PLACE,
    "FAC": Kind.PLACE,
}


_FULL_STOP_ON_A_WORD = re.compile(r"(?<=[a-z]{3})\.$")


def _without_full_stop(name: str) -> str:
    """A name without the sentence's full stop the tokenizer left on its last word ("the
    Commons."; not "Inc." nor "U.S.").

    >>> _without_full_stop("Commons."), _without_full_stop("Acme Inc."), _without_full_stop("U.S.")
    ('Commons', 'Acme Inc.', 'U.S.')
    """
    return _FULL_STOP_ON_A_WORD.sub("", name)


def to_extraction(doc: Doc, document: Document) -> Extraction:
    """The records of one parsed document: sentences, mentions, aliases and relations."""
    reader = DocReader(doc, document)
    rules = RelationRules(reader)
    for ent in doc.ents:
        index = reader.add_entity(ent)
        if index is not None and reader.mentions[index].kind is Kind.ORGANIZATION:
            rules.locate_by_name(index, ent.text, ent.start_char)
    pairs: list[AliasFound] = doc._.kg_aliases or []
    aliases = tuple(reader.alias(found) for found in pairs)
    found_relations: list[RelationFound] = doc._.kg_relations or []
    rules.add_all(found_relations)
    events = EventReader(reader, rules, doc._.kg_descriptions or []).read(doc._.kg_events or [])
    return Extraction(
        document,
        reader.sentences,
        tuple(reader.mentions),
        tuple(a for a in aliases if a is not None),
        tuple(reader.relations),
        events,
    )


class DocReader:
    """Collects one document's records; mentions are numbered in the order they are added."""

    def __init__(self, doc: Doc, document: Document) -> None:
        self.document = document
        self.gazetteer = load_gazetteer()
        self.sentences = tuple(
            Sentence(document.doc_id, i, sent.start_char, sent.end_char, sent.text)
            for i, sent in enumerate(doc.sents)
        )
        self._starts = [s.start for s in self.sentences]
        found: list[InstitutionFound] = doc._.kg_institutions or []
        self.institution_of = {(f.start, f.end): f for f in found}
        self.mentions: list[Mention] = []
        self.relations: list[RelationMention] = []
        self.index_of: dict[tuple[int, int], int] = {}
        places = [
            (e.start_char, e.end_char)
            for e in doc.ents
            if KIND_OF_LABEL.get(e.label_) is Kind.PLACE
        ]
        self.places = place_context(document.text, places, self.gazetteer)

    def within(self, start: int, end: int) -> int | None:
        """The mention inside a span (names lose "the" and titles after the span was found)."""
        inside = [(e - s, i) for (s, e), i in self.index_of.items() if start <= s and e <= end]
        return max(inside)[1] if inside else None

    def alias(self, found: AliasFound) -> Alias | None:
        long, short = self.within(*found.long), self.within(*found.short)
        return Alias(long, short) if long is not None and short is not None else None

    def span(self, start: int, end: int) -> TextSpan:
        sentence = max(bisect.bisect_right(self._starts, start) - 1, 0)
        return TextSpan(self.document.doc_id, sentence, start, end)

    def add_entity(self, ent: Span) -> int | None:
        """The mention of a name the NER (and our components) found, if of a kind we keep."""
        kind = KIND_OF_LABEL.get(ent.label_)
        if kind is None or not fold(ent.text):
            return None  # not a name kind, or only punctuation
        text = _without_full_stop(ent.text)
        return self.add(self._mention(text, kind, self.span(ent.start_char, ent.end_char)))

    def _mention(self, text: str, kind: Kind, span: TextSpan) -> Mention:
        institution = self.institution_of.get((span.start, span.end))
        if institution is not None:
            known = institutions()[institution.phrase]
            key = str(Key.for_institution(known.name, institution.country))
            return Mention(text, kind, span, known.fine_type, key=key, naming=known.naming)
        if kind is Kind.PLACE and (place := self._place(text, span)) is not None:
            return place
        rule = entity_heads().get(text.split()[-1].lower())
        fine_type = rule.fine_type if rule is not None and rule.kind == kind.value else None
        return Mention(text, kind, span, fine_type)

    def _place(self, text: str, span: TextSpan) -> Mention | None:
        """The mention of a country, state or city the gazetteer knows, read as the document
        settles it (``kg.extract.places``); none for a name it leaves unsettled."""
        name, gazetteer = fold(text), self.gazetteer
        if name in self.places.unsettled:
            return None
        region = self.places.regions.get(name)
        subdivisions = gazetteer.subdivisions_named(text)
        plain = gazetteer.city(text) is None or name in self.places.not_cities
        if region is None and len(subdivisions) == 1 and plain and not gazetteer.country(text):
            region = subdivisions[0].code  # a state no country or city of the gazetteer is
        if region is not None:
            country_code, part = region.split("-", 1)
            key = str(Key.for_region(country_code, part))
            return Mention(text, Kind.PLACE, span, "AdministrativeArea", key=key)
        if (country := gazetteer.country(text)) is not None:
            key = str(Key.for_country(country.code))
            return Mention(text, Kind.PLACE, span, "Country", key=key)
        city = gazetteer.city(text)
        if city is not None and name not in self.places.not_cities:
            key = str(Key.for_city(city.country, city.name))
            return Mention(text, Kind.PLACE, span, "City", key=key)
        return None

    def country(self, words: str) -> Country | None:
        """The country a name or a demonym ("Iraqi") stands for."""
        return self.gazetteer.country(words) or self.gazetteer.country_of_demonym(words)

    def country_reference(
        self, start: int, end: int, country: Country, *, naming: bool = False
    ) -> int:
        """The mention of a country, adding a non-naming one for a demonym ("Iraqi"), a
        naming one where asked for a name inside another ("Democratic Republic of Congo's
        army": the model saw the army, not the country's name in it)."""
        if (start, end) in self.index_of:
            return self.index_of[start, end]
        text = self.document.text[start:end]
        span = self.span(start, end)
        key = str(Key.for_country(country.code))
        return self.add(Mention(text, Kind.PLACE, span, "Country", key=key, naming=naming))

    def add(self, mention: Mention) -> int:
        """Number a mention and keep it, findable by its character span."""
        index = len(self.mentions)
        self.index_of[mention.span.start, mention.span.end] = index
        self.mentions.append(mention)
        return index

    def is_country(self, index: int | None) -> bool:
        key = self.mentions[index].key if index is not None else None
        return key is not None and Key.parse(key).is_country
