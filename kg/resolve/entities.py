"""Entity resolution: mentions -> one entity per real thing, within and across documents.

Two graphs of evidence, built with networkx. Inside a document, mentions are linked when the
text equates them (same name or gazetteer key, an acronym defined in parentheses, a surname
of a person named in full, a country's official title). Across documents, the document-level
clusters are linked when they share a full name or a key, and a surname-only cluster joins
the one person of the corpus who carries that surname. Each connected component is one entity.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache

import networkx as nx

from kg.knowledge.gazetteer import fold, load_gazetteer
from kg.knowledge.lexicon import (
    entity_heads,
    function_words,
    institutions,
    place_words,
    strip_particles,
)
from kg.records import (
    Document,
    Entity,
    EntityMention,
    Extraction,
    Kind,
    Mention,
    Relation,
    Resolution,
)
from kg.resolve.descriptions import resolve_descriptions
from kg.resolve.events import resolve_events
from kg.resolve.facts import relate_entities

NAME_JOINERS = function_words("joiner")
GENERIC_WORDS = function_words("generic")
PLACE_WORDS = place_words("division")
KIND_PRIORITY = {Kind.ORGANIZATION: 0, Kind.PERSON: 1, Kind.PLACE: 2}


@dataclass(frozen=True)
class LocalEntity:
    """The mentions of one thing inside one document (``indices`` into the extraction's)."""

    doc_id: str
    mentions: tuple[Mention, ...]
    indices: tuple[int, ...] = ()
    titles: frozenset[str] = frozenset()
    """Titles of the posts the document says this person holds."""

    @property
    def kind(self) -> Kind:
        """The kind most mentions give; a gazetteer key settles it."""
        if any(m.key for m in self.mentions):
            return next(m.kind for m in self.mentions if m.key)
        votes = Counter(m.kind for m in self.mentions)
        return min(votes, key=lambda k: (-votes[k], KIND_PRIORITY[k]))

    @property
    def names(self) -> set[str]:
        return {fold(m.text) for m in self.mentions if m.naming}

    @property
    def full_names(self) -> set[str]:
        """Names that identify a person on their own: two or more words beyond particles."""
        return {n for n in self.names if len(strip_particles(n).split()) >= 2}

    @property
    def keys(self) -> set[str]:
        return {m.key for m in self.mentions if m.key}


def surname(name: str) -> str:
    """The folded last name without an Arabic article.

    >>> surname("Karim al-Hashimi"), surname("Hashimi")
    ('hashimi', 'hashimi')
    """
    words = strip_particles(fold(name)).split()
    return words[-1] if words else ""


def resolve_entities(extractions: Iterable[Extraction]) -> Resolution:
    """One ``Entity`` per real-world thing across all documents, with every mention tied to it."""
    extractions = list(extractions)
    local = [cluster for ex in extractions for cluster in cluster_document(ex)]
    groups = merge_across_documents(local)
    entities, mentions, key_of = _assemble(groups)
    documents = tuple(ex.document for ex in extractions)
    by_key = {e.key: e for e in entities}
    described, described_mentions = resolve_descriptions(
        extractions, key_of, relate_entities(extractions, key_of, by_key), by_key
    )
    key_of = {**key_of, **described}
    mentions = (*mentions, *described_mentions)
    facts = relate_entities(extractions, key_of, by_key)
    events = resolve_events(extractions, key_of, by_key)
    entities, publishers = _with_publishers(entities, documents)
    return Resolution(
        documents=documents,
        sentences=tuple(s for ex in extractions for s in ex.sentences),
        entities=entities,
        mentions=mentions,
        facts=facts,
        events=events,
        publishers=publishers,
        datelines=_datelines(entities, documents),
    )


# -- inside one document ----------------------------------------------------------------------


def cluster_document(extraction: Extraction) -> list[LocalEntity]:
    """Group one document's mentions into the things they name."""
    mentions = extraction.mentions
    evidence = nx.Graph()
    evidence.add_nodes_from(i for i, m in enumerate(mentions) if not m.is_description)
    links = (
        _same_name,
        _text_aliases,
        _initialisms,
        _surnames_of_people,
        _country_titles,
        _short_names,
        _head_words,
        _institution_names,
    )
    for link in links:
        evidence.add_edges_from(link(extraction))
    components = sorted(nx.connected_components(evidence), key=min)
    doc_id = extraction.document.doc_id
    return [
        LocalEntity(
            doc_id,
            tuple(mentions[i] for i in sorted(c)),
            tuple(sorted(c)),
            frozenset(
                r.title.lower()
                for r in extraction.relations
                if r.relation is Relation.HOLDS_POST and r.subject in c and r.title
            ),
        )
        for c in components
    ]


def _same_name(extraction: Extraction) -> Iterator[tuple[int, int]]:
    first: dict[str, int] = {}
    for i, m in enumerate(extraction.mentions):
        for key in filter(None, (m.key, fold(m.text) if m.naming else None)):
            if key in first:
                yield first[key], i
            else:
                first[key] = i


def _text_aliases(extraction: Extraction) -> Iterator[tuple[int, int]]:
    for alias in extraction.aliases:
        yield alias.long, alias.short


def _initialisms(extraction: Extraction) -> Iterator[tuple[int, int]]:
    """An all-capitals name spelling the initials of one organization named in full ("NDMA")."""
    mentions = extraction.mentions
    by_initials: dict[str, set[int]] = {}
    for i, m in enumerate(mentions):
        words = [w for w in m.text.split() if w[:1].isupper() and w.lower() not in NAME_JOINERS]
        if m.kind is Kind.ORGANIZATION and len(words) >= 2:
            by_initials.setdefault("".join(w[0] for w in words), set()).add(i)
    for i, m in enumerate(mentions):
        found = by_initials.get(m.text.rstrip("s"), set()) if m.text.isupper() else set()
        if len({fold(mentions[j].text) for j in found}) == 1:
            yield min(found), i


def _surnames_of_people(extraction: Extraction) -> Iterator[tuple[int, int]]:
    """A lone name (of any NER type) names the one person of the document with that surname,
    or else with that first name-part ("Lee" for "Lee Dong-hyun": family name first)."""
    mentions = extraction.mentions
    by_last: dict[str, set[str]] = {}
    by_first: dict[str, set[str]] = {}
    first_of: dict[str, int] = {}
    for i, m in enumerate(mentions):
        name = strip_particles(fold(m.text))
        if m.kind is Kind.PERSON and m.naming and len(name.split()) >= 2:
            by_last.setdefault(name.split()[-1], set()).add(name)
            by_first.setdefault(name.split()[0], set()).add(name)
            first_of.setdefault(name, i)
    for i, m in enumerate(mentions):
        name = strip_particles(fold(m.text))
        if len(name.split()) != 1 or m.key or not m.naming:
            continue
        full = by_last.get(name) or by_first.get(name, set())
        if len(full) == 1:
            yield first_of[next(iter(full))], i


def _short_names(extraction: Extraction) -> Iterator[tuple[int, int]]:
    """Names that drop a country or a generic word, when only one name of the document fits:
    "Fair Trade Commission" ~ "Korea Fair Trade Commission", "Senate" ~ "Argentina's Senate",
    "the Colombian army" ~ "National Army", "Health Ministry" ~ "Ministry of Health",
    "Arauca" ~ "Arauca province"."""
    by_core: dict[tuple[Kind, str], list[int]] = {}
    for i, m in enumerate(extraction.mentions):
        if m.kind is Kind.PERSON or (m.key or "").startswith(("country@", "city@")):
            continue
        by_core.setdefault((m.kind, _core_name(m)), []).append(i)
    for indices in by_core.values():
        names = {
            fold(extraction.mentions[i].text) for i in indices if extraction.mentions[i].naming
        }
        keys = {extraction.mentions[i].key for i in indices} - {None}
        if len(indices) > 1 and len(names) <= 2 and len(keys) <= 1:
            yield from ((indices[0], j) for j in indices[1:])


def _institution_names(extraction: Extraction) -> Iterator[tuple[int, int]]:
    """ "Ghana's central bank" is the "Bank of Ghana" the document names, "Kenyan police" its
    "National Police Service": the proper names an institution goes by (lexicon data)."""
    gazetteer = load_gazetteer()
    by_name: dict[str, int] = {}
    for i, m in enumerate(extraction.mentions):
        if m.kind is Kind.ORGANIZATION and m.naming and not m.key:
            by_name.setdefault(fold(m.text), i)
    for i, m in enumerate(extraction.mentions):
        if not m.key or "@" not in m.key or m.key.startswith(("country@", "city@")):
            continue
        phrase, code = m.key.rsplit("@", 1)
        country = gazetteer.countries[code].name
        for name in _proper_names().get(phrase, ()):
            j = by_name.get(fold(name.replace("{country}", country)))
            if j is not None:
                yield j, i
                break


@cache
def _proper_names() -> dict[str, tuple[str, ...]]:
    """Each institution's proper names, whatever phrase of the lexicon named it."""
    names: dict[str, tuple[str, ...]] = {}
    for institution in institutions().values():
        names[institution.name] = (*names.get(institution.name, ()), *institution.also)
    return names


def _head_words(extraction: Extraction) -> Iterator[tuple[int, int]]:
    """ "the Commission" after "the European Commission": a lone organization word names the
    one organization of the document whose name ends with it."""
    mentions = extraction.mentions
    by_head: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    for i, m in enumerate(mentions):
        words = m.text.split()
        if m.kind is Kind.ORGANIZATION and m.naming and len(words) > 1:
            by_head.setdefault(words[-1].lower(), set()).add(fold(m.text))
            first.setdefault(fold(m.text), i)
    for i, m in enumerate(mentions):
        if m.kind is Kind.ORGANIZATION and m.naming and len(m.text.split()) == 1:
            full = by_head.get(m.text.lower(), set())
            if len(full) == 1 and entity_heads().get(m.text.lower()) is not None:
                yield first[next(iter(full))], i


def _core_name(mention: Mention) -> str:
    """A name without the country, generic words or a place word in front or behind."""
    if mention.key and "@" in mention.key:
        words = mention.key.split("@")[0].split()
    else:
        words = fold(mention.text).replace("'", " ' ").split()
    gazetteer = load_gazetteer()
    while len(words) > 1 and (
        words[0] in GENERIC_WORDS
        or gazetteer.country(words[0])
        or gazetteer.country_of_demonym(words[0])
        or words[0] == "'"
    ):
        words = words[1:]
    if len(words) > 1 and words[-1] in PLACE_WORDS:
        words = words[:-1]
    if len(words) == 2 and words[1] == "ministry":
        words = ["ministry", "of", words[0]]
    return " ".join(w for w in words if w != "s")


def _country_titles(extraction: Extraction) -> Iterator[tuple[int, int]]:
    """ "the Islamic Republic" is the country of the document whose official name contains it."""
    gazetteer = load_gazetteer()
    countries: dict[str, int] = {}
    for i, m in enumerate(extraction.mentions):
        if m.key and m.key.startswith("country@"):
            countries.setdefault(m.key.removeprefix("country@"), i)
    for i, m in enumerate(extraction.mentions):
        if m.kind is not Kind.PLACE or m.key or len(m.text.split()) < 2:
            continue
        name = f" {fold(m.text)} "
        holders = [
            code
            for code in countries
            if any(name in f" {fold(n)} " for n in gazetteer.countries[code].aliases)
        ]
        if len(holders) == 1:
            yield countries[holders[0]], i


# -- across documents -------------------------------------------------------------------------


def merge_across_documents(local: list[LocalEntity]) -> list[list[LocalEntity]]:
    """Link document-level clusters that share a key or a full name; attach lone surnames."""
    evidence = nx.Graph()
    evidence.add_nodes_from(range(len(local)))
    owner: dict[str, int] = {}
    for i, cluster in enumerate(local):
        for key in _identity_keys(cluster):
            if key in owner:
                evidence.add_edge(owner[key], i, reason=key)
            else:
                owner[key] = i
    evidence.add_edges_from(_lone_surnames(local))
    components = sorted(nx.connected_components(evidence), key=min)
    return [[local[i] for i in sorted(c)] for c in components]


def _identity_keys(cluster: LocalEntity) -> set[str]:
    """Names that identify the thing across documents (a person's bare surname does not)."""
    if cluster.keys:
        return cluster.keys
    if cluster.kind is Kind.PERSON:
        return {f"person:{strip_particles(n)}" for n in cluster.full_names}
    return {f"name:{n}" for n in cluster.names}


def _lone_surnames(local: list[LocalEntity]) -> Iterator[tuple[int, int]]:
    """A person known only by surname joins the one person of the corpus with that surname,
    unless the two hold different posts ("Smith, the coach" is not "President John Smith")."""
    by_surname: dict[str, set[str]] = {}
    first_with: dict[str, int] = {}
    titles_of: dict[str, set[str]] = {}
    for i, cluster in enumerate(local):
        if cluster.kind is Kind.PERSON:
            for name in cluster.full_names:
                by_surname.setdefault(surname(name), set()).add(name)
                first_with.setdefault(name, i)
                titles_of.setdefault(name, set()).update(cluster.titles)
    lone_first: dict[str, int] = {}
    for i, cluster in enumerate(local):
        if cluster.kind is not Kind.PERSON or cluster.full_names:
            continue
        for name in cluster.names:
            full = by_surname.get(surname(name), set())
            known = titles_of.get(next(iter(full)), set()) if len(full) == 1 else set()
            if len(full) == 1 and not (known and cluster.titles and not known & cluster.titles):
                yield first_with[next(iter(full))], i
            elif name in lone_first:
                yield lone_first[name], i
            else:
                lone_first[name] = i


# -- entities ---------------------------------------------------------------------------------


def _assemble(
    groups: list[list[LocalEntity]],
) -> tuple[tuple[Entity, ...], tuple[EntityMention, ...], dict[tuple[str, int], str]]:
    """Entities, their mentions, and the entity key of each (document, mention index)."""
    entities: list[Entity] = []
    mentions: list[EntityMention] = []
    key_of: dict[tuple[str, int], str] = {}
    used_keys: set[str] = set()
    for group in groups:
        entity = _entity(group, used_keys)
        used_keys.add(entity.key)
        entities.append(entity)
        for cluster in group:
            for index, m in zip(cluster.indices, cluster.mentions, strict=True):
                key_of[cluster.doc_id, index] = entity.key
                mentions.append(EntityMention(entity.key, m.text, m.span))
    return tuple(entities), tuple(mentions), key_of


def _entity(group: list[LocalEntity], used_keys: set[str]) -> Entity:
    all_mentions = [m for cluster in group for m in cluster.mentions]
    kind = LocalEntity(group[0].doc_id, tuple(all_mentions)).kind
    label = _label(all_mentions, kind)
    surface = {m.text for m in all_mentions if m.naming}
    alt = sorted({n for n in surface if n != label})
    fine = sorted({m.fine_type for m in all_mentions if m.fine_type and m.kind is kind})
    docs = sorted({cluster.doc_id for cluster in group})
    return Entity(
        _unique_key(kind, label, used_keys), kind, label, tuple(alt), tuple(fine), tuple(docs)
    )


def _label(mentions: list[Mention], kind: Kind) -> str:
    """The fullest name: the gazetteer's for a known place, the longest for a person, the most
    frequent full (non-acronym) name otherwise."""
    gazetteer = load_gazetteer()
    for m in mentions:
        if m.key and m.key.startswith("country@"):
            return gazetteer.countries[m.key.removeprefix("country@")].name
        if m.key and m.key.startswith("city@"):
            return m.key.split("/", 1)[1]
    counts = Counter(m.text for m in mentions if m.naming)
    if not counts:
        return _name_from_key(next(m.key for m in mentions if m.key))
    if kind is Kind.PERSON:
        return max(counts, key=lambda n: (len(n.split()), len(n), counts[n]))
    full = [n for n in counts if not n.isupper()] or list(counts)
    return max(full, key=lambda n: (sum(counts[m] for m in counts if fold(m) == fold(n)), len(n)))


def _name_from_key(key: str) -> str:
    """A name for an institution only referred to ("Iraqi lawmakers"): "Parliament of Iraq"."""
    institution, code = key.rsplit("@", 1)
    return f"{institution.capitalize()} of {load_gazetteer().countries[code].name}"


def _with_publishers(
    entities: tuple[Entity, ...], documents: tuple[Document, ...]
) -> tuple[tuple[Entity, ...], tuple[tuple[str, str], ...]]:
    """Publishers are organizations too: the one already found under that name, or a new one."""
    by_name = {fold(n): e for e in entities if e.kind is Kind.ORGANIZATION for n in e.names}
    added: dict[str, Entity] = {}
    links: list[tuple[str, str]] = []
    for doc in documents:
        if not doc.publisher:
            continue
        name = fold(doc.publisher)
        found = added.get(name) or by_name.get(name)
        if found is None:
            used = {e.key for e in entities} | {e.key for e in added.values()}
            key = _unique_key(Kind.ORGANIZATION, doc.publisher, used)
            found = Entity(
                key, Kind.ORGANIZATION, doc.publisher, fine_types=("NewsMediaOrganization",)
            )
        added[name] = replace(found, documents=tuple(sorted({*found.documents, doc.doc_id})))
        links.append((doc.doc_id, found.key))
    merged = {e.key: e for e in entities} | {e.key: e for e in added.values()}
    return tuple(merged.values()), tuple(links)


def _datelines(
    entities: tuple[Entity, ...], documents: tuple[Document, ...]
) -> tuple[tuple[str, str], ...]:
    """The place of each dateline ("NAIROBI (Coast Wire) –"), when the graph has it by that name."""
    places = {fold(n): e.key for e in entities if e.kind is Kind.PLACE for n in e.names}
    return tuple(
        (doc.doc_id, places[fold(doc.dateline_place)])
        for doc in documents
        if doc.dateline_place and fold(doc.dateline_place) in places
    )


def _unique_key(kind: Kind, label: str, used: set[str]) -> str:
    base = f"{kind.value.lower()}/{slug(label)}"
    key, n = base, 1
    while key in used:
        n += 1
        key = f"{base}-{n}"
    return key


def slug(text: str) -> str:
    """A readable, stable IRI segment for a name.

    >>> slug("Ahl al-Bayt’s Council")
    'ahl-al-bayts-council'
    """
    return re.sub(r"[^a-z0-9]+", "-", fold(text).replace("'", "")).strip("-") or "unnamed"
