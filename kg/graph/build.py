"""Build: the resolved corpus -> an rdflib ``Dataset``. The only module that mints IRIs.

Named graphs: one per document (the article, its sentences, its mentions, and the reified
statements that tie each fact to its sentences) and one for what is merged across documents
(entities, their types and labels, the facts between them, events). No triple is stated in two
graphs, so the union the queries see has no duplicates.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache, partial
from pathlib import Path
from typing import cast
from urllib.parse import quote

import rdflib
from rdflib import Dataset, Literal, Namespace, URIRef
from rdflib.term import Node

from kg.config import Settings
from kg.graph import vocab
from kg.graph.convert import GraphQuads
from kg.graph.vocab import KGO, ORG, OWL, PREFIXES, PROV, RDF, RDFS, SCHEMA, SKOS, XSD
from kg.knowledge.gazetteer import fold
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
    Span,
)

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
Triple = tuple[URIRef, URIRef, Node]
Quad = tuple[URIRef, URIRef, Node, URIRef]
BASIC_TYPES = {
    Kind.PERSON: SCHEMA.Person,
    Kind.ORGANIZATION: SCHEMA.Organization,
    Kind.PLACE: SCHEMA.Place,
}


@lru_cache(maxsize=1 << 16)
def _index(n: int) -> Literal:
    """Offsets and positions repeat across documents: each literal is made once."""
    return Literal(n, datatype=XSD.nonNegativeInteger)


@lru_cache(maxsize=1 << 12)
def _quoted(doc_id: str) -> str:
    return quote(doc_id, safe="")


def _entity_paths(entities: Iterable[Entity]) -> dict[str, str]:
    """Each entity's IRI path, its kind and the slug of its label, namesakes told apart by -2,
    -3, ... in the order of the resolution (so the same input gives the same IRIs)."""
    paths: dict[str, str] = {}
    taken: set[str] = set()
    for entity in entities:
        base = f"{entity.kind.value.lower()}/{slug(entity.label)}"
        path, n = base, 1
        while path in taken:
            n += 1
            path = f"{base}-{n}"
        taken.add(path)
        paths[entity.key] = path
    return paths


def slug(text: str) -> str:
    """A readable, stable IRI segment for a name.

    >>> slug("Ahl al-Bayt’s Council")
    'ahl-al-bayts-council'
    """
    return re.sub(r"[^a-z0-9]+", "-", fold(text).replace("'", "")).strip("-") or "unnamed"


class Minter:
    """Stable IRIs: the same input gives the same IRIs on every run.

    >>> Minter("https://example.org/id/").document("news/a b.txt")
    rdflib.term.URIRef('https://example.org/id/doc/news%2Fa%20b.txt')
    """

    def __init__(self, base_iri: str, entities: Iterable[Entity] = ()) -> None:
        self.ns = Namespace(base_iri)
        self._paths = _entity_paths(entities)

    def entity(self, key: str) -> URIRef:
        """The IRI of an entity of the resolution: ``…/person/amina-yusuf``."""
        return self.ns[self._paths[key]]

    def _path(self, key: str) -> str:
        return self._paths.get(key, key)  # events may be minted alone, as in the tests

    def document(self, doc_id: str) -> URIRef:
        return self.ns[f"doc/{_quoted(doc_id)}"]

    def coordinates(self, key: str) -> URIRef:
        """The ``schema:GeoCoordinates`` node of a place: ``…/place/baghdad/geo``."""
        return self.ns[f"{self._paths[key]}/geo"]

    def document_graph(self, doc_id: str) -> URIRef:
        return self.ns[f"graph/doc/{_quoted(doc_id)}"]

    def entities_graph(self) -> URIRef:
        return self.ns["graph/entities"]

    def sentence(self, doc_id: str, index: int) -> URIRef:
        return self.ns[f"doc/{_quoted(doc_id)}/sentence/{index}"]

    def mention(self, doc_id: str, start: int, end: int) -> URIRef:
        return self.ns[f"doc/{_quoted(doc_id)}/mention/{start}-{end}"]

    def post(self, org_key: str, title: str) -> URIRef:
        org = self._paths[org_key]
        return self.ns[f"post/{org}/{quote(title.lower().replace(' ', '-'), safe='-')}"]

    def events(self, events: Iterable[Event]) -> list[URIRef]:
        """The events' IRIs: the base class and a digest of who took part and when (for a
        statement, of its speaker and its article); events of one digest are told apart by
        -2, -3, ... in the order given."""
        seen: Counter[str] = Counter()
        iris = []
        for event in events:
            if event.is_statement:
                actors = [*map(self._path, event.agents[:1]), *event.documents[:1]]
            else:
                actors = [
                    self._path(k) for k in event.participants or event.targets or event.agents
                ]
            parts = [event.base_class, *sorted(actors), event.date or ""]
            digest = hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]
            path = f"event/{event.base_class.lower()}/{digest}"
            seen[path] += 1
            iris.append(self.ns[path if seen[path] == 1 else f"{path}-{seen[path]}"])
        return iris

    def statement(self, doc_id: str, triple: tuple[URIRef, URIRef, Node]) -> URIRef:
        digest = hashlib.sha1(" ".join(map(str, triple)).encode("utf-8")).hexdigest()[:16]
        return self.ns[f"doc/{_quoted(doc_id)}/statement/{digest}"]


def build_graph(resolution: Resolution, *, settings: Settings) -> Dataset:
    """The RDF dataset of a resolved corpus, in the vocabulary of the graph contract."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    ds.bind("kg", Namespace(settings.base_iri))
    for s, p, o, g in iter_quads(resolution, settings=settings):
        ds.graph(g).add((s, p, o))
    return ds


def record_count(resolution: Resolution) -> int:
    """How many records ``iter_quads`` turns into quads (what its ``on_record`` counts)."""
    parts = (resolution.entities, resolution.documents, resolution.mentions, resolution.facts)
    return sum(map(len, parts)) + len(resolution.events)


def iter_quads(
    resolution: Resolution, *, settings: Settings, on_record: Callable[[], None] | None = None
) -> Iterator[Quad]:
    """Every quad of the graph, each once, as a stream: a large corpus never has to sit in an
    rdflib graph on its way to the store or a file; ``on_record`` is told of each entity,
    document, mention, fact and event done (a progress bar).

    The quads of a graph come together, the merged graph first and then each document's, so
    that a store can take the stream a graph at a time (``kg.store.store.update_store``)."""
    for graph in iter_graphs(resolution, settings=settings, on_record=on_record):
        yield from cast("Iterable[Quad]", graph.quads())  # made here, of our own Quads


BUILDER = hashlib.blake2b(
    Path(__file__).read_bytes() + Path(vocab.__file__).read_bytes() + rdflib.__version__.encode()
).hexdigest()
"""The builder's code: a document graph's fingerprint changes with it."""


def iter_graphs(
    resolution: Resolution, *, settings: Settings, on_record: Callable[[], None] | None = None
) -> Iterator[GraphQuads]:
    """The graphs of ``iter_quads``, in its order, each to be made on demand; a document's
    graph comes with the fingerprint of all it is made from (its records, the IRIs of the
    entities and facts it names, the builder's code), so that a store can tell it unchanged
    without making its quads. The merged graph has none: its quads are its only digest.
    ``on_record`` is told of a graph's records as the graph is given, made or not."""
    done = on_record or (lambda: None)
    mint = Minter(settings.base_iri, resolution.entities)
    statements: dict[str, list[tuple[Triple, list[Span]]]] = {}
    for fact in resolution.facts:
        triple, _ = fact_triples(fact, mint)
        for doc_id in dict.fromkeys(span.doc_id for span in fact.evidence):
            spans = [s for s in fact.evidence if s.doc_id == doc_id]
            statements.setdefault(doc_id, []).append((triple, spans))
    cited: dict[str, list[int]] = {}
    for event in resolution.events:
        for span in event.evidence:
            cited.setdefault(span.doc_id, []).append(span.sentence)
    mentions: dict[str, list[EntityMention]] = {}
    for mention in resolution.mentions:
        mentions.setdefault(mention.span.doc_id, []).append(mention)
    documents = {document.doc_id: document for document in resolution.documents}
    sentences: dict[str, dict[int, Sentence]] = {}
    for sentence in resolution.sentences:
        sentences.setdefault(sentence.doc_id, {})[sentence.index] = sentence
    publishers = dict(resolution.publishers)
    datelines = dict(resolution.datelines)

    def merged_graph() -> Iterator[Quad]:
        merged = mint.entities_graph()
        for entity in resolution.entities:
            yield from _in(merged, entity_triples(entity, mint))
        posts: set[URIRef] = set()
        """Posts are told once, however many facts hold them."""
        for fact in resolution.facts:
            triple, post = fact_triples(fact, mint)
            if post and post[0][0] not in posts:
                posts.add(post[0][0])
                yield from _in(merged, post)
            yield (*triple, merged)
        for event, iri in zip(resolution.events, mint.events(resolution.events), strict=True):
            yield from _in(merged, event_triples(event, iri, mint))

    def inputs(doc_id: str) -> str:
        publisher, dateline = publishers.get(doc_id), datelines.get(doc_id)
        made_of = (
            BUILDER,
            str(mint.document_graph(doc_id)),
            documents.get(doc_id),
            publisher and mint.entity(publisher),
            dateline and mint.entity(dateline),
            [(mention, mint.entity(mention.entity)) for mention in mentions.get(doc_id, ())],
            statements.get(doc_id),
            cited.get(doc_id),
            sentences.get(doc_id),
        )
        return hashlib.blake2b(repr(made_of).encode("utf-8"), digest_size=16).hexdigest()

    def document_graph(doc_id: str) -> Iterator[Quad]:
        graph = mint.document_graph(doc_id)
        told: set[int] = set()
        """Sentences are told once, however many mentions, facts and events point at them."""

        def sentence(index: int) -> Iterator[Quad]:
            if index not in told:
                told.add(index)
                yield from _in(graph, sentence_triples(sentences[doc_id][index], mint))

        if doc_id in documents:
            triples = document_triples(
                documents[doc_id],
                mint,
                publisher=publishers.get(doc_id),
                dateline=datelines.get(doc_id),
            )
            yield from _in(graph, triples)
        for mention in mentions.get(doc_id, ()):
            yield from sentence(mention.span.sentence)
            yield from _in(graph, mention_triples(mention, mint))
        for triple, spans in statements.get(doc_id, ()):
            for span in spans:
                yield from sentence(span.sentence)
            yield from _in(graph, statement_triples(triple, doc_id, spans, mint))
        for index in cited.get(doc_id, ()):
            yield from sentence(index)

    def told(records: int) -> None:
        for _ in range(records):
            done()

    told(len(resolution.entities) + len(resolution.facts) + len(resolution.events))
    yield GraphQuads(str(mint.entities_graph()), None, merged_graph)
    for doc_id in dict.fromkeys([*documents, *mentions, *statements, *cited]):
        told((doc_id in documents) + len(mentions.get(doc_id, ())))
        graph = str(mint.document_graph(doc_id))
        yield GraphQuads(graph, inputs(doc_id), partial(document_graph, doc_id))


def _in(graph: URIRef, triples: Iterable[Triple]) -> Iterator[Quad]:
    for s, p, o in triples:
        yield s, p, o, graph


def entity_triples(entity: Entity, mint: Minter) -> Iterator[Triple]:
    """Types (the basic one always), one label, every other name, and the documents."""
    iri = mint.entity(entity.key)
    yield iri, RDF.type, BASIC_TYPES[entity.kind]
    for fine in entity.fine_types:
        yield iri, RDF.type, FINE_TYPES[fine]
    yield iri, RDFS.label, Literal(entity.label)
    for name in entity.alt_labels:
        yield iri, SKOS.altLabel, Literal(name)
    for doc_id in entity.documents:
        yield iri, PROV.wasDerivedFrom, mint.document(doc_id)
    yield from link_triples(entity, iri, mint)


def link_triples(entity: Entity, iri: URIRef, mint: Minter) -> Iterator[Triple]:
    """The entity on the web of data: ``owl:sameAs`` and ``schema:sameAs`` its Wikidata item,
    its GeoNames feature and the IRIs of a link table; ``schema:geo`` where it is."""
    same = [URIRef(i) for i in entity.same_as]
    if entity.wikidata is not None:
        same.append(vocab.WIKIDATA[entity.wikidata])
    if entity.geonames is not None:
        same.append(vocab.GEONAMES[f"{entity.geonames}/"])
    for other in dict.fromkeys(same):
        yield iri, OWL.sameAs, other
        yield iri, SCHEMA.sameAs, other
    if entity.coordinates is not None:
        geo = mint.coordinates(entity.key)
        latitude, longitude = entity.coordinates
        yield iri, SCHEMA.geo, geo
        yield geo, RDF.type, SCHEMA.GeoCoordinates
        yield geo, SCHEMA.latitude, Literal(Decimal(str(latitude)))
        yield geo, SCHEMA.longitude, Literal(Decimal(str(longitude)))


def fact_triples(fact: Fact, mint: Minter) -> tuple[Triple, list[Triple]]:
    """The fact as one triple, and the post it holds when it is a post (``org:Post`` with a
    label and ``org:postIn``)."""
    subject, obj = mint.entity(fact.subject), mint.entity(fact.object)
    if fact.relation is Relation.HOLDS_POST and fact.title:
        post = mint.post(fact.object, fact.title)
        return (subject, ORG.holds, post), [
            (post, RDF.type, ORG.Post),
            (post, RDFS.label, Literal(fact.title)),
            (post, ORG.postIn, obj),
        ]
    return (subject, PREDICATES[fact.relation], obj), []


def statement_triples(
    triple: Triple, doc_id: str, spans: Iterable[Span], mint: Minter
) -> Iterator[Triple]:
    """A reified statement of the fact in the document's graph, with its evidence sentences
    (a fact known from the gazetteer alone has none, and no statement)."""
    statement = mint.statement(doc_id, triple)
    yield statement, RDF.type, RDF.Statement
    yield statement, RDF.subject, triple[0]
    yield statement, RDF.predicate, triple[1]
    yield statement, RDF.object, triple[2]
    yield statement, PROV.wasDerivedFrom, mint.document(doc_id)
    for span in spans:
        yield statement, KGO.evidence, mint.sentence(doc_id, span.sentence)


def event_triples(event: Event, iri: URIRef, mint: Minter) -> Iterator[Triple]:
    """An event: classes, roles, place, date, text, documents and evidence sentences."""
    for cls in dict.fromkeys([event.base_class, event.event_class]):
        yield iri, RDF.type, KGO[cls]
    yield iri, RDF.type, SCHEMA.Event
    yield iri, RDFS.label, Literal(event.label)
    roles = (
        (KGO.agent, event.agents),
        (KGO.target, event.targets),
        (KGO.participant, event.participants),
        (SCHEMA.location, event.places),
    )
    for predicate, keys in roles:
        for key in keys:
            yield iri, predicate, mint.entity(key)
    if event.date is not None:
        yield iri, SCHEMA.startDate, date_value(event.date)
    for text in event.texts:
        yield iri, SCHEMA.text, Literal(text)
    for doc_id in event.documents:
        yield iri, PROV.wasDerivedFrom, mint.document(doc_id)
    for doc_id, sentence in dict.fromkeys((s.doc_id, s.sentence) for s in event.evidence):
        yield iri, KGO.evidence, mint.sentence(doc_id, sentence)  # once, however many mentions


def date_value(iso: str) -> Literal:
    """A date as precise as the text gave it.

    >>> [date_value(v).datatype.split("#")[1] for v in ("2020-01-03", "2020-01", "2020")]
    ['date', 'gYearMonth', 'gYear']
    """
    datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(iso))
    if datatype is None:
        raise ValueError(f"Unexpected date value: {iso!r}")
    return Literal(iso, datatype=datatype)


def document_triples(
    document: Document, mint: Minter, *, publisher: str | None, dateline: str | None = None
) -> Iterator[Triple]:
    """The article node with what the reader learned about it."""
    iri = mint.document(document.doc_id)
    yield iri, RDF.type, SCHEMA.NewsArticle
    yield iri, SCHEMA.identifier, Literal(document.doc_id)
    yield iri, KGO.contentHash, Literal(document.content_hash)
    if document.headline:
        yield iri, SCHEMA.headline, Literal(document.headline)
    if document.published is not None:
        yield iri, SCHEMA.datePublished, _date_literal(document.published)
    if publisher is not None:
        yield iri, SCHEMA.publisher, mint.entity(publisher)
    if document.url:
        yield iri, SCHEMA.url, Literal(document.url, datatype=XSD.anyURI)
    if dateline is not None:
        yield iri, KGO.datelinePlace, mint.entity(dateline)


def _date_literal(value: date | datetime) -> Literal:
    if isinstance(value, datetime):
        return Literal(value.replace(tzinfo=None).isoformat(), datatype=XSD.dateTime)
    return Literal(value.isoformat(), datatype=XSD.date)


def sentence_triples(sentence: Sentence, mint: Minter) -> Iterator[Triple]:
    """The sentence as evidence: its text, its offsets and its place in the document."""
    iri = mint.sentence(sentence.doc_id, sentence.index)
    yield iri, RDF.type, KGO.Sentence
    yield iri, SCHEMA.isPartOf, mint.document(sentence.doc_id)
    yield iri, SCHEMA.text, Literal(sentence.text)
    yield iri, SCHEMA.position, _index(sentence.index)
    yield iri, KGO.beginIndex, _index(sentence.start)
    yield iri, KGO.endIndex, _index(sentence.end)


def mention_triples(mention: EntityMention, mint: Minter) -> Iterator[Triple]:
    """Where an entity was named: the span, its sentence, and the entity."""
    span = mention.span
    iri = mint.mention(span.doc_id, span.start, span.end)
    yield iri, RDF.type, KGO.Mention
    yield iri, KGO.anchorOf, Literal(mention.text)
    yield iri, KGO.beginIndex, _index(span.start)
    yield iri, KGO.endIndex, _index(span.end)
    yield iri, KGO.sentence, mint.sentence(span.doc_id, span.sentence)
    yield iri, KGO.denotes, mint.entity(mention.entity)
