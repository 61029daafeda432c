"""Paragraph component: a sentence never runs across a line break.

The reader separates a page's paragraphs, list items and embedded posts by line breaks, but
the small model's parser joins some of them into one sentence (6 % of the sentences of our
real-news pages did: a byline and the lede, a quote and the next paragraph), which garbles
the parse of both. ``kg_paragraphs`` runs before the parser and starts a sentence after every
line break; the parser keeps the boundaries it is given.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("kg_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> ParagraphBreaks:
    return ParagraphBreaks()


class ParagraphBreaks:
    """Starts a sentence at the first token after each line break."""

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    @staticmethod
    def match(doc: Doc) -> list[int]:
        """The tokens that follow a line break (spaCy keeps breaks as whitespace tokens)."""
        return [
            t.i + 1 for t in doc[:-1] if t.is_space and "\n" in t.text and not doc[t.i + 1].is_space
        ]

    @staticmethod
    def set_annotations(doc: Doc, starts: list[int]) -> None:
        for i in starts:
            doc[i].is_sent_start = True
