"""Sentence bounds the parser is given: a sentence never runs across a line break, and never
ends on a title's abbreviation.

The reader separates a page's paragraphs, list items and embedded posts by line breaks, but
the small model's parser joins some of them into one sentence (6 % of the sentences of our
real-news pages did: a byline and the lede, a quote and the next paragraph), and it ends
others after "Brig. Gen." or "Sen.", cutting the name from its title. ``kg_sentences`` runs
before the parser and sets both bounds; the parser keeps the bounds it is given.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.knowledge.lexicon import titles


@Language.factory("kg_sentences", assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str) -> SentenceBounds:
    return SentenceBounds()


class SentenceBounds:
    """Starts a sentence after each line break; none right after a title's abbreviation."""

    def __init__(self) -> None:
        self.abbreviations = frozenset(t for t in titles() if " " not in t)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, *self.match(doc))
        return doc

    def match(self, doc: Doc) -> tuple[list[int], list[int]]:
        """The tokens after a line break (spaCy keeps breaks as whitespace tokens), and the
        names after an abbreviated title ("Gen. | Yahya Saree")."""
        starts = [
            t.i + 1 for t in doc[:-1] if t.is_space and "\n" in t.text and not doc[t.i + 1].is_space
        ]
        inside = [
            t.i + 1 for t in doc[:-1] if self._ends_an_abbreviation(t) and doc[t.i + 1].is_title
        ]
        return starts, inside

    def _ends_an_abbreviation(self, token: Token) -> bool:
        """ "Gen." and the period of "Brig | .", as the tokenizer splits some of them."""
        if token.text == "." and token.i > 0:
            before = token.doc[token.i - 1]
            return not before.whitespace_ and before.lower_ in self.abbreviations
        return token.text.endswith(".") and token.lower_.rstrip(".") in self.abbreviations

    @staticmethod
    def set_annotations(doc: Doc, starts: list[int], inside: list[int]) -> None:
        for i in starts:
            doc[i].is_sent_start = True
        for i in inside:
            doc[i].is_sent_start = False
