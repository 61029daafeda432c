"""Entity resolution: mentions -> one entity per real thing, within and across documents.

Two graphs of evidence. Inside a document (networkx), mentions are linked when the text
equates them (``kg.resolve.links``: same name or gazetteer key, an acronym defined in
parentheses, a surname of a person named in full, a country's official title). Across
documents (a union-find over the clusters: a networkx graph would hold a dict or two for each
cluster of the corpus), the document-level clusters are linked when they share a full name or a
key, and a surname-only cluster joins the one person of the corpus who carries that surname.
Each connected component is one entity. Across documents only the names of the mentions are
kept (``MentionName``, one record for each distinct one), not the extractions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import networkx as nx

from kg.knowledge.gazetteer import fold, load_gazetteer
from kg.knowledge.legislatures import Chamber, chamber_named, chamber_of_key, country_cues
from kg.knowledge.lexicon import (
    entity_heads,
    function_words,
    institutions,
    nicknames,
    strip_particles,
    without_company_suffix,
)
from kg.records import Entity, Extraction, Key, Kind, Mention, Relation
from kg.resolve.aliases import (
    country_spelt_out,
    joined_initials,
    known_name,
    longer_forms,
    looks_personal,
    residence_of,
    spelling_variants,
)
from kg.resolve.components import UnionFind
from kg.resolve.identifiers import identity
from kg.resolve.links import LINKS

KIND_PRIORITY = {Kind.ORGANIZATION: 0, Kind.PERSON: 1, Kind.PLACE: 2}
NO_TITLES: frozenset[str] = frozenset()
"""One empty set for every cluster without a title (each new one would take 216 bytes)."""


@dataclass(frozen=True, slots=True)
class MentionName:
    """What resolution across documents reads of a mention: its name and types, not where it
    stands; one record for all the mentions alike (``cluster_document``'s ``names``)."""

    text: str
    kind: Kind
    fine_type: str | None
    key: str | None
    naming: bool

    @classmethod
    def of(cls, mention: Mention) -> MentionName:
        return cls(mention.text, mention.kind, mention.fine_type, mention.key, mention.naming)


@dataclass(frozen=True, slots=True)
class LocalEntity:
    """The mentions of one thing inside one document (``indices`` into the extraction's)."""

    doc_id: str
    mentions: tuple[MentionName, ...]
    indices: tuple[int, ...] = ()
    titles: frozenset[str] = NO_TITLES
    """Titles of the posts the document says this person holds."""

    @property
    def kind(self) -> Kind:
        """The kind most mentions give, a tie going to the fullest name's; a gazetteer key
        settles it."""
        if any(m.key for m in self.mentions):
            return next(m.kind for m in self.mentions if m.key)
        fullest = max(self.mentions, key=lambda m: len(m.text.split()) if m.naming else 0)
        return _voted(Counter(m.kind for m in self.mentions), fullest.kind)

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


def formal_name(name: str) -> str:
    """A folded full name with a nickname for a first name spelt out and spaced initials run
    together: "Chuck Schumer" and "Charles Schumer" are one person, "D K Shivakumar" and
    "DK Shivakumar" too.

    >>> formal_name("chuck schumer"), formal_name("d k shivakumar")
    ('charles schumer', 'dk shivakumar')
    """
    first, _, rest = joined_initials(name).partition(" ")
    return f"{nicknames().get(first, first)} {rest}" if rest else first


def surname(name: str) -> str:
    """The folded last name without an Arabic article.

    >>> surname("Karim al-Hashimi"), surname("Hashimi")
    ('hashimi', 'hashimi')
    """
    words = strip_particles(fold(name)).split()
    return words[-1] if words else ""


class EntityKeys(Mapping[tuple[str, int], str]):
    """The entity key of each (document id, mention index) resolved: one short list per
    document (a dict entry and a tuple for each mention of a large corpus would be many times
    its size)."""

    def __init__(self) -> None:
        self._of: dict[str, list[str | None]] = {}

    def add(self, doc_id: str, index: int, key: str) -> None:
        keys = self._of.setdefault(doc_id, [])
        keys.extend([None] * (index + 1 - len(keys)))
        keys[index] = key

    def updated(self, pairs: Mapping[tuple[str, int], str]) -> EntityKeys:
        """These keys and ``pairs`` (which win), as new keys."""
        both = EntityKeys()
        both._of = {doc_id: list(keys) for doc_id, keys in self._of.items()}
        for (doc_id, index), key in pairs.items():
            both.add(doc_id, index, key)
        return both

    def __getitem__(self, item: tuple[str, int]) -> str:
        doc_id, index = item
        keys = self._of.get(doc_id, ())
        key = keys[index] if 0 <= index < len(keys) else None
        if key is None:
            raise KeyError(item)
        return key

    def __iter__(self) -> Iterator[tuple[str, int]]:
        for doc_id, keys in self._of.items():
            yield from ((doc_id, i) for i, key in enumerate(keys) if key is not None)

    def __len__(self) -> int:
        return sum(len(keys) - keys.count(None) for keys in self._of.values())


@dataclass(frozen=True)
class Names:
    """The named entities of the corpus, and the entity of each (document, mention index)."""

    entities: tuple[Entity, ...]
    key_of: EntityKeys


def resolve_names(extractions: Iterable[Extraction]) -> Names:
    """One ``Entity`` per real-world thing the documents name, with every mention tied to it
    (one reading of the extractions)."""
    local: list[LocalEntity] = []
    cues: dict[str, Counter[str]] = {}
    names: dict[MentionName, MentionName] = {}
    for ex in extractions:
        local += cluster_document(ex, names)
        found = country_cues(ex.document.text, ex.document.dateline_place)
        if found:  # a document without cues counts as one not in ``cues``
            cues[ex.document.doc_id] = found
    countries = _story_countries(local, cues, clear=True)
    return Names(*_assemble(merge_across_documents(local, cues), countries))


# -- inside one document ----------------------------------------------------------------------


def cluster_document(
    extraction: Extraction, names: dict[MentionName, MentionName] | None = None
) -> list[LocalEntity]:
    """Group one document's mentions into the things they name; ``names`` gives back the one
    record of each name already met (and keeps the new ones)."""
    names = {} if names is None else names
    mentions = extraction.mentions
    evidence = nx.Graph()
    evidence.add_nodes_from(i for i, m in enumerate(mentions) if not m.is_description)
    for link in LINKS:
        evidence.add_edges_from(link(extraction))
    components = sorted(nx.connected_components(evidence), key=min)
    doc_id = extraction.document.doc_id
    clusters = []
    for c in components:
        indices = tuple(sorted(c))
        forms = (MentionName.of(mentions[i]) for i in indices)
        titles = frozenset(
            r.title.lower()
            for r in extraction.relations
            if r.relation is Relation.HOLDS_POST and r.subject in c and r.title
        )
        clusters.append(
            LocalEntity(
                doc_id,
                tuple(names.setdefault(form, form) for form in forms),
                indices,
                titles or NO_TITLES,
            )
        )
    return clusters


# -- across documents -------------------------------------------------------------------------


def merge_across_documents(
    local: list[LocalEntity], cues: Mapping[str, Counter[str]] | None = None
) -> list[list[LocalEntity]]:
    """Link document-level clusters that share a key or a full name; attach lone surnames.
    ``cues``: the countries each document is placed in without naming them."""
    evidence = UnionFind(len(local))
    owner: dict[str, int] = {}
    countries = _story_countries(local, cues or {})
    clear = _story_countries(local, cues or {}, clear=True)
    for i, cluster in enumerate(local):
        keys = _identity_keys(cluster, countries.get(cluster.doc_id))
        chamber = _chamber(cluster, clear.get(cluster.doc_id))
        for key in keys | ({chamber.key} if chamber is not None else set()):
            if key in owner:
                evidence.union(owner[key], i)
            else:
                owner[key] = i
    for i, j in (*_lone_surnames(local), *_spellings(local), *_longer_forms(local, countries)):
        evidence.union(i, j)
    return [[local[i] for i in c] for c in evidence.components()]


def _identity_keys(cluster: LocalEntity, country: str | None) -> set[str]:
    """Names that identify the thing across documents (a person's bare surname does not; a
    name any country's institution bears, "the Senate", only within one story country)."""
    if cluster.keys:
        return cluster.keys
    known = {name for m in cluster.mentions if (name := known_name(m))}
    if known:
        return {f"known:{name}" for name in known}
    if cluster.kind is Kind.PERSON:
        return {f"person:{formal_name(strip_particles(n))}" for n in cluster.full_names}
    if cluster.kind is Kind.ORGANIZATION and all(map(_is_institution_name, cluster.names)):
        keys = {f"name:{n}@{country or '?'}" for n in cluster.names}
        if country is not None:  # "the Senate" of a story about Kenya is Kenya's senate
            phrases = institutions()
            keys |= {
                str(Key.for_institution(phrases[n].name, country))
                for n in cluster.names
                if n in phrases
            }
        return keys
    # a name of several words is one thing whatever type the model gave it in each document
    people = {
        f"person:{joined_initials(strip_particles(n))}" for n in cluster.names if len(n.split()) > 1
    }
    short = (
        {form(n) for n in cluster.names for form in (without_company_suffix, country_spelt_out)}
        if cluster.kind is Kind.ORGANIZATION
        else set()
    )
    residences = (
        {f"residence:{place}" for n in cluster.names if (place := residence_of(n))}
        if cluster.kind is Kind.PLACE
        else set()
    )  # "Schloss Meseberg" is "Meseberg Palace"
    return {f"name:{n}" for n in cluster.names | short} | people | residences


def _is_institution_name(name: str) -> bool:
    """A name that every country's institution may bear: "senate", "supreme court", "house
    of representatives", "electoral commission" (not "supreme national security council")."""
    generic = function_words("institution_word")
    heads = entity_heads()
    words = [w for w in name.split() if w not in function_words("joiner")]
    return len(words) <= 2 and all(w in generic or w in heads for w in words)


def _chamber(cluster: LocalEntity, country: str | None) -> Chamber | None:
    """The house of a legislature a cluster names: by its institution key ("the Kenyan
    Senate"), or by a name that is the house's in the story's country ("the House")."""
    for key in cluster.keys:
        if (chamber := chamber_of_key(key)) is not None:
            return chamber
    if country is None or cluster.kind is not Kind.ORGANIZATION or cluster.keys:
        return None
    if not cluster.names or not all(map(_is_institution_name, cluster.names)):
        return None
    found = {chamber_named(n, country) for n in cluster.names}
    return found.pop() if len(found) == 1 else None


def _story_countries(
    local: list[LocalEntity], cues: Mapping[str, Counter[str]], *, clear: bool = False
) -> dict[str, str]:
    """The country each document is about: the one it names most (by mentions of the
    country, of its cities and of its regions, and by the ``cues`` that place it there: its
    dateline, the state tags of US lawmakers). A document that names none shares "?" with the
    others that name none. ``clear``: only a country named twice or more and more than any other."""
    counts: dict[str, Counter[str]] = {doc_id: Counter(c) for doc_id, c in cues.items() if c}
    for cluster in local:
        for m in cluster.mentions:
            if m.key and not (key := Key.parse(m.key)).is_institution:
                counts.setdefault(cluster.doc_id, Counter())[key.country] += 1
    if clear:
        counts = {doc_id: c for doc_id, c in counts.items() if _clear_lead(c)}
    return {doc_id: c.most_common(1)[0][0] for doc_id, c in counts.items()}


def _clear_lead(counts: Counter[str]) -> bool:
    top = counts.most_common(2)
    return top[0][1] >= 2 and (len(top) == 1 or top[0][1] > top[1][1])


def _spellings(local: list[LocalEntity]) -> Iterator[tuple[int, int]]:
    """Clusters whose names are two spellings of one name (no gazetteer or known key)."""
    owner: dict[str, int] = {}
    for i, cluster in enumerate(local):
        if cluster.keys or any(known_name(m) for m in cluster.mentions):
            continue
        for name in cluster.names:
            owner.setdefault(name, i)
    for a, b in spelling_variants(owner):
        yield owner[a], owner[b]


def _longer_forms(
    local: list[LocalEntity], countries: Mapping[str, str]
) -> Iterator[tuple[int, int]]:
    """A person's name and its one longer form among the people of the stories about the same
    country ("Abdelaali Hassani" in one Algerian story, "Abdelaali Hassani Cherif" in another):
    a longer form in a story about another country may be another person."""
    owner: dict[str, dict[str, int]] = {}
    for i, cluster in enumerate(local):
        country = countries.get(cluster.doc_id)
        if cluster.kind is Kind.PERSON and not cluster.keys and country is not None:
            for name in cluster.full_names:
                owner.setdefault(country, {}).setdefault(name, i)
    for people in owner.values():
        for short, long in longer_forms(people):
            yield people[short], people[long]


def _lone_surnames(local: list[LocalEntity]) -> Iterator[tuple[int, int]]:
    """A person known only by surname joins the one person of the corpus with that surname,
    unless the two hold different posts ("Smith, the coach" is not "President John Smith").
    Names the model typed otherwise count when they look like a person's ("Pistorius" typed
    an organization in one article, "Boris Pistorius" a person in another), but not a name
    every country's institution bears ("House")."""
    by_surname: dict[str, set[str]] = {}
    first_with: dict[str, int] = {}
    titles_of: dict[str, set[str]] = {}
    for i, cluster in enumerate(local):
        if cluster.kind is Kind.PERSON or looks_personal(cluster.mentions):
            for name in cluster.full_names:
                by_surname.setdefault(surname(name), set()).add(name)
                first_with.setdefault(name, i)
                titles_of.setdefault(name, set()).update(cluster.titles)
    lone_first: dict[str, int] = {}
    for i, cluster in enumerate(local):
        if cluster.full_names or not (
            cluster.kind is Kind.PERSON
            or (cluster.kind is Kind.ORGANIZATION and looks_personal(cluster.mentions))
        ):
            continue  # a lone place name is no surname ("Jujuy", "San Salvador de Jujuy")
        if cluster.kind is Kind.ORGANIZATION and all(map(_is_institution_name, cluster.names)):
            continue  # "the House" of one country is not that of another
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
    groups: list[list[LocalEntity]], countries: dict[str, str]
) -> tuple[tuple[Entity, ...], EntityKeys]:
    """Entities, and the entity key of each (document, mention index)."""
    entities: list[Entity] = []
    key_of = EntityKeys()
    used_keys: set[str] = set()
    kinds = [_kind_of(group, [m for c in group for m in c.mentions]) for group in groups]
    labels = [
        _label([m for c in group for m in c.mentions], kind)
        for group, kind in zip(groups, kinds, strict=True)
    ]
    shared = Counter(zip(kinds, labels, strict=True))
    for group, kind, label in zip(groups, kinds, labels, strict=True):
        chamber = _chamber_of_group(group, countries) if kind is Kind.ORGANIZATION else None
        if chamber is not None:
            label = chamber.name
        elif kind is Kind.ORGANIZATION and shared[kind, label] > 1:
            label = _with_country(label, group, countries)
        entity = _entity(group, used_keys, kind, label)
        used_keys.add(entity.key)
        entities.append(entity)
        for cluster in group:
            for index in cluster.indices:
                key_of.add(cluster.doc_id, index, entity.key)
    return tuple(entities), key_of


def _kind_of(group: list[LocalEntity], mentions: list[MentionName]) -> Kind:
    """A gazetteer key settles the kind; a post held makes a person; else each document's
    verdict is one vote (a name the model typed apart in one article does not outvote the
    others by being repeated there); a tie goes to a person if the names look like a person's,
    else to the document that gives the fullest name."""
    if any(m.key for m in mentions) or len(group) == 1:
        return LocalEntity(group[0].doc_id, tuple(mentions)).kind
    if any(cluster.titles for cluster in group):
        return Kind.PERSON
    votes = Counter(cluster.kind for cluster in group)
    fullest = max(group, key=lambda c: max(len(n.split()) for n in c.names) if c.names else 0)
    return _voted(votes, fullest.kind, personal=looks_personal(mentions))


def _voted(votes: Counter[Kind], fullest: Kind, *, personal: bool = False) -> Kind:
    """The kind with most votes; a tie goes to a person when the names look like a person's,
    then to the kind of the fullest name, then to the organization, person, place order."""
    return min(
        votes,
        key=lambda k: (
            -votes[k],
            not (personal and k is Kind.PERSON),
            k is not fullest,
            KIND_PRIORITY[k],
        ),
    )


def _chamber_of_group(group: list[LocalEntity], countries: dict[str, str]) -> Chamber | None:
    """The one house of a legislature the clusters of a group name, if they name one."""
    found = {_chamber(cluster, countries.get(cluster.doc_id)) for cluster in group} - {None}
    return found.pop() if len(found) == 1 else None


def _with_country(label: str, group: list[LocalEntity], countries: dict[str, str]) -> str:
    """The label of an institution that other countries' institutions share ("Senate"),
    with its country: "Senate of Kenya", when the documents that name it are about one (those
    whose country is not clear do not count: they joined the group by its country)."""
    found = {countries.get(cluster.doc_id) for cluster in group} - {None}
    country = found.pop() if len(found) == 1 else None
    if country is None or not _is_institution_name(fold(label)):
        return label
    return f"{label} of {load_gazetteer().countries[country].name}"


def _entity(group: list[LocalEntity], used_keys: set[str], kind: Kind, label: str) -> Entity:
    all_mentions = [m for cluster in group for m in cluster.mentions]
    surface = {m.text for m in all_mentions if m.naming}
    alt = sorted({n for n in surface if n != label})
    fine = sorted({m.fine_type for m in all_mentions if m.fine_type and m.kind is kind})
    docs = sorted({cluster.doc_id for cluster in group})
    known = identity(kind, all_mentions)
    return Entity(
        unique_key(kind, label, used_keys),
        kind,
        label,
        tuple(alt),
        tuple(fine),
        tuple(docs),
        wikidata=known.wikidata,
        geonames=known.geonames,
        coordinates=known.coordinates,
    )


def _label(mentions: list[MentionName], kind: Kind) -> str:
    """The fullest name: the gazetteer's for a known place, the longest for a person, the most
    frequent full (non-acronym) name otherwise."""
    gazetteer = load_gazetteer()
    for m in mentions:
        key = Key.parse(m.key) if m.key else None
        if key is not None and key.is_country:
            return gazetteer.countries[key.country].name
        if key is not None and key.city is not None:
            return key.city
        if key is not None and key.region is not None:
            return gazetteer.subdivisions[f"{key.country}-{key.region}"].name
    counts = Counter(m.text for m in mentions if m.naming)
    if not counts:
        return _name_from_key(next(m.key for m in mentions if m.key))
    if kind is Kind.PERSON:
        return max(counts, key=lambda n: (len(n.split()), len(n), counts[n]))
    full = [n for n in counts if not n.isupper()] or list(counts)
    return max(full, key=lambda n: (sum(counts[m] for m in counts if fold(m) == fold(n)), len(n)))


def _name_from_key(key: str) -> str:
    """A name for an institution only referred to ("Iraqi lawmakers"): "Parliament of Iraq"."""
    if (chamber := chamber_of_key(key)) is not None:
        return chamber.name
    institution = Key.parse(key)
    return (
        f"{institution.name.capitalize()} of {load_gazetteer().countries[institution.country].name}"
    )


def unique_key(kind: Kind, label: str, used: set[str]) -> str:
    """An entity's key: its kind and its name, and #2, #3, ... for a namesake. Keys identify
    entities between the stages; the graph builder mints the IRIs.

    >>> unique_key(Kind.PERSON, "Ali Reza", {"person:Ali Reza"})
    'person:Ali Reza#2'
    """
    base = f"{kind.value.lower()}:{label}"
    key, n = base, 1
    while key in used:
        n += 1
        key = f"{base}#{n}"
    return key
