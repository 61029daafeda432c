"""The relation rules on hand-made findings: what a post, a membership or a place implies."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.extract.components.findings import RelationFound, Role
from kg.extract.conversion import DocReader
from kg.extract.relations import RelationRules
from kg.records import Document, Relation

NLP = spacy.blank("en")
NLP.add_pipe("sentencizer")


def parsed(text: str, ents: dict[str, str]) -> tuple[Doc, Document]:
    """A Doc of ``text`` whose entities are the given phrases, wherever they occur."""
    doc = NLP(text)
    spans = []
    for phrase, label in ents.items():
        start = text.find(phrase)
        while start >= 0:
            spans.append(doc.char_span(start, start + len(phrase), label=label))
            start = text.find(phrase, start + 1)
    doc.ents = spans
    return doc, Document("a.txt", "a.txt", text)


def role(text: str, name: str, phrase: str, after: int = 0) -> Role:
    start = text.index(phrase, after)
    return Role(name, start, start + len(phrase), phrase)


def read(doc: Doc, document: Document, found: list[RelationFound]) -> set[tuple[str, str, str]]:
    reader = DocReader(doc, document)
    for ent in doc.ents:
        reader.add_entity(ent)
    RelationRules(reader).add_all(found)
    m = reader.mentions
    return {
        (m[r.subject].text, r.relation.value, m[r.object].key or m[r.object].text)
        for r in reader.relations
    }


def title_person(text: str, title: str, person: str) -> RelationFound:
    return RelationFound(
        Relation.HOLDS_POST, (role(text, "title", title), role(text, "person", person))
    )


def test_a_state_title_without_a_country_is_a_post_of_the_story_country():
    text = (
        "Kenya's parliament met in Nairobi. Prime Minister Ana Ruiz spoke. Congress "
        "president Bo Lee left. Fisheries Minister Jo Kim stayed. Kenya voted.\n"
    )
    ents = {"Kenya": "GPE", "Nairobi": "GPE", "Ana Ruiz": "PERSON", "Bo Lee": "PERSON"}
    doc, document = parsed(text, {**ents, "Jo Kim": "PERSON"})
    found = [
        title_person(text, "Prime Minister", "Ana Ruiz"),
        title_person(text, "president", "Bo Lee"),
        title_person(text, "Minister", "Jo Kim"),
    ]
    posts = read(doc, document, found)
    assert ("Ana Ruiz", "holds", "country@KE") in posts
    assert ("Jo Kim", "holds", "country@KE") in posts  # "Fisheries" is a portfolio
    assert not any(p[0] == "Bo Lee" for p in posts)  # the president of Congress


def test_no_story_country_when_two_countries_share_the_story():
    text = "Kenya and Uganda met. Kenya and Uganda agreed. President Ana Ruiz spoke.\n"
    doc, document = parsed(text, {"Kenya": "GPE", "Uganda": "GPE", "Ana Ruiz": "PERSON"})
    assert read(doc, document, [title_person(text, "President", "Ana Ruiz")]) == set()


def test_a_holder_whose_country_is_stated_keeps_it():
    text = "In Kenya, Kenya's talks. Ugandan President Ana Ruiz came. President Ana Ruiz spoke.\n"
    doc, document = parsed(text, {"Kenya": "GPE", "Ana Ruiz": "PERSON"})
    second = text.index("President Ana")
    stated = RelationFound(
        Relation.HOLDS_POST,
        (
            role(text, "country", "Ugandan"),
            role(text, "title", "President"),
            role(text, "person", "Ana Ruiz"),
        ),
    )
    bare = RelationFound(
        Relation.HOLDS_POST,
        (role(text, "title", "President", second), role(text, "person", "Ana Ruiz", second)),
    )
    posts = read(doc, document, [stated, bare])
    assert ("Ana Ruiz", "holds", "country@UG") in posts
    assert ("Ana Ruiz", "holds", "country@KE") not in posts
