"""Entity types from the words around names, on hand-made Docs (the model is not the point)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.components.entity_types import EntityTypeRules


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


def typed(nlp: Language, text: str, *names: tuple[str, str]) -> dict[str, str]:
    doc: Doc = nlp(text)
    spans = []
    for name, label in names:
        start = text.index(name)
        span = doc.char_span(start, start + len(name), label=label)
        assert span is not None, name
        spans.append(span)
    doc.ents = spans
    doc = EntityTypeRules()(doc)
    return {ent.text: ent.label_ for ent in doc.ents}


def test_a_world_city_the_model_took_for_a_person_is_a_place(blank) -> None:
    assert typed(blank, "Residents of Quilpué fled the fire .", ("Quilpué", "PERSON")) == {
        "Quilpué": "GPE"
    }


def test_a_city_name_that_is_a_named_person_s_surname_stays_a_person(blank) -> None:
    text = "Warren said no ; Senator Elizabeth Warren spoke ."
    labels = typed(blank, text, ("Warren", "ORG"), ("Elizabeth Warren", "PERSON"))
    assert labels == {"Warren": "PERSON", "Elizabeth Warren": "PERSON"}


def test_a_known_agency_the_model_took_for_a_person_is_an_organization(blank) -> None:
    assert typed(blank, "Xinhua reported the talks .", ("Xinhua", "PERSON")) == {"Xinhua": "ORG"}


def test_a_titled_name_the_model_took_for_an_organization_is_a_person(blank) -> None:
    text = "President-elect Kwame Asante thanked voters ; Asante spoke ."
    labels = typed(blank, text, ("Kwame Asante", "ORG"), ("Asante spoke", "ORG"))
    assert labels["Kwame Asante"] == "PERSON"


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Rebels said the Ansaris fired drones .", "Ansaris", "PERSON"),
        ("A statement by Davide Ferro NV followed .", "Davide Ferro NV", "PERSON"),
    ],
)
def test_groups_and_companies_the_model_took_for_people(blank, text, name, label) -> None:
    assert typed(blank, text, (name, label)) == {name: "ORG"}
