"""The network projection and its exports: the convention on a hand-made corpus, every format
read back, counts against SPARQL on the sample corpus, and the cuts."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from math import comb
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.config import Settings
from kg.draw import export as export_module
from kg.draw.export import NETWORK_FORMATS, export_network, html_page, network_format
from kg.draw.network import NODE_TYPES, View, node_types, project_network
from kg.errors import ExportError
from kg.graph.build import Minter, build_graph
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
from kg.store.store import load_file, run_query
from tests.conftest import Built

BASE = "https://example.org/id/"
TEXT_A = "Ali Shamkhani met Qasim al-Araji in Tehran. Shamkhani said Iran wants stability."
TEXT_B = "Shamkhani, the SNSC secretary, flew home."
ALI, QASIM, TEHRAN, IRAN, SNSC = (
    BASE + key
    for key in (
        "person/ali-shamkhani",
        "person/qasim-al-araji",
        "place/tehran",
        "place/iran",
        "organization/supreme-national-security-council",
    )
)
SUFFIX = {"graphml": ".graphml", "gexf": ".gexf", "cytoscape": ".cyjs", "nodelink": ".json"}


def _span(doc_id: str, text: str, sentence: int, name: str, after: int = 0) -> Span:
    start = text.index(name, after)
    return Span(doc_id, sentence, start, start + len(name))


EVENTS = (
    Event(
        "Meeting",
        "Meeting",
        "Meeting: Ali Shamkhani, Qasim al-Araji",
        (_span("a.txt", TEXT_A, 0, "met"),),
        agents=(ALI[len(BASE) :],),
        participants=(QASIM[len(BASE) :],),
        places=(TEHRAN[len(BASE) :],),
        date="2021-04-12",
    ),
    Event(
        "Statement",
        "Statement",
        "Statement by Ali Shamkhani",
        (_span("a.txt", TEXT_A, 1, "said"),),
        agents=(ALI[len(BASE) :],),
    ),
)
MEETING, STATEMENT = (str(iri) for iri in Minter(BASE).events(EVENTS))


def small_resolution() -> Resolution:
    """Two articles, five entities, five facts, a meeting and a statement."""
    docs = (Document("a.txt", "a.txt", TEXT_A), Document("b.txt", "b.txt", TEXT_B))
    sentences = (
        Sentence("a.txt", 0, 0, 43, TEXT_A[:43]),
        Sentence("a.txt", 1, 44, 81, TEXT_A[44:]),
        Sentence("b.txt", 0, 0, len(TEXT_B), TEXT_B),
    )
    both = ("a.txt", "b.txt")
    entities = (
        Entity(ALI[len(BASE) :], Kind.PERSON, "Ali Shamkhani", ("Shamkhani",), (), both),
        Entity(QASIM[len(BASE) :], Kind.PERSON, "Qasim al-Araji", (), (), ("a.txt",)),
        Entity(TEHRAN[len(BASE) :], Kind.PLACE, "Tehran", (), ("City",), ("a.txt",)),
        Entity(IRAN[len(BASE) :], Kind.PLACE, "Iran", (), ("Country",), ("a.txt",)),
        Entity(
            SNSC[len(BASE) :],
            Kind.ORGANIZATION,
            "Supreme National Security Council",
            ("SNSC",),
            (),
            ("b.txt",),
        ),
    )
    mentions = (
        EntityMention(ALI[len(BASE) :], "Shamkhani", _span("b.txt", TEXT_B, 0, "Shamkhani")),
        EntityMention(ALI[len(BASE) :], "Shamkhani", _span("a.txt", TEXT_A, 1, "Shamkhani", 44)),
        EntityMention(
            ALI[len(BASE) :], "Ali Shamkhani", _span("a.txt", TEXT_A, 0, "Ali Shamkhani")
        ),
        EntityMention(QASIM[len(BASE) :], "Qasim al-Araji", _span("a.txt", TEXT_A, 0, "Qasim")),
        EntityMention(TEHRAN[len(BASE) :], "Tehran", _span("a.txt", TEXT_A, 0, "Tehran")),
        EntityMention(IRAN[len(BASE) :], "Iran", _span("a.txt", TEXT_A, 1, "Iran")),
        EntityMention(SNSC[len(BASE) :], "SNSC", _span("b.txt", TEXT_B, 0, "SNSC")),
    )
    said_b = (_span("b.txt", TEXT_B, 0, "SNSC"),)

    def fact(s: str, relation: Relation, o: str, title: str | None = None) -> Fact:
        return Fact(s[len(BASE) :], relation, o[len(BASE) :], said_b, title)

    facts = (
        fact(ALI, Relation.HOLDS_POST, SNSC, "Secretary"),
        fact(ALI, Relation.MEMBER_OF, SNSC),
        fact(SNSC, Relation.LOCATION, IRAN),
        fact(TEHRAN, Relation.CONTAINED_IN_PLACE, IRAN),
        fact(QASIM, Relation.NATIONALITY, IRAN),
    )
    return Resolution(docs, sentences, entities, mentions, facts, EVENTS)


@pytest.fixture(scope="module")
def small() -> ox.Store:
    """The small corpus's graph in an in-memory Oxigraph store."""
    ds = build_graph(small_resolution(), settings=Settings(base_iri=BASE))
    store = ox.Store()
    store.load(ds.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
    return store


def edge_set(g: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return {(u, v, label) for u, v, label in g.edges(data="label")}


def test_entities_and_events_are_nodes(small):
    g = project_network(small)
    assert set(g.nodes) == {ALI, QASIM, TEHRAN, IRAN, SNSC, MEETING, STATEMENT}
    assert g.nodes[ALI] == {
        "label": "Ali Shamkhani",
        "type": "Person",
        "documents": 2,
        "degree": 4,
        "evidence": "Ali Shamkhani met Qasim al-Araji in Tehran.",
        "source": "a.txt",
    }
    assert g.nodes[SNSC]["evidence"] == TEXT_B
    assert g.nodes[MEETING] == {
        "label": "Meeting: Ali Shamkhani, Qasim al-Araji",
        "type": "Event",
        "class": "Meeting",
        "date": "2021-04-12",
        "documents": 1,
        "degree": 3,
        "evidence": "Ali Shamkhani met Qasim al-Araji in Tehran.",
        "source": "a.txt",
    }


def test_relations_and_roles_are_labelled_edges(small):
    g = project_network(small)
    assert edge_set(g) == {
        (ALI, SNSC, "holds post in"),
        (ALI, SNSC, "member of"),
        (SNSC, IRAN, "located in"),
        (TEHRAN, IRAN, "contained in"),
        (QASIM, IRAN, "nationality"),
        (MEETING, ALI, "agent"),
        (MEETING, QASIM, "participant"),
        (MEETING, TEHRAN, "location"),
        (STATEMENT, ALI, "agent"),
    }
    assert g.edges[ALI, SNSC, "holds post in: Secretary"]["title"] == "Secretary"


def test_collapsed_events_are_edges_between_participants(small):
    g = project_network(small, view=View(collapse_events=True))
    assert set(g.nodes) == {ALI, QASIM, TEHRAN, IRAN, SNSC}
    meeting = {(u, v) for u, v, event in g.edges(data="event") if event == MEETING}
    assert meeting == {(ALI, QASIM), (ALI, TEHRAN), (QASIM, TEHRAN)}
    assert g.edges[ALI, QASIM, MEETING] == {
        "label": "Meeting: Ali Shamkhani, Qasim al-Araji",
        "class": "Meeting",
        "date": "2021-04-12",
        "event": MEETING,
        "roles": "agent-participant",
    }
    assert g.number_of_edges() == 5 + 3  # the statement has one participant: no edge


def test_statements_fold_into_their_speaker(small):
    g = project_network(small, view=View(fold_statements=True))
    assert set(g.nodes) == {ALI, QASIM, TEHRAN, IRAN, SNSC, MEETING}
    assert g.nodes[ALI]["statements"] == 1
    assert g.nodes[ALI]["statement"] == "Shamkhani said Iran wants stability."
    assert g.nodes[ALI]["statement_source"] == "a.txt"
    assert g.nodes[ALI]["degree"] == 3
    assert "statements" not in g.nodes[QASIM]


def test_a_statement_with_another_participant_stays_a_node():
    told = Event(
        "Statement",
        "Statement",
        "Statement by Ali Shamkhani",
        (_span("a.txt", TEXT_A, 1, "said"),),
        agents=(ALI[len(BASE) :],),
        targets=(IRAN[len(BASE) :],),
    )
    resolution = replace(small_resolution(), events=(EVENTS[0], told))
    ds = build_graph(resolution, settings=Settings(base_iri=BASE))
    store = ox.Store()
    store.load(ds.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
    g = project_network(store, view=View(fold_statements=True))
    statements = [n for n, cls in g.nodes(data="class") if cls == "Statement"]
    assert len(statements) == 1
    assert "statements" not in g.nodes[ALI]


@pytest.mark.parametrize(
    ("view", "nodes"),
    [
        (View(around="shamkhani"), {ALI, SNSC, MEETING, STATEMENT}),
        (View(around="SNSC", hops=0), {SNSC}),
        (View(around="snsc", hops=2), {SNSC, ALI, IRAN, MEETING, STATEMENT, TEHRAN, QASIM}),
        (View(types=frozenset({"Person"})), {ALI, QASIM}),
        (View(types=frozenset({"Place", "Event"})), {TEHRAN, IRAN, MEETING, STATEMENT}),
        (View(min_degree=3), {ALI, IRAN, SNSC, MEETING}),
        (View(limit=2), {ALI, IRAN}),
        # around first: the people two edges away through the meeting count
        (View(around="Tehran", hops=2, types=frozenset({"Person"})), {ALI, QASIM}),
    ],
)
def test_cuts(small, view, nodes):
    g = project_network(small, view=view)
    assert set(g.nodes) == nodes
    assert all(g.nodes[n]["degree"] == d for n, d in g.degree())


def test_around_an_unknown_name(small):
    with pytest.raises(ExportError, match="no node is named 'Nobody'"):
        project_network(small, view=View(around="Nobody"))


def test_node_types():
    assert node_types("person,Event") == {"Person", "Event"}
    with pytest.raises(ValueError, match="give some of"):
        node_types("people")
    with pytest.raises(ValueError, match="Unexpected node type"):
        View(types=frozenset({"people"}))


def read_back(path: Path, fmt: str) -> tuple[int, int]:
    """Node and edge counts of an export, read with the format's own reader."""
    if fmt == "graphml":
        g = nx.read_graphml(path)
        return g.number_of_nodes(), g.number_of_edges()
    if fmt == "gexf":
        g = nx.read_gexf(path)
        return g.number_of_nodes(), g.number_of_edges()
    data = json.loads(path.read_text(encoding="utf-8"))
    if fmt == "cytoscape":
        nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
        ids = {n["data"]["id"] for n in nodes}
        assert all({"source", "target", "id"} <= set(e["data"]) for e in edges)
        assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in edges)
        assert len({e["data"]["id"] for e in edges}) == len(edges)
        return len(nodes), len(edges)
    if fmt == "nodelink":
        assert data["directed"] and data["multigraph"]
        g = nx.node_link_graph(data, edges="links")
        return g.number_of_nodes(), g.number_of_edges()
    raise ValueError(fmt)


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
def test_every_format_reads_back(small, tmp_path, fmt):
    done = export_network(small, tmp_path / f"net{SUFFIX[fmt]}", fmt=fmt)
    assert (done.nodes, done.edges) == (7, 9)
    assert read_back(done.path, fmt) == (7, 9)


def test_graphml_keeps_the_attributes(small, tmp_path):
    path = export_network(small, tmp_path / "net.graphml").path
    g = nx.read_graphml(path, force_multigraph=True)
    assert g.nodes[ALI]["label"] == "Ali Shamkhani"
    assert g.nodes[ALI]["documents"] == 2
    assert g.nodes[MEETING]["class"] == "Meeting"
    assert {d["label"] for _, _, d in g.edges(data=True)} >= {"holds post in", "agent"}


def test_gexf_colours_by_type_and_sizes_by_degree(small, tmp_path):
    text = export_network(small, tmp_path / "net.gexf").path.read_text(encoding="utf-8")
    g = nx.read_gexf(tmp_path / "net.gexf")
    assert g.nodes[ALI]["viz"]["color"] == {"r": 78, "g": 121, "b": 167, "a": 1.0}
    assert g.nodes[ALI]["viz"]["size"] > g.nodes[QASIM]["viz"]["size"]
    assert g.nodes[IRAN]["viz"]["color"]["g"] == 161  # places are green
    assert "viz:color" in text


def test_html_is_self_contained(small, tmp_path):
    page = export_network(small, tmp_path / "net.html").path.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=", page, re.I)
    assert "@import" not in page
    assert len(re.findall(r"<script\b", page)) == len(re.findall(r"</script>", page)) == 3
    data = json.loads(re.search(r'id="kg-data"[^>]*>(.*?)</script>', page, re.S)[1])
    assert len(data["nodes"]) == 7 and len(data["edges"]) == 9
    assert "Ali Shamkhani met Qasim al-Araji in Tehran." in page


def test_html_data_cannot_close_its_script():
    g = nx.MultiDiGraph()
    g.add_node("urn:x", label="</script><script>alert(1)</script>", type="Person", degree=0)
    page = html_page(g, title="<t>")
    assert "alert(1)</script>" not in page
    assert "<title>&lt;t&gt;</title>" in page


def test_network_format():
    assert network_format("a.cyjs") == "cytoscape"
    with pytest.raises(ExportError, match="cannot tell the network format"):
        network_format("a.json")


def test_cli_export(small, tmp_path):
    ttl = tmp_path / "g.nq"
    ttl.write_bytes(small.dump(format=ox.RdfFormat.N_QUADS))
    out = tmp_path / "people.graphml"
    args = ["export", str(ttl), "-o", str(out), "--types", "person,place", "--min-degree", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote 3 nodes and 2 edges to {out} (graphml).\n"
    assert set(nx.read_graphml(out).nodes) == {QASIM, TEHRAN, IRAN}
    bad = CliRunner().invoke(main, ["export", str(ttl), "-o", str(out), "--types", "people"])
    assert bad.exit_code == 2 and "--types" in bad.output
    unknown = CliRunner().invoke(main, ["export", str(ttl), "-o", str(out), "--around", "X"])
    assert unknown.exit_code == 1 and "no node is named 'X'" in unknown.output


def test_cli_folds_statements_in_html_only_by_default(small, tmp_path):
    nq = tmp_path / "g.nq"
    nq.write_bytes(small.dump(format=ox.RdfFormat.N_QUADS))

    def exported(name: str, *options: str) -> str:
        out = tmp_path / name
        result = CliRunner().invoke(main, ["export", str(nq), "-o", str(out), *options])
        assert result.exit_code == 0, result.output
        return result.output

    assert "Wrote 6 nodes and 8 edges" in exported("folded.html")
    assert "Wrote 7 nodes and 9 edges" in exported("all.html", "--unfold-statements")
    assert "Wrote 7 nodes and 9 edges" in exported("all.graphml")
    assert "Wrote 6 nodes and 8 edges" in exported("folded.graphml", "--fold-statements")
    data = page_json((tmp_path / "folded.html").read_text(encoding="utf-8"))
    ali = next(n for n in data["nodes"] if n["id"] == ALI)
    assert ali["statements"] == 1 and ali["statement"] == "Shamkhani said Iran wants stability."


def test_html_nodes_come_with_positions(small, tmp_path, monkeypatch):
    data = page_json(export_network(small, tmp_path / "net.html").path.read_text("utf-8"))
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == 7
    assert data["physics"] > 0  # a small network settles in the browser
    monkeypatch.setattr(export_module, "PHYSICS_LIMIT", 6)
    data = page_json(export_network(small, tmp_path / "net.html").path.read_text("utf-8"))
    assert data["physics"] == 0  # a large one is drawn where the layout put it


def page_json(page: str) -> dict:
    return json.loads(re.search(r'id="kg-data"[^>]*>(.*?)</script>', page, re.S)[1])


def test_cli_offers_every_format():
    fmt = next(p for p in main.commands["export"].params if p.name == "fmt")
    assert tuple(fmt.type.choices) == NETWORK_FORMATS


TEHRAN_AT, IRAN_AT = (35.69, 51.42), (32.0, 53.0)


@pytest.fixture(scope="module")
def located() -> ox.Store:
    """The small corpus with coordinates (``schema:geo``) on its two places."""
    at = {TEHRAN[len(BASE) :]: TEHRAN_AT, IRAN[len(BASE) :]: IRAN_AT}
    resolution = small_resolution()
    entities = tuple(replace(e, coordinates=at.get(e.key)) for e in resolution.entities)
    ds = build_graph(replace(resolution, entities=entities), settings=Settings(base_iri=BASE))
    store = ox.Store()
    store.load(ds.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
    return store


def test_places_carry_their_coordinates(located, tmp_path):
    g = project_network(located)
    assert (g.nodes[TEHRAN]["latitude"], g.nodes[TEHRAN]["longitude"]) == TEHRAN_AT
    assert "latitude" not in g.nodes[ALI]
    path = export_network(located, tmp_path / "net.graphml").path
    assert nx.read_graphml(path, force_multigraph=True).nodes[IRAN]["longitude"] == IRAN_AT[1]


def test_html_geo_layout_pins_the_places_on_a_map(located, tmp_path):
    done = export_network(located, tmp_path / "geo.html", layout="geo")
    assert done.located == 2
    data = page_json(done.path.read_text("utf-8"))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert {n for n, node in nodes.items() if node.get("fixed")} == {TEHRAN, IRAN}
    tehran, iran = nodes[TEHRAN], nodes[IRAN]
    assert tehran["x"] < iran["x"] and tehran["y"] < iran["y"]  # west of Iran's middle, north
    assert set(data["map"]) == {"latitude", "longitude", "scale", "step"}
    force = page_json(export_network(located, tmp_path / "force.html").path.read_text("utf-8"))
    assert "map" not in force and not any(n.get("fixed") for n in force["nodes"])


def test_cli_export_geo_layout(small, located, tmp_path):
    def export(store: ox.Store, name: str, *options: str):
        nq = tmp_path / f"{id(store)}.nq"
        nq.write_bytes(store.dump(format=ox.RdfFormat.N_QUADS))
        return CliRunner().invoke(main, ["export", str(nq), "-o", str(tmp_path / name), *options])

    result = export(located, "geo.html", "--layout", "geo")
    assert result.exit_code == 0, result.output
    assert result.output.endswith("(html).\n2 places on the map.\n")
    assert "map" in page_json((tmp_path / "geo.html").read_text("utf-8"))
    nowhere = export(small, "nowhere.html", "--layout", "geo")
    assert nowhere.exit_code == 0 and "No node has coordinates" in nowhere.output
    wrong = export(located, "geo.graphml", "--layout", "geo")
    assert wrong.exit_code == 2 and "--layout geo draws the html page only" in wrong.output


# -- the sample corpus: counts against SPARQL ------------------------------------------------

ENTITY = "VALUES ?{0}type {{ schema:Person schema:Organization schema:Place }} ?{0} a ?{0}type ."
NODE_COUNT = """
SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {
  VALUES ?type { schema:Person schema:Organization schema:Place schema:Event } ?x a ?type
}"""
EDGE_COUNT = f"""
SELECT (COUNT(*) AS ?n) WHERE {{
  {{ SELECT DISTINCT ?s ?p ?o WHERE {{
      VALUES ?p {{ org:memberOf org:subOrganizationOf schema:location schema:nationality
                  schema:homeLocation schema:containedInPlace }}
      ?s ?p ?o . {ENTITY.format("s")} {ENTITY.format("o")} }} }}
  UNION
  {{ SELECT DISTINCT ?s ?p ?o WHERE {{
      ?s org:holds ?p . ?p org:postIn ?o . {ENTITY.format("s")} {ENTITY.format("o")} }} }}
  UNION
  {{ SELECT DISTINCT ?s ?p ?o WHERE {{
      VALUES ?p {{ kgo:agent kgo:participant kgo:target schema:location }}
      ?s a schema:Event ; ?p ?o . {ENTITY.format("o")} }} }}
}}"""
EVENT_PARTICIPANTS = f"""
SELECT ?e (COUNT(DISTINCT ?o) AS ?n) WHERE {{
  VALUES ?p {{ kgo:agent kgo:participant kgo:target schema:location }}
  ?e a schema:Event ; ?p ?o . {ENTITY.format("o")}
}} GROUP BY ?e"""
ENTITY_COUNT = f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {ENTITY.format('x')} }}"


def count(store: ox.Store, query: str) -> int:
    return int(run_query(store, query).rows[0][0])


@pytest.fixture(scope="module")
def examples_store(examples_built: Built) -> ox.Store:
    return ox.Store.read_only(str(examples_built.store))


@pytest.mark.model
@pytest.mark.parametrize("fmt", sorted(SUFFIX))
def test_sample_corpus_exports_match_sparql(examples_store, tmp_path, fmt):
    nodes, edges = count(examples_store, NODE_COUNT), count(examples_store, EDGE_COUNT)
    assert nodes > 100 and edges > 50
    done = export_network(examples_store, tmp_path / f"net{SUFFIX[fmt]}", fmt=fmt)
    assert (done.nodes, done.edges) == (nodes, edges)
    assert read_back(done.path, fmt) == (nodes, edges)


@pytest.mark.model
def test_sample_corpus_file_and_store_agree(examples_built, examples_store):
    from_file = project_network(load_file(examples_built.ttl))
    from_store = project_network(examples_store)
    assert nx.utils.graphs_equal(from_file, from_store)


@pytest.mark.model
def test_sample_corpus_collapsed(examples_store):
    g = project_network(examples_store, view=View(collapse_events=True))
    pairs = sum(comb(int(n), 2) for _, n in run_query(examples_store, EVENT_PARTICIPANTS).rows)
    assert g.number_of_nodes() == count(examples_store, ENTITY_COUNT)
    assert sum(1 for _, _, e in g.edges(data="event") if e) == pairs > 0


@pytest.mark.model
def test_sample_corpus_cuts(examples_store):
    full = project_network(examples_store)
    people = project_network(examples_store, view=View(types=frozenset({"Person"})))
    assert people.number_of_nodes() == count(
        examples_store, "SELECT (COUNT(*) AS ?n) WHERE {?x a schema:Person}"
    )
    top = project_network(examples_store, view=View(limit=10))
    assert top.number_of_nodes() == 10
    cutoff = sorted((d for _, d in full.degree()), reverse=True)[9]
    assert all(full.degree(n) >= cutoff for n in top)
    dense = project_network(examples_store, view=View(min_degree=2))
    assert set(dense) == {n for n, d in full.degree() if d >= 2}
    near = project_network(examples_store, view=View(around="kenji harada", hops=1))
    kenji = next(n for n, label in full.nodes(data="label") if label == "Kenji Harada")
    assert set(near) == {kenji} | set(full.successors(kenji)) | set(full.predecessors(kenji))
    assert set(NODE_TYPES) == {t for _, t in full.nodes(data="type")}
