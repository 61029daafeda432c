"""The sources of documents: publishers and dateline places become entities of the graph."""

from __future__ import annotations

from kg.records import Document, Entity, Extraction, Kind, Relation
from kg.resolve import resolve
from kg.resolve.sources import with_datelines, with_publishers


def test_a_dateline_place_is_a_place_of_the_graph_even_if_the_body_never_names_it() -> None:
    documents = (
        Document("a", "a", "Rain fell.", dateline_place="Mombasa"),
        Document("b", "b", "Rain fell.", dateline_place="Nairobi"),
        Document("c", "c", "Rain fell.", dateline_place="Home Page"),
    )
    nairobi = Entity("place/nairobi", Kind.PLACE, "Nairobi", documents=("x",))
    entities, links = with_datelines((nairobi,), documents)
    by_label = {e.label: e for e in entities}
    assert by_label["Mombasa"].documents == ("a",)
    assert by_label["Nairobi"].documents == ("b", "x")
    assert "Home Page" not in by_label
    assert dict(links) == {"a": by_label["Mombasa"].key, "b": "place/nairobi"}


def test_a_publisher_by_its_short_name_is_the_agency_the_story_names() -> None:
    ap = Entity("organization/associated-press", Kind.ORGANIZATION, "Associated Press")
    entities, links = with_publishers((ap,), (Document("a", "a", "Rain.", publisher="AP"),))
    assert [e.label for e in entities] == ["Associated Press"]
    assert links == (("a", "organization/associated-press"),)


def test_a_country_a_dateline_names_after_its_place_is_a_place_of_the_article() -> None:
    documents = (Document("a", "a", "Rain.", dateline_place="Dubai, United Arab Emirates"),)
    entities, links = with_datelines((), documents)
    by_label = {e.label: e for e in entities}
    assert set(by_label) == {"Dubai", "United Arab Emirates"}
    assert dict(links) == {"a": by_label["Dubai"].key}


def test_a_dateline_city_lies_in_the_country_the_dateline_names() -> None:
    document = Document("a", "a", "Rain.", dateline_place="Dubai, United Arab Emirates")
    resolution = resolve([Extraction(document, sentences=(), mentions=())])
    by_label = {e.label: e for e in resolution.entities}
    assert by_label["Dubai"].fine_types == ("City",)
    assert by_label["United Arab Emirates"].fine_types == ("Country",)
    facts = {(f.subject, f.relation, f.object) for f in resolution.facts}
    dubai, uae = by_label["Dubai"].key, by_label["United Arab Emirates"].key
    assert (dubai, Relation.CONTAINED_IN_PLACE, uae) in facts


def test_a_publisher_the_model_took_for_a_person_is_retyped() -> None:
    dawn = Entity("person/dawn", Kind.PERSON, "Dawn", documents=("a",))
    entities, links = with_publishers((dawn,), (Document("a", "a", "Rain.", publisher="Dawn"),))
    assert [(e.key, e.kind, e.fine_types) for e in entities] == [
        ("person/dawn", Kind.ORGANIZATION, ("NewsMediaOrganization",))
    ]
    assert links == (("a", "person/dawn"),)


def test_a_publisher_with_its_other_name_in_brackets_is_one_outlet_by_both_names() -> None:
    anadolu = Entity("organization/anadolu", Kind.ORGANIZATION, "Anadolu Agency")
    documents = (
        Document("a", "a", "Rain.", publisher="Anadolu Agency (AA)"),
        Document("b", "b", "Rain.", publisher="CNA (Channel NewsAsia)"),
    )
    entities, links = with_publishers((anadolu,), documents)
    by_label = {e.label: e for e in entities}
    assert set(by_label) == {"Anadolu Agency", "CNA"}
    assert by_label["CNA"].alt_labels == ("Channel NewsAsia",)
    assert dict(links)["a"] == "organization/anadolu"
