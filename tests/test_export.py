"""RDF export: quad formats keep the named graphs, triple formats hold their union."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef

from kg.errors import ExportError
from kg.graph.export import rdf_format, union_graph, write_rdf
from kg.graph.vocab import KGO, PREFIXES, PROV, RDF, RDFS, SCHEMA, SKOS, XSD
from tests.conftest import assert_isomorphic

EX = Namespace("https://example.org/id/")
ENTITIES, DOC_GRAPH = EX["graph/entities"], EX["graph/doc/a.txt"]


@pytest.fixture
def ds() -> Dataset:
    """Two named graphs that share one triple, with a typed, a tagged and a non-ASCII literal."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    entities = ds.graph(ENTITIES)
    entities.add((EX["person/ali"], RDF.type, SCHEMA.Person))
    entities.add((EX["person/ali"], RDFS.label, Literal("Ali Shamkhani")))
    entities.add((EX["person/ali"], SKOS.altLabel, Literal("Shamkhani")))
    entities.add((EX["person/ali"], PROV.wasDerivedFrom, EX["doc/a.txt"]))
    entities.add((EX["place/sao-paulo"], RDFS.label, Literal("São Paulo", lang="pt")))
    doc = ds.graph(DOC_GRAPH)
    doc.add((EX["doc/a.txt"], RDF.type, SCHEMA.NewsArticle))
    doc.add((EX["doc/a.txt"], SCHEMA.datePublished, Literal("2021-04-12", datatype=XSD.date)))
    doc.add((EX["doc/a.txt"], KGO.contentHash, Literal("0" * 64)))
    doc.add((EX["person/ali"], RDF.type, SCHEMA.Person))  # also in the entities graph
    return ds


def count_quads(ds: Dataset) -> int:
    return sum(1 for _ in ds.quads((None, None, None, None)))


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("g.ttl", ox.RdfFormat.TURTLE),
        ("g.nt", ox.RdfFormat.N_TRIPLES),
        ("g.jsonld", ox.RdfFormat.JSON_LD),
        ("g.nq", ox.RdfFormat.N_QUADS),
        ("g.trig", ox.RdfFormat.TRIG),
        ("OUT/GRAPH.TTL", ox.RdfFormat.TURTLE),
    ],
)
def test_rdf_format_follows_the_extension(name, fmt):
    assert rdf_format(name) == fmt


def test_union_graph_merges_the_shared_triple(ds):
    g = union_graph(ds)
    assert len(g) == count_quads(ds) - 1 == 8
    assert dict(g.namespaces())["schema"] == URIRef(str(SCHEMA))


@pytest.mark.parametrize(
    ("suffix", "fmt"), [(".ttl", "turtle"), (".nt", "nt"), (".jsonld", "json-ld")]
)
def test_triple_formats_hold_the_union(tmp_path, ds, suffix, fmt):
    path = write_rdf(ds, tmp_path / "out" / f"graph{suffix}")
    assert path == tmp_path / "out" / f"graph{suffix}"
    g = Graph().parse(path, format=fmt)
    assert len(g) == 8
    assert_isomorphic(g, union_graph(ds))


@pytest.mark.parametrize(("suffix", "fmt"), [(".nq", "nquads"), (".trig", "trig")])
def test_quad_formats_keep_the_named_graphs(tmp_path, ds, suffix, fmt):
    path = write_rdf(ds, tmp_path / f"graph{suffix}")
    back = Dataset().parse(path, format=fmt)
    assert count_quads(back) == count_quads(ds) == 9
    for name in (ENTITIES, DOC_GRAPH):
        assert_isomorphic(back.graph(name), ds.graph(name))


def test_turtle_uses_our_prefixes(tmp_path, ds):
    text = write_rdf(ds, tmp_path / "graph.ttl").read_text(encoding="utf-8")
    assert "@prefix kgo: <https://w3id.org/newskg/ontology#> ." in text
    assert "kgo:contentHash" in text


@pytest.mark.parametrize("name", ["graph.xml", "graph.txt", "graph", "graph.ttl.gz"])
def test_unknown_extension_raises_export_error(tmp_path, ds, name):
    with pytest.raises(ExportError, match=r"cannot tell the RDF format; use one of .*\.ttl"):
        write_rdf(ds, tmp_path / name)
    assert not (tmp_path / name).exists()
