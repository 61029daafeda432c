"""Names the world equates: known organizations' other names, names with middle names."""

from __future__ import annotations

import pytest

from kg.records import Kind, Relation
from kg.resolve import resolve
from tests.test_resolve import extraction, org, person, place


def labels_by_kind(resolution) -> dict[Kind, list[str]]:
    found: dict[Kind, list[str]] = {}
    for entity in resolution.entities:
        found.setdefault(entity.kind, []).append(entity.label)
    return found


def test_a_news_agency_and_its_short_name_are_one_organization_across_documents() -> None:
    resolution = resolve(
        [extraction("a", org("Xinhua News Agency")), extraction("b", org("Xinhua"))]
    )
    assert labels_by_kind(resolution)[Kind.ORGANIZATION] == ["Xinhua News Agency"]


def test_an_alliance_by_its_other_name_is_one_organization() -> None:
    resolution = resolve(
        [extraction("a", org("NATO"), org("Atlantic Alliance")), extraction("b", org("NATO"))]
    )
    assert len(resolution.entities) == 1


def test_a_name_with_middle_names_is_the_same_person_in_a_document() -> None:
    resolution = resolve(
        [extraction("a", person("Kwame Asante"), person("Kwame Ofori Boateng Asante"))]
    )
    assert labels_by_kind(resolution)[Kind.PERSON] == ["Kwame Ofori Boateng Asante"]


def test_two_longer_forms_that_disagree_stay_apart() -> None:
    resolution = resolve(
        [
            extraction(
                "a", person("Maria Lopez"), person("Maria Elena Lopez"), person("Maria Jose Lopez")
            )
        ]
    )
    assert len(labels_by_kind(resolution)[Kind.PERSON]) == 3


def test_an_organization_of_a_country_is_the_one_its_short_name_names() -> None:
    resolution = resolve(
        [extraction("a", org("Electoral Commission of Ghana"), org("Electoral Commission"))]
    )
    assert labels_by_kind(resolution)[Kind.ORGANIZATION] == ["Electoral Commission of Ghana"]


def test_one_name_of_several_words_is_one_node_whatever_type_each_document_gave_it() -> None:
    holder = extraction(
        "a",
        person("Olga Berg"),
        org("Finance Ministry"),
        relations=((0, Relation.HOLDS_POST, 1, "minister"),),
    )
    resolution = resolve([holder, extraction("b", org("Olga Berg"))])
    assert labels_by_kind(resolution)[Kind.PERSON] == ["Olga Berg"]
    assert labels_by_kind(resolution)[Kind.ORGANIZATION] == ["Finance Ministry"]


def test_a_part_of_a_person_s_name_stands_for_that_person() -> None:
    resolution = resolve(
        [
            extraction(
                "a",
                person("Andres Manuel Lopez Obrador"),
                person("Lopez Obrador"),
                person("Luiz Inacio Lula da Silva"),
                org("Lula"),
            )
        ]
    )
    assert sorted(labels_by_kind(resolution)[Kind.PERSON]) == [
        "Andres Manuel Lopez Obrador",
        "Luiz Inacio Lula da Silva",
    ]


def test_a_surname_the_model_typed_as_an_organization_joins_the_person_across_documents() -> None:
    resolution = resolve(
        [extraction("a", person("Boris Hallberg")), extraction("b", org("Hallberg"))]
    )
    assert labels_by_kind(resolution) == {Kind.PERSON: ["Boris Hallberg"]}


def test_a_lone_place_name_is_no_surname() -> None:
    resolution = resolve(
        [extraction("a", place("San Vicente de Tagua")), extraction("b", place("Tagua"))]
    )
    assert len(resolution.entities) == 2


def test_two_spellings_of_one_name_are_one_entity_across_documents_whatever_the_type() -> None:
    resolution = resolve(
        [
            extraction("a", person("Anura Kumara Dissanayake")),
            extraction("b", org("Anura Kumara Dissanayaka")),
            extraction("c", person("Kim Jong Un"), person("Kim Jong Il")),
        ]
    )
    assert len(resolution.entities) == 3


def test_a_bare_institution_name_is_one_body_only_within_one_country() -> None:
    kenya = place("Kenya", key="country@KE")
    thailand = place("Thailand", key="country@TH")
    resolution = resolve(
        [
            extraction("a", org("Senate"), kenya),
            extraction("b", org("Senate"), kenya),
            extraction("c", org("Senate"), thailand),
            extraction("d", org("Supreme National Security Council"), kenya),
            extraction("e", org("Supreme National Security Council"), thailand),
        ]
    )
    senates = [e for e in resolution.entities if e.label == "Senate"]
    assert sorted(len(e.documents) for e in senates) == [1, 2]
    assert len([e for e in resolution.entities if e.label.startswith("Supreme")]) == 1


def test_a_company_and_its_name_without_the_suffix_are_one_across_documents() -> None:
    resolution = resolve([extraction("a", org("Orion PMC")), extraction("b", org("Orion"))])
    assert len(resolution.entities) == 1


def test_a_person_named_in_full_in_a_mistyped_article_is_still_a_person() -> None:
    resolution = resolve([extraction("a", place("Luc Moreau")), extraction("b", person("Moreau"))])
    assert labels_by_kind(resolution) == {Kind.PERSON: ["Luc Moreau"]}


def test_a_party_s_short_name_is_the_party() -> None:
    resolution = resolve([extraction("a", org("National Party"), org("National"))])
    assert labels_by_kind(resolution)[Kind.ORGANIZATION] == ["National Party"]


def test_the_north_is_the_one_place_of_the_document_named_so() -> None:
    resolution = resolve([extraction("a", place("North Korea"), place("North"))])
    assert labels_by_kind(resolution)[Kind.PLACE] == ["North Korea"]


def test_a_company_and_its_legal_name_are_one_organization() -> None:
    resolution = resolve(
        [extraction("a", org("Davide Campari-Milano NV"), org("Campari"), org("Aperol"))]
    )
    assert sorted(labels_by_kind(resolution)[Kind.ORGANIZATION]) == [
        "Aperol",
        "Davide Campari-Milano NV",
    ]


def test_a_word_of_two_legal_names_is_neither_company() -> None:
    resolution = resolve(
        [extraction("a", org("Toyota Motor Corp"), org("Toyota Tsusho Corp"), org("Toyota"))]
    )
    assert len(resolution.entities) == 3


def test_spaced_and_joined_initials_are_one_person_across_documents() -> None:
    resolution = resolve(
        [
            extraction("a", person("R K Menon"), person("Menon")),
            extraction("b", person("RK Menon")),
            extraction("c", person("R.K. Menon")),
        ]
    )
    assert len(labels_by_kind(resolution)[Kind.PERSON]) == 1


def test_spaced_and_joined_initials_are_one_person_in_a_document() -> None:
    resolution = resolve([extraction("a", person("R K Menon"), person("RK Menon"))])
    assert len(labels_by_kind(resolution)[Kind.PERSON]) == 1


def test_other_initials_stay_another_person() -> None:
    resolution = resolve(
        [extraction("a", person("R K Menon")), extraction("b", person("RS Menon"))]
    )
    assert len(labels_by_kind(resolution)[Kind.PERSON]) == 2


PERU = place("Peru", key="country@PE")


@pytest.mark.parametrize(
    ("longer", "elsewhere", "count"),
    [
        (["Rosa Quispe Mamani"], PERU, 1),  # a further surname in another story of Peru
        (["Rosa Elena Quispe"], PERU, 1),  # a middle name
        (["Rosa Quispe Mamani"], place("Chile", key="country@CL"), 2),  # a story of Chile
        (["Rosa Quispe Mamani", "Rosa Quispe Huaman"], PERU, 3),  # which of the two?
        (["Rosa Quispe Jr"], PERU, 2),  # a daughter's name
    ],
)
def test_a_name_and_its_one_longer_form_in_stories_of_one_country(longer, elsewhere, count):
    resolution = resolve(
        [
            extraction("a", PERU, person("Rosa Quispe")),
            extraction("b", elsewhere, *map(person, longer)),
        ]
    )
    assert len(labels_by_kind(resolution)[Kind.PERSON]) == count


@pytest.mark.parametrize(
    ("other", "count"), [("US Forest Service", 1), ("Forest Service", 2), ("UK Forest Service", 2)]
)
def test_an_organization_named_with_its_countrys_other_name_is_one_across_documents(other, count):
    resolution = resolve(
        [extraction("a", org("United States Forest Service")), extraction("b", org(other))]
    )
    assert len(labels_by_kind(resolution)[Kind.ORGANIZATION]) == count


def test_a_broadcaster_by_its_short_name_is_one_organization_across_documents() -> None:
    resolution = resolve(
        [
            extraction("a", org("RK Television")),
            extraction("b", org("RK"), org("RK News")),  # its news programme stays apart
        ]
    )
    assert sorted(labels_by_kind(resolution)[Kind.ORGANIZATION]) == ["RK News", "RK Television"]


@pytest.mark.parametrize(
    ("short", "count"), [("Fair Trade Commission", 1), ("Trade Commission", 2)]
)
def test_an_organization_by_its_name_without_the_korea_in_front_is_one(short, count):
    resolution = resolve([extraction("a", org("Korea Fair Trade Commission"), org(short))])
    assert len(labels_by_kind(resolution)[Kind.ORGANIZATION]) == count


def test_a_residence_by_its_other_form_is_one_place_across_documents() -> None:
    resolution = resolve(
        [extraction("a", place("Hallberg Palace")), extraction("b", place("Schloss Hallberg"))]
    )
    assert len(labels_by_kind(resolution)[Kind.PLACE]) == 1


@pytest.mark.parametrize(
    ("mentions", "count"),
    [
        ((place("Schloss Hallberg"), place("Hallberg")), 1),  # the place the story meets at
        ((place("Schloss Hallberg"), place("Hallberg Castle"), place("Hallberg")), 1),
        ((place("Palais de la Nation"), place("Nation")), 2),  # a name of its own
        ((place("Hallberg Palace"), org("Hallberg")), 2),  # not a place
    ],
)
def test_a_place_is_the_one_residence_named_after_it_in_a_document(mentions, count):
    assert len(resolve([extraction("a", *mentions)]).entities) == count


def test_a_place_alone_is_not_the_residence_named_after_it_in_another_document() -> None:
    resolution = resolve(
        [extraction("a", place("Hallberg Palace")), extraction("b", place("Hallberg"))]
    )
    assert len(labels_by_kind(resolution)[Kind.PLACE]) == 2


@pytest.mark.parametrize(
    ("handle", "count"), [("@RKMenon", 1), ("@RKMenonOffice", 2), ("RKMenon", 2)]
)
def test_a_handle_is_the_person_whose_name_it_spells(handle, count):
    resolution = resolve([extraction("a", person("RK Menon"), person(handle))])
    assert len(labels_by_kind(resolution)[Kind.PERSON]) == count
