"""Description component: noun phrases that refer to a person without naming them.

"Kenya's top security official", "the WFP director", "the senior Nigerian official" name a
role and what it belongs to. ``kg_descriptions`` records each such phrase with its role word
and its modifiers (countries, nationalities, organizations) in ``doc._.kg_descriptions``
(``DescriptionFound``); resolution decides which person it is.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.extract.components.findings import DescriptionFound, Found
from kg.knowledge.lexicon import function_words, titles

if not Doc.has_extension("kg_descriptions"):
    Doc.set_extension("kg_descriptions", default=None)

DETERMINERS = function_words("determiner")
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
NAMED = frozenset({"ORG", "GPE", "NORP"})


@Language.factory(
    "kg_descriptions", assigns=["doc._.kg_descriptions"], requires=["token.dep", "doc.ents"]
)
def make_descriptions(nlp: Language, name: str) -> PersonDescriptions:
    return PersonDescriptions()


class PersonDescriptions:
    """Finds definite descriptions of people by a role word ("official", "secretary")."""

    def __init__(self) -> None:
        self.roles = frozenset(titles())
        self.spelled_out = {
            t: title.stands_for for t, title in titles().items() if title.stands_for
        }

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[DescriptionFound]:
        return [self._describe(t) for t in doc if self._is_description(t)]

    @staticmethod
    def set_annotations(doc: Doc, found: list[DescriptionFound]) -> None:
        doc._.kg_descriptions = found

    def _is_description(self, token: Token) -> bool:
        if token.ent_type_ or token.pos_ not in {"NOUN", "PROPN"}:
            return False
        if token.lower_ not in self.roles and token.lemma_.lower() not in self.roles:
            return False
        children = list(token.children)
        if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in children):
            return False  # "the outgoing mayor, Jan Sobczak": the name is right there
        definite = any(c.dep_ == "det" and c.lower_ in DETERMINERS for c in children)
        owned = any(c.dep_ == "poss" and c.ent_type_ in NAMED for c in children)
        return definite or owned

    def _describe(self, token: Token) -> DescriptionFound:
        modifiers = [c for c in token.children if c.dep_ in MODIFIER_DEPS and c.ent_type_ in NAMED]
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for obj in (g for g in prep.children if g.dep_ == "pobj" and g.ent_type_ in NAMED):
                modifiers.append(obj)
                modifiers += [c for c in obj.children if c.dep_ == "poss" and c.ent_type_ in NAMED]
        words = [c.lower_ for c in token.children if c.dep_ in MODIFIER_DEPS and c.is_lower]
        spelled_out = self.spelled_out.get(token.lower_)  # "the CJI": the chief justice
        return DescriptionFound(
            head=token.idx,
            start=token.left_edge.idx,
            end=token.idx + len(token.text),
            role=spelled_out.split()[-1] if spelled_out else token.lower_,
            words=tuple(w for w in words if w.isalpha()),
            modifiers=tuple(Found(m.idx, m.idx + len(m.text), m.text) for m in modifiers),
        )
