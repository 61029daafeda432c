"""Long documents: read in windows cut at paragraph boundaries, offsets those of the whole."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.config import Settings
from kg.extract.nlp import extract_documents, make_nlp
from kg.extract.windows import split_windows
from kg.records import Document, Extraction

PARAGRAPHS = [
    "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi on "
    "Monday. Ruto said the two countries would build a new road to the border.",
    "The World Food Programme said floods had displaced 40,000 people in Garissa. Its country "
    "director, Maria Lindqvist, said food would reach Mombasa within a week.",
    "Police in Lamu arrested two men on Tuesday. The Kenya Red Cross Society said it had "
    "sent medical teams to the coast.",
]


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("\n\n".join(PARAGRAPHS * 20), 1_000),  # paragraphs
        (" ".join(PARAGRAPHS * 20), 700),  # one line: sentence ends
        ("x" * 2_500, 1_000),  # no boundary at all
    ],
)
def test_windows_cover_the_text_within_the_limit(text, limit):
    windows = split_windows(text, limit)
    assert "".join(w for _, w in windows) == text
    assert all(len(w) <= limit for _, w in windows)
    assert [offset for offset, _ in windows] == [
        sum(len(w) for _, w in windows[:i]) for i in range(len(windows))
    ]


def test_windows_end_at_paragraph_then_sentence_boundaries():
    paragraphs = split_windows("\n\n".join(PARAGRAPHS * 20), 1_000)
    assert all(w.endswith("\n\n") for _, w in paragraphs[:-1])
    sentences = split_windows(" ".join(PARAGRAPHS * 20), 700)
    assert all(w.rstrip().endswith(".") for _, w in sentences)


@pytest.fixture(scope="module")
def small_nlp() -> Language:
    """The real pipeline, told it can read no more than 1,000 characters at once."""
    nlp = make_nlp(Settings())
    nlp.max_length = 1_000
    return nlp


def read(nlp: Language, text: str) -> Extraction:
    [extraction] = extract_documents(
        [Document("long.txt", "long.txt", text)], nlp, settings=Settings()
    )
    return extraction


@pytest.mark.model
def test_a_document_over_max_length_is_read_in_windows_with_its_offsets(small_nlp):
    text = "\n\n".join(PARAGRAPHS * 4)  # 1,800 characters: E088 without windows
    extraction = read(small_nlp, text)
    assert extraction.document.text == text
    assert [s.index for s in extraction.sentences] == list(range(len(extraction.sentences)))
    for sent in extraction.sentences:
        assert text[sent.start : sent.end] == sent.text
    for mention in extraction.mentions:
        sent = extraction.sentences[mention.span.sentence]
        assert sent.start <= mention.span.start < mention.span.end <= sent.end
        assert mention.text.split()[-1] in text[mention.span.start : mention.span.end]
    for relation in extraction.relations:
        for index in (relation.subject, relation.object):
            assert extraction.mentions[index].span.sentence == relation.span.sentence
    for event in extraction.events:
        assert all(0 <= i < len(extraction.mentions) for _, i in event.roles)
    people = {m.text for m in extraction.mentions if m.kind.value == "Person"}
    assert {"William Ruto", "Maria Lindqvist"} <= people


@pytest.mark.model
def test_each_window_reads_as_its_text_alone(small_nlp):
    """Where the window ends at a paragraph, each side reads as it reads alone."""
    first, second = " ".join(PARAGRAPHS), " ".join([*PARAGRAPHS, PARAGRAPHS[0]])
    text = f"{first}\n\n{second}"
    assert [offset for offset, _ in split_windows(text, 1_000)] == [0, len(first) + 2]
    whole = read(small_nlp, text)
    alone = [read(small_nlp, first), read(small_nlp, second)]
    offsets = [0, len(first) + 2]
    expected = [
        (m.text, m.kind, m.span.start + offset)
        for part, offset in zip(alone, offsets, strict=True)
        for m in part.mentions
    ]
    assert [(m.text, m.kind, m.span.start) for m in whole.mentions] == expected
    assert len(whole.sentences) == sum(len(part.sentences) for part in alone)
    assert [(e.event_class, e.trigger) for e in whole.events] == [
        (e.event_class, e.trigger) for part in alone for e in part.events
    ]
    assert len(whole.relations) == sum(len(part.relations) for part in alone)
