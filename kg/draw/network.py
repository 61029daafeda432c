"""Network: the RDF graph -> a networkx graph to draw, by one convention.

The convention (README.md, "Drawing the graph"):

- A node is an entity (``schema:Person``, ``schema:Organization``, ``schema:Place``), its id
  the IRI, with ``label``, ``type`` (``Person``, ``Organization``, ``Place``), ``documents``
  (how many articles mention it) and ``degree`` (its edges in the drawn graph), and the
  sentence of its first mention (``evidence``, from the article ``source``); a place with
  ``schema:geo`` has its ``latitude`` and ``longitude`` (degrees).
- An edge between entities is a relation, its ``label`` one of ``RELATIONS``; a post held is
  one edge from the person to the organization (or country) with the post's ``title``.
- An event (``schema:Event``) is a node of ``type`` ``Event`` with its ``class`` (``Meeting``,
  ``Attack``, ``Statement``, ``Legislation``, ``Election``), the finer ``subclass`` if any and
  its ``date``; an edge from the event to each participant is labelled with the role
  (``agent``, ``participant``, ``target``, ``location``). With ``collapse_events`` an event is
  instead an edge between each two of its participants, from the earlier role to the later.
- With ``fold_statements`` a statement whose one participant is its speaker (``agent``) is no
  node: the speaker counts it (``statements``) and keeps the sentence of one (``statement``,
  the first by article identifier, then by text; its article is ``statement_source``).

The graph is read with SPARQL (kg.store.store), so a file and a store give the same network.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.errors import ExportError
from kg.graph.vocab import KGO, ORG, PREFIXES, SCHEMA
from kg.records import BASE_CLASSES

if TYPE_CHECKING:
    import networkx as nx

ENTITY_TYPES = ("Person", "Organization", "Place")
NODE_TYPES = (*ENTITY_TYPES, "Event")
EVENT_CLASSES = BASE_CLASSES
RELATIONS = {
    str(ORG.memberOf): "member of",
    str(ORG.subOrganizationOf): "part of",
    str(SCHEMA.location): "located in",
    str(SCHEMA.nationality): "nationality",
    str(SCHEMA.homeLocation): "lives in",
    str(SCHEMA.containedInPlace): "contained in",
}
"""Edge labels of the relations between entities; a post held is ``HOLDS_POST``."""
HOLDS_POST = "holds post in"
ROLES = {
    str(KGO.agent): "agent",
    str(KGO.participant): "participant",
    str(KGO.target): "target",
    str(SCHEMA.location): "location",
}
"""Edge labels from an event to its participants, in the order a collapsed event follows."""


@dataclass(frozen=True)
class View:
    """Which part of the graph to draw, and whether events are nodes or edges.

    The cuts apply in this order: ``around`` (the nodes within ``hops`` edges of every node
    whose label or alternative name is ``around``, case aside, edges taken either way), then
    ``types``, then ``min_degree`` (drop nodes with fewer edges), then ``limit`` (keep the
    ``limit`` nodes with the most edges); each counts the edges left by the cuts before it.
    Statements are folded into their speakers (``fold_statements``) before the cuts.

    >>> View(types=frozenset({"Person"}), limit=10).limit
    10
    """

    around: str | None = None
    hops: int = 1
    types: frozenset[str] = field(default_factory=lambda: frozenset(NODE_TYPES))
    min_degree: int = 0
    limit: int | None = None
    collapse_events: bool = False
    fold_statements: bool = False

    def __post_init__(self) -> None:
        unknown = sorted(set(self.types) - set(NODE_TYPES))
        if unknown:
            raise ValueError(f"Unexpected node type: {unknown[0]!r} (one of {NODE_TYPES})")
        if self.hops < 0 or self.min_degree < 0 or (self.limit is not None and self.limit < 0):
            raise ValueError(f"Unexpected negative cut in {self!r}")


def node_types(text: str) -> frozenset[str]:
    """The node types a comma-separated list names, case aside.

    >>> sorted(node_types("person, ORGANIZATION"))
    ['Organization', 'Person']
    """
    names = {kind.lower(): kind for kind in NODE_TYPES}
    asked = [name.strip().lower() for name in text.split(",") if name.strip()]
    unknown = [name for name in asked if name not in names]
    if unknown or not asked:
        raise ValueError(f"{text!r}: give some of {','.join(NODE_TYPES)}")
    return frozenset(names[name] for name in asked)


def project_network(store: ox.Store, *, view: View | None = None) -> nx.MultiDiGraph:
    """The network of the graph in an open store (``kg.store``: ``open_store``, or ``load_file``
    for an RDF file).

    Args:
        store: the Oxigraph store holding the graph.
        view: the cuts and whether to collapse events (default: everything, events as nodes).

    Returns:
        A ``MultiDiGraph``: two entities may be joined by several relations.

    >>> from rdflib import Dataset, Literal, URIRef
    >>> from kg.graph.vocab import RDF, RDFS
    >>> ds, ali = Dataset(), URIRef("https://example.org/ali")
    >>> _ = ds.add((ali, RDF.type, SCHEMA.Person)).add((ali, RDFS.label, Literal("Ali")))
    >>> store = ox.Store()
    >>> store.load(ds.serialize(format="nquads").encode(), format=ox.RdfFormat.N_QUADS)
    >>> dict(project_network(store).nodes(data=True))["https://example.org/ali"]["type"]
    'Person'
    """
    import networkx as nx  # heavy: only the commands that draw import it

    view = view or View()
    g = nx.MultiDiGraph()
    _add_entities(g, store)
    _add_coordinates(g, store)
    _add_relations(g, store)
    events = _read_events(store)
    if view.collapse_events:
        _add_collapsed_events(g, events)
    else:
        _add_events(g, events)
    _add_evidence(g, store)
    if view.fold_statements:
        _fold_statements(g)
    g = _cut(g, store, view)
    for node, degree in g.degree():
        g.nodes[node]["degree"] = degree
    return g


def _rows(store: ox.Store, query: str) -> Iterator[dict[str, str]]:
    """The solutions of one of our SELECT queries over the union of the graphs, as text
    (an unbound variable as "")."""
    prefixes = {name: str(ns) for name, ns in PREFIXES.items()}
    answer = store.query(query, prefixes=prefixes, use_default_graph_as_union=True)
    if not isinstance(answer, ox.QuerySolutions):
        raise ValueError(f"Expected solutions of a SELECT query, got {answer!r}")
    names = [v.value for v in answer.variables]
    for solution in answer:
        yield {name: "" if (term := solution[name]) is None else term.value for name in names}


ENTITIES = """
SELECT ?node ?type ?label (COUNT(DISTINCT ?doc) AS ?documents) WHERE {
  VALUES ?type { schema:Person schema:Organization schema:Place }
  ?node a ?type .
  OPTIONAL { ?node rdfs:label ?label }
  OPTIONAL { ?node prov:wasDerivedFrom ?doc }
} GROUP BY ?node ?type ?label ORDER BY ?node ?type ?label
"""


def _add_entities(g: nx.MultiDiGraph, store: ox.Store) -> None:
    """One node per entity; one of several basic types, in the order of ``ENTITY_TYPES``."""
    for row in _rows(store, ENTITIES):
        kind = _local_name(row["type"])
        if row["node"] in g and ENTITY_TYPES.index(g.nodes[row["node"]]["type"]) <= (
            ENTITY_TYPES.index(kind)
        ):
            continue
        g.add_node(
            row["node"],
            label=row["label"] or _local_name(row["node"]),
            type=kind,
            documents=int(row["documents"]),
        )


COORDINATES = """
SELECT ?node ?latitude ?longitude WHERE {
  ?node schema:geo ?geo .
  ?geo schema:latitude ?latitude ; schema:longitude ?longitude .
} ORDER BY ?node ?latitude ?longitude
"""


def _add_coordinates(g: nx.MultiDiGraph, store: ox.Store) -> None:
    """Where an entity is, as ``schema:geo`` says (the first pair if it says several)."""
    for row in _rows(store, COORDINATES):
        attrs = g.nodes.get(row["node"])
        if attrs is None or "latitude" in attrs:
            continue
        try:
            latitude, longitude = float(row["latitude"]), float(row["longitude"])
        except ValueError:
            continue  # not a number: no place on the map
        if -90 <= latitude <= 90 and -180 <= longitude <= 180:
            attrs["latitude"], attrs["longitude"] = latitude, longitude


RELATION_TRIPLES = """
SELECT ?s ?p ?o ?title WHERE {
  {
    VALUES ?p { org:memberOf org:subOrganizationOf schema:location schema:nationality
                schema:homeLocation schema:containedInPlace }
    ?s ?p ?o .
  } UNION {
    ?s org:holds ?post .
    OPTIONAL { ?post org:postIn ?in }
    OPTIONAL { ?post rdfs:label ?title }
    BIND (COALESCE(?in, ?post) AS ?o)
    BIND (org:holds AS ?p)
  }
} ORDER BY ?s ?p ?o ?title
"""


def _add_relations(g: nx.MultiDiGraph, store: ox.Store) -> None:
    """An edge per relation between two entities (an event's place is a role, not this)."""
    for row in _rows(store, RELATION_TRIPLES):
        s, o = row["s"], row["o"]
        if s not in g or o not in g:
            continue
        if row["p"] == str(ORG.holds):
            title = row["title"]
            attrs = {"title": title} if title else {}
            key = f"{HOLDS_POST}: {title}" if title else HOLDS_POST
            g.add_edge(s, o, key=key, label=HOLDS_POST, predicate=row["p"], **attrs)
        else:
            label = RELATIONS[row["p"]]
            g.add_edge(s, o, key=label, label=label, predicate=row["p"])


@dataclass(frozen=True)
class _Event:
    iri: str
    attrs: dict[str, Any]
    roles: tuple[tuple[str, str], ...]
    """(role, entity IRI) in the order of ``ROLES``."""


EVENTS = """
SELECT ?node ?label ?class ?date (COUNT(DISTINCT ?doc) AS ?documents) WHERE {
  ?node a schema:Event .
  OPTIONAL { ?node rdfs:label ?label }
  OPTIONAL { ?node a ?class FILTER (STRSTARTS(STR(?class), STR(kgo:))) }
  OPTIONAL { ?node schema:startDate ?date }
  OPTIONAL { ?node prov:wasDerivedFrom ?doc }
} GROUP BY ?node ?label ?class ?date ORDER BY ?node ?class
"""
EVENT_ROLES = """
SELECT ?node ?role ?x WHERE {
  VALUES ?role { kgo:agent kgo:participant kgo:target schema:location }
  ?node a schema:Event ; ?role ?x .
} ORDER BY ?node ?role ?x
"""


def _read_events(store: ox.Store) -> list[_Event]:
    """The events, their attributes (class, finer class, date) and their participants."""
    attrs: dict[str, dict[str, Any]] = {}
    for row in _rows(store, EVENTS):
        event = attrs.setdefault(
            row["node"],
            {"label": row["label"] or _local_name(row["node"]), "type": "Event"},
        )
        event["documents"] = int(row["documents"])
        cls = _local_name(row["class"]) if row["class"] else ""
        if cls in EVENT_CLASSES:
            event["class"] = cls
        elif cls:
            event["subclass"] = cls
        if row["date"]:
            event["date"] = row["date"]
    roles: dict[str, list[tuple[str, str]]] = {iri: [] for iri in attrs}
    for row in _rows(store, EVENT_ROLES):
        roles[row["node"]].append((ROLES[row["role"]], row["x"]))
    order = list(ROLES.values())
    return [
        _Event(iri, attrs[iri], tuple(sorted(roles[iri], key=lambda r: order.index(r[0]))))
        for iri in attrs
    ]


def _add_events(g: nx.MultiDiGraph, events: Iterable[_Event]) -> None:
    """Each event a node, with an edge to each participant labelled with its role."""
    for event in events:
        g.add_node(event.iri, **event.attrs)
        for role, entity in event.roles:
            if entity in g:
                g.add_edge(event.iri, entity, key=role, label=role, predicate=_role_iri(role))


def _add_collapsed_events(g: nx.MultiDiGraph, events: Iterable[_Event]) -> None:
    """Each event an edge between each two of its participants, the earlier role first."""
    for event in events:
        first_roles: dict[str, str] = {}
        for role, entity in event.roles:
            if entity in g:
                first_roles.setdefault(entity, role)
        for (a, role_a), (b, role_b) in combinations(first_roles.items(), 2):
            attrs = {k: v for k, v in event.attrs.items() if k not in {"type", "documents"}}
            g.add_edge(a, b, key=event.iri, event=event.iri, roles=f"{role_a}-{role_b}", **attrs)


def _role_iri(role: str) -> str:
    return next(iri for iri, name in ROLES.items() if name == role)


EVIDENCE = """
SELECT ?node ?text ?doc ?begin WHERE {
  {
    ?mention a kgo:Mention ; kgo:denotes ?node ; kgo:sentence ?sentence .
  } UNION {
    ?node a schema:Event ; kgo:evidence ?sentence .
  }
  ?sentence schema:text ?text ; kgo:beginIndex ?begin .
  OPTIONAL { ?sentence schema:isPartOf ?article . ?article schema:identifier ?doc }
}
"""


def _add_evidence(g: nx.MultiDiGraph, store: ox.Store) -> None:
    """Each node's first sentence: in the first article (by identifier), the earliest."""
    first: dict[str, tuple[str, int, str]] = {}
    for row in _rows(store, EVIDENCE):
        if row["node"] not in g:
            continue
        candidate = (row["doc"], int(row["begin"]), row["text"])
        if row["node"] not in first or candidate < first[row["node"]]:
            first[row["node"]] = candidate
    for node, (doc, _, text) in first.items():
        g.nodes[node]["evidence"] = text.strip()
        if doc:
            g.nodes[node]["source"] = doc


def _fold_statements(g: nx.MultiDiGraph) -> None:
    """Each statement with no participant but its speaker counted on the speaker instead of
    drawn: a speaker quoted in hundreds of articles is one node, not hundreds."""
    said: dict[str, list[tuple[str, str]]] = {}
    for node, attrs in list(g.nodes(data=True)):
        if attrs["type"] != "Event" or attrs.get("class") != "Statement":
            continue
        if g.in_degree(node) or g.out_degree(node) != 1:
            continue
        ((_, speaker, role),) = g.out_edges(node, keys=True)
        if role == "agent":
            said.setdefault(speaker, []).append(
                (attrs.get("source", ""), attrs.get("evidence", ""))
            )
            g.remove_node(node)
    for speaker, sentences in said.items():
        attrs = g.nodes[speaker]
        attrs["statements"] = len(sentences)
        source, sentence = min(sentences, key=lambda s: (not s[1], s))
        if sentence:
            attrs["statement"] = sentence
            if source:
                attrs["statement_source"] = source


ALT_LABELS = "SELECT ?node ?name WHERE { ?node skos:altLabel ?name }"


def _cut(g: nx.MultiDiGraph, store: ox.Store, view: View) -> nx.MultiDiGraph:
    """The subgraph the view asks for (see ``View`` for the order of the cuts)."""
    import networkx as nx

    if view.around is not None:
        g = g.subgraph(_around(g, store, view.around, view.hops))
    if set(view.types) != set(NODE_TYPES):
        g = g.subgraph(n for n, kind in g.nodes(data="type") if kind in view.types)
    if view.min_degree:
        g = g.subgraph(n for n, degree in g.degree() if degree >= view.min_degree)
    if view.limit is not None:
        ranked = sorted(g.degree(), key=lambda nd: (-nd[1], g.nodes[nd[0]]["label"], nd[0]))
        g = g.subgraph(n for n, _ in ranked[: view.limit])
    return nx.MultiDiGraph(g)


def _around(g: nx.MultiDiGraph, store: ox.Store, name: str, hops: int) -> set[str]:
    """The nodes within ``hops`` edges (either way) of the nodes named ``name``."""
    import networkx as nx

    wanted = name.casefold()
    names = [(n, label) for n, label in g.nodes(data="label")]
    names += [(r["node"], r["name"]) for r in _rows(store, ALT_LABELS) if r["node"] in g]
    centres = {n for n, label in names if label.casefold() == wanted}
    if not centres:
        raise ExportError(f"no node is named {name!r} (by its label or another name)")
    undirected = g.to_undirected(as_view=True)
    near: set[str] = set()
    for centre in sorted(centres):
        near |= set(nx.single_source_shortest_path_length(undirected, centre, cutoff=hops))
    return near


def _local_name(iri: str) -> str:
    """The last segment of an IRI.

    >>> _local_name("https://schema.org/Person"), _local_name("https://w3id.org/o#Meeting")
    ('Person', 'Meeting')
    """
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
