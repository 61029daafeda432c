"""Build: the resolved corpus -> an rdflib ``Dataset``. The only module that mints IRIs.

Named graphs: one per document (the article, its sentences, its mentions, and the reified
statements that tie each fact to its sentences) and one for what is merged across documents
(entities, their types and labels, the facts between them, events). No triple is stated in two
graphs, so the union the queries see has no duplicates.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from urllib.parse import quote

from rdflib import Dataset, Graph, Literal, Namespace, URIRef

from kg.config import Settings
from kg.records import (
    Document,
    Entity,
    EntityMention,
    Event,
    Fact,
    Kind,
    Relation,
    Resolution,
    Sentence,
)
from kg.vocab import KGO, ORG, PREFIXES, PROV, RDF, RDFS, SCHEMA, SKOS, XSD

FINE_TYPES = {
    "Country": SCHEMA.Country,
    "City": SCHEMA.City,
    "AdministrativeArea": SCHEMA.AdministrativeArea,
    "Airport": SCHEMA.Airport,
    "BodyOfWater": SCHEMA.BodyOfWater,
    "Mountain": SCHEMA.Mountain,
    "StadiumOrArena": SCHEMA.StadiumOrArena,
    "GovernmentOrganization": SCHEMA.GovernmentOrganization,
    "Corporation": SCHEMA.Corporation,
    "Airline": SCHEMA.Airline,
    "CollegeOrUniversity": SCHEMA.CollegeOrUniversity,
    "EducationalOrganization": SCHEMA.EducationalOrganization,
    "Hospital": SCHEMA.Hospital,
    "NewsMediaOrganization": SCHEMA.NewsMediaOrganization,
    "PoliticalParty": SCHEMA.PoliticalParty,
}
PREDICATES = {
    Relation.HOLDS_POST: ORG.holds,
    Relation.MEMBER_OF: ORG.memberOf,
    Relation.SUB_ORGANIZATION_OF: ORG.subOrganizationOf,
    Relation.LOCATION: SCHEMA.location,
    Relation.NATIONALITY: SCHEMA.nationality,
    Relation.HOME_LOCATION: SCHEMA.homeLocation,
    Relation.CONTAINED_IN_PLACE: SCHEMA.containedInPlace,
}
BASIC_TYPES = {
    Kind.PERSON: SCHEMA.Person,
    Kind.ORGANIZATION: SCHEMA.Organization,
    Kind.PLACE: SCHEMA.Place,
}


def _index(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


class Minter:
    """Stable IRIs: the same input gives the same IRIs on every run.

    >>> Minter("https://example.org/id/").document("news/a b.txt")
    rdflib.term.URIRef('https://example.org/id/doc/news%2Fa%20b.txt')
    """

    def __init__(self, base_iri: str) -> None:
        self.ns = Namespace(base_iri)

    def entity(self, key: str) -> URIRef:
        return self.ns[key]

    def document(self, doc_id: str) -> URIRef:
        return self.ns[f"doc/{quote(doc_id, safe='')}"]

    def document_graph(self, doc_id: str) -> URIRef:
        return self.ns[f"graph/doc/{quote(doc_id, safe='')}"]

    def entities_graph(self) -> URIRef:
        return self.ns["graph/entities"]

    def sentence(self, doc_id: str, index: int) -> URIRef:
        return self.ns[f"doc/{quote(doc_id, safe='')}/sentence/{index}"]

    def mention(self, doc_id: str, start: int, end: int) -> URIRef:
        return self.ns[f"doc/{quote(doc_id, safe='')}/mention/{start}-{end}"]

    def post(self, org_key: str, title: str) -> URIRef:
        return self.ns[f"post/{org_key}/{quote(title.lower().replace(' ', '-'), safe='-')}"]

    def statement(self, doc_id: str, triple: tuple[URIRef, URIRef, URIRef]) -> URIRef:
        digest = hashlib.sha1(" ".join(triple).encode("utf-8")).hexdigest()[:16]
        return self.ns[f"doc/{quote(doc_id, safe='')}/statement/{digest}"]


def build_graph(resolution: Resolution, *, settings: Settings) -> Dataset:
    """The RDF dataset of a resolved corpus, in the vocabulary of the graph contract."""
    mint = Minter(settings.base_iri)
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    ds.bind("kg", mint.ns)
    merged = ds.graph(mint.entities_graph())
    for entity in resolution.entities:
        add_entity(merged, entity, mint)
    publishers = dict(resolution.publishers)
    for doc in resolution.documents:
        g = ds.graph(mint.document_graph(doc.doc_id))
        add_document(g, doc, mint, publisher=publishers.get(doc.doc_id))
    sentences = {(s.doc_id, s.index): s for s in resolution.sentences}
    for mention in resolution.mentions:
        g = ds.graph(mint.document_graph(mention.span.doc_id))
        add_mention(g, mention, sentences[mention.span.doc_id, mention.span.sentence], mint)
    for fact in resolution.facts:
        add_fact(ds, fact, sentences, mint)
    for event in resolution.events:
        add_event(ds, event, sentences, mint)
    return ds


def add_entity(g: Graph, entity: Entity, mint: Minter) -> None:
    """Types (the basic one always), one label, every other name, and the documents."""
    iri = mint.entity(entity.key)
    g.add((iri, RDF.type, BASIC_TYPES[entity.kind]))
    for fine in entity.fine_types:
        g.add((iri, RDF.type, FINE_TYPES[fine]))
    g.add((iri, RDFS.label, Literal(entity.label)))
    for name in entity.alt_labels:
        g.add((iri, SKOS.altLabel, Literal(name)))
    for doc_id in entity.documents:
        g.add((iri, PROV.wasDerivedFrom, mint.document(doc_id)))


def add_fact(
    ds: Dataset, fact: Fact, sentences: dict[tuple[str, int], Sentence], mint: Minter
) -> None:
    """State a fact once, in the merged graph; in the graph of each document that says it,
    a reified statement points at the sentences it was read from.

    A post is a node of its own (``org:Post`` with a label and ``org:postIn``); a fact known
    from the gazetteer alone has no sentence.
    """
    merged = ds.graph(mint.entities_graph())
    subject, obj = mint.entity(fact.subject), mint.entity(fact.object)
    triple = (subject, PREDICATES[fact.relation], obj)
    if fact.relation is Relation.HOLDS_POST and fact.title:
        post = mint.post(fact.object, fact.title)
        triple = (subject, ORG.holds, post)
        merged.add((post, RDF.type, ORG.Post))
        merged.add((post, RDFS.label, Literal(fact.title)))
        merged.add((post, ORG.postIn, obj))
    merged.add(triple)
    for doc_id in dict.fromkeys(span.doc_id for span in fact.evidence):
        g = ds.graph(mint.document_graph(doc_id))
        statement = mint.statement(doc_id, triple)
        g.add((statement, RDF.type, RDF.Statement))
        g.add((statement, RDF.subject, triple[0]))
        g.add((statement, RDF.predicate, triple[1]))
        g.add((statement, RDF.object, triple[2]))
        g.add((statement, PROV.wasDerivedFrom, mint.document(doc_id)))
        for span in fact.evidence:
            if span.doc_id == doc_id:
                sentence = add_sentence(g, sentences[doc_id, span.sentence], mint)
                g.add((statement, KGO.evidence, sentence))


def add_event(
    ds: Dataset, event: Event, sentences: dict[tuple[str, int], Sentence], mint: Minter
) -> None:
    """An event in the merged graph: classes, roles, place, date, documents and sentences."""
    g = ds.graph(mint.entities_graph())
    iri = mint.entity(event.key)
    for cls in dict.fromkeys([event.base_class, event.event_class]):
        g.add((iri, RDF.type, KGO[cls]))
    g.add((iri, RDF.type, SCHEMA.Event))
    g.add((iri, RDFS.label, Literal(event.label)))
    for predicate, keys in (
        (KGO.agent, event.agents),
        (KGO.target, event.targets),
        (KGO.participant, event.participants),
        (SCHEMA.location, event.places),
    ):
        for key in keys:
            g.add((iri, predicate, mint.entity(key)))
    if event.date is not None:
        g.add((iri, SCHEMA.startDate, date_value(event.date)))
    for text in event.texts:
        g.add((iri, SCHEMA.text, Literal(text)))
    for doc_id in event.documents:
        g.add((iri, PROV.wasDerivedFrom, mint.document(doc_id)))
    for span in event.evidence:
        doc_graph = ds.graph(mint.document_graph(span.doc_id))
        g.add(
            (
                iri,
                KGO.evidence,
                add_sentence(doc_graph, sentences[span.doc_id, span.sentence], mint),
            )
        )


def date_value(iso: str) -> Literal:
    """A date as precise as the text gave it.

    >>> [date_value(v).datatype.split("#")[1] for v in ("2020-01-03", "2020-01", "2020")]
    ['date', 'gYearMonth', 'gYear']
    """
    datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(iso))
    if datatype is None:
        raise ValueError(f"Unexpected date value: {iso!r}")
    return Literal(iso, datatype=datatype)


def add_document(g: Graph, doc: Document, mint: Minter, *, publisher: str | None) -> None:
    """The article node with what the reader learned about it."""
    iri = mint.document(doc.doc_id)
    g.add((iri, RDF.type, SCHEMA.NewsArticle))
    g.add((iri, SCHEMA.identifier, Literal(doc.doc_id)))
    g.add((iri, KGO.contentHash, Literal(doc.content_hash)))
    if doc.headline:
        g.add((iri, SCHEMA.headline, Literal(doc.headline)))
    if doc.published is not None:
        g.add((iri, SCHEMA.datePublished, _date_literal(doc.published)))
    if publisher is not None:
        g.add((iri, SCHEMA.publisher, mint.entity(publisher)))
    if doc.url:
        g.add((iri, SCHEMA.url, Literal(doc.url, datatype=XSD.anyURI)))


def _date_literal(value: date | datetime) -> Literal:
    if isinstance(value, datetime):
        return Literal(value.replace(tzinfo=None).isoformat(), datatype=XSD.dateTime)
    return Literal(value.isoformat(), datatype=XSD.date)


def add_sentence(g: Graph, sentence: Sentence, mint: Minter) -> URIRef:
    """The sentence as evidence: its text, its offsets and its place in the document."""
    iri = mint.sentence(sentence.doc_id, sentence.index)
    g.add((iri, RDF.type, KGO.Sentence))
    g.add((iri, SCHEMA.isPartOf, mint.document(sentence.doc_id)))
    g.add((iri, SCHEMA.text, Literal(sentence.text)))
    g.add((iri, SCHEMA.position, _index(sentence.index)))
    g.add((iri, KGO.beginIndex, _index(sentence.start)))
    g.add((iri, KGO.endIndex, _index(sentence.end)))
    return iri


def add_mention(g: Graph, mention: EntityMention, sentence: Sentence, mint: Minter) -> None:
    """Where an entity was named: the span, its sentence, and the entity."""
    span = mention.span
    iri = mint.mention(span.doc_id, span.start, span.end)
    g.add((iri, RDF.type, KGO.Mention))
    g.add((iri, KGO.anchorOf, Literal(mention.text)))
    g.add((iri, KGO.beginIndex, _index(span.start)))
    g.add((iri, KGO.endIndex, _index(span.end)))
    g.add((iri, KGO.sentence, add_sentence(g, sentence, mint)))
    g.add((iri, KGO.denotes, mint.entity(mention.entity)))
