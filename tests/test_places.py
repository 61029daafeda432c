"""Place names read as their document settles them: the Georgia of "Atlanta, Georgia" is the US
state, Paris beside Texas is not the French capital, a bare "Congo" is neither Congo."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from kg.extract.conversion import DocReader
from kg.extract.places import place_context
from kg.knowledge.gazetteer import load_gazetteer
from kg.records import Document

NLP = spacy.blank("en")
NLP.add_pipe("sentencizer")


def parsed(text: str, places: list[str]) -> tuple[Doc, Document]:
    """A Doc of ``text`` whose GPE entities are the given names, wherever they occur as
    whole words (longest first, so "Democratic Republic of the Congo" keeps its "Congo")."""
    doc = NLP(text)
    taken: set[int] = set()
    spans = []
    for name in sorted(places, key=len, reverse=True):
        start = text.find(name)
        while start >= 0:
            span = doc.char_span(start, start + len(name), label="GPE")
            if span is not None and not taken & set(range(span.start, span.end)):
                spans.append(span)
                taken |= set(range(span.start, span.end))
            start = text.find(name, start + 1)
    doc.ents = sorted(spans, key=lambda s: s.start)
    return doc, Document("a.txt", "a.txt", text)


def keys(text: str, places: list[str]) -> dict[str, set[str | None]]:
    """Each place name of the text -> the keys its mentions get."""
    doc, document = parsed(text, places)
    reader = DocReader(doc, document)
    for ent in doc.ents:
        reader.add_entity(ent)
    found: dict[str, set[str | None]] = {}
    for m in reader.mentions:
        found.setdefault(m.text, set()).add(m.key)
    return found


@pytest.mark.parametrize(
    ("text", "places", "georgia"),
    [
        (
            "Voters in Atlanta, Georgia, queued. Georgia counts on Friday.",
            ["Atlanta"],
            "region@US/GA",
        ),
        ("Storms hit Macon, Georgia on Monday.", ["Macon"], "region@US/GA"),
        ("Georgia and Alabama vote on Tuesday.", ["Alabama"], "region@US/GA"),
        (
            "Crowds marched in Tbilisi, Georgia. Georgia's president spoke.",
            ["Tbilisi"],
            "country@GE",
        ),
        ("Georgia's president met EU envoys.", [], "country@GE"),
        ("Georgia signed a deal with Azerbaijan.", ["Azerbaijan"], "country@GE"),
        ("Polls closed in Georgia, United States.", ["United States"], "region@US/GA"),
    ],
)
def test_georgia_is_the_state_or_the_country_as_the_story_tells(text, places, georgia):
    assert keys(text, ["Georgia", *places])["Georgia"] == {georgia}


def test_georgia_with_evidence_both_ways_gets_no_key():
    text = "Officials from Georgia and Texas flew to Tbilisi."
    assert keys(text, ["Georgia", "Texas", "Tbilisi"])["Georgia"] == {None}


def test_paris_texas_is_not_the_french_capital():
    found = keys("A fair in Paris, Texas, drew crowds. Paris was busy.", ["Paris", "Texas"])
    assert found["Paris"] == {None}  # in the whole document, not only beside "Texas"
    assert found["Texas"] == {"region@US/TX"}


def test_paris_alone_and_paris_france_are_the_capital():
    assert keys("Talks in Paris ended.", ["Paris"])["Paris"] == {"city@FR/Paris"}
    found = keys("Talks in Paris, France ended.", ["Paris", "France"])
    assert found["Paris"] == {"city@FR/Paris"}


def test_a_state_the_qualifier_names_wins_over_a_city_of_that_name():
    """ "Victoria, Australia": the state of Victoria, not the capital of the Seychelles."""
    assert keys("Fires in Victoria, Australia spread.", ["Victoria", "Australia"])["Victoria"] == {
        "region@AU/VIC"
    }
    assert keys("Talks in Victoria ended.", ["Victoria"])["Victoria"] == {"city@SC/Victoria"}


def test_congo_alone_is_neither_congo():
    text = (
        "Fighting in Congo spread. The Democratic Republic of the Congo and Congo-Brazzaville met."
    )
    found = keys(text, ["Congo", "Democratic Republic of the Congo", "Congo-Brazzaville"])
    assert found["Congo"] == {None}
    assert found["Democratic Republic of the Congo"] == {"country@CD"}
    assert found["Congo-Brazzaville"] == {"country@CG"}


def test_the_context_of_a_document_without_places_is_empty():
    context = place_context("No places here.", [], load_gazetteer())
    assert (context.regions, context.not_cities, context.unsettled) == (
        {},
        frozenset(),
        frozenset(),
    )


def test_a_state_name_two_countries_have_gets_no_key():
    """Punjab is a state of India and a province of Pakistan."""
    assert keys("Floods hit Punjab on Monday.", ["Punjab"])["Punjab"] == {None}
    assert keys("Floods hit Bavaria on Monday.", ["Bavaria"])["Bavaria"] == {"region@DE/BY"}
