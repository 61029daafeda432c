"""Long documents read in windows: spaCy refuses a text over ``nlp.max_length`` (E088), and its
memory grows with the length of the ``Doc`` it holds.

A document longer than ``WINDOW_CHARS`` is cut at paragraph boundaries (else at a line end,
a sentence end, a space: the last one inside the window), each window is read on its own,
and the windows' records are joined into one extraction whose offsets, sentence numbers and
mention numbers are those of the whole text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.records import (
    Alias,
    Document,
    EventMention,
    Extraction,
    Mention,
    RelationMention,
    Sentence,
    Span,
)

WINDOW_CHARS = 100_000
"""The most characters spaCy reads at once (a long news article is some 20,000)."""
_BOUNDARIES = (
    re.compile(r"\n[ \t]*\n\s*"),  # a paragraph
    re.compile(r"\n\s*"),  # a line
    re.compile(r"[.!?][\"'”’)\]]*\s+"),  # a sentence
    re.compile(r"\s+"),  # a word
)


def split_windows(text: str, limit: int = WINDOW_CHARS) -> list[tuple[int, str]]:
    """The text as windows of at most ``limit`` characters, each with its offset in the text.

    >>> split_windows("One. Two.\\n\\nThree.\\n\\nFour.", limit=12)
    [(0, 'One. Two.\\n\\n'), (11, 'Three.\\n\\n'), (19, 'Four.')]
    >>> split_windows("a line that is long", limit=8)
    [(0, 'a line '), (7, 'that is '), (15, 'long')]
    """
    windows: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        windows.append((start, text[start:end]))
        start = end
    windows.append((start, text[start:]))
    return windows


def _cut(text: str, start: int, most: int) -> int:
    """Where the window from ``start`` ends: after the last boundary of the first kind that
    leaves it at least a quarter full, else at ``most``."""
    for boundary in _BOUNDARIES:
        ends = [m.end() for m in boundary.finditer(text, start, most) if m.end() <= most]
        good = [end for end in ends if end - start >= (most - start) // 4]
        if good:
            return good[-1]
    return most


def join_windows(document: Document, parts: list[tuple[int, Extraction]]) -> Extraction:
    """One extraction of the whole document from its windows' (offset, extraction) pairs."""
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    aliases: list[Alias] = []
    relations: list[RelationMention] = []
    events: list[EventMention] = []
    for offset, part in parts:
        shift = _Shift(offset, len(sentences), len(mentions), len(events))
        sentences += [shift.sentence(s) for s in part.sentences]
        mentions += [shift.mention(m) for m in part.mentions]
        aliases += [Alias(shift.m + a.long, shift.m + a.short) for a in part.aliases]
        relations += [shift.relation(r) for r in part.relations]
        events += [shift.event(e) for e in part.events]
    return Extraction(
        document,
        tuple(sentences),
        tuple(mentions),
        tuple(aliases),
        tuple(relations),
        tuple(events),
    )


class _Shift:
    """Moves one window's records to the whole document: characters by ``offset``,
    sentence, mention and event numbers by how many the windows before it had."""

    def __init__(self, offset: int, sentences: int, mentions: int, events: int) -> None:
        self.offset, self.s, self.m, self.e = offset, sentences, mentions, events

    def span(self, span: Span) -> Span:
        return replace(
            span,
            sentence=span.sentence + self.s,
            start=span.start + self.offset,
            end=span.end + self.offset,
        )

    def sentence(self, sent: Sentence) -> Sentence:
        return replace(
            sent,
            index=sent.index + self.s,
            start=sent.start + self.offset,
            end=sent.end + self.offset,
        )

    def mention(self, mention: Mention) -> Mention:
        descriptors = tuple(i + self.m for i in mention.descriptors)
        return replace(mention, span=self.span(mention.span), descriptors=descriptors)

    def relation(self, relation: RelationMention) -> RelationMention:
        return replace(
            relation,
            subject=relation.subject + self.m,
            object=relation.object + self.m,
            span=self.span(relation.span),
        )

    def event(self, event: EventMention) -> EventMention:
        relative = event.relative
        return replace(
            event,
            span=self.span(event.span),
            roles=tuple((role, i + self.m) for role, i in event.roles),
            places=tuple(i + self.m for i in event.places),
            relative=(relative[0], relative[1] + self.e) if relative is not None else None,
        )
