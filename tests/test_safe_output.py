"""Every export holds up: characters XML 1.0 forbids never break an XML file, and a file is
written whole or not at all (a failure half-way leaves the old one)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal

from kg.config import Settings
from kg.draw.export import export_network
from kg.graph.build import build_graph
from kg.graph.convert import to_ox_quads
from kg.graph.export import write_quads
from kg.graph.vocab import RDFS
from tests.test_network import BASE, small_resolution

HOSTILE = "Ali\x0cShamkhani\x1b[0m\x00"
"""A form feed, an ESC sequence and a NUL: none of them can be in an XML 1.0 document."""


@pytest.fixture(scope="module")
def hostile() -> ox.Store:
    """The small corpus, its first entity named with control characters."""
    resolution = small_resolution()
    first, *rest = resolution.entities
    resolution = replace(resolution, entities=(replace(first, label=HOSTILE), *rest))
    ds = build_graph(resolution, settings=Settings(base_iri=BASE))
    store = ox.Store()
    store.extend(to_ox_quads(ds))
    return store


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_network_xml_exports_parse(hostile, tmp_path, suffix):
    path = tmp_path / f"graph{suffix}"
    export_network(hostile, path)
    ET.parse(path)  # raises if the file is not well-formed XML
    g = nx.read_graphml(path) if suffix == ".graphml" else nx.read_gexf(path)
    assert "AliShamkhani[0m" in {label for _, label in g.nodes(data="label")}


@pytest.mark.parametrize("suffix", [".rdf", ".ttl", ".nq", ".jsonld"])
def test_rdf_exports_parse(hostile, tmp_path, suffix):
    path = tmp_path / f"graph{suffix}"
    write_quads(hostile.quads_for_pattern(None, None, None, None), path)
    formats = {".rdf": "xml", ".ttl": "turtle", ".nq": "nquads", ".jsonld": "json-ld"}
    ds = Dataset(default_union=True).parse(path, format=formats[suffix])
    labels = {str(o) for o in ds.objects(None, RDFS.label)}
    # RDF/XML cannot hold the characters at all; the other formats escape them
    assert ("AliShamkhani[0m" if suffix == ".rdf" else HOSTILE) in labels


def test_a_failed_rdf_export_leaves_the_old_file(tmp_path):
    path = tmp_path / "graph.nt"
    path.write_text("old\n")
    quad = ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("x"))

    def failing():
        yield quad
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_quads(failing(), path)
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nt"]


def test_a_failed_network_export_leaves_the_old_file(hostile, tmp_path, monkeypatch):
    path = tmp_path / "graph.graphml"
    path.write_text("old\n")

    def half_then_fail(g, target):
        Path(target).write_text("<graphml>")
        raise OSError("disk full")

    monkeypatch.setattr(nx, "write_graphml", half_then_fail)
    with pytest.raises(OSError):
        export_network(hostile, path)
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.graphml"]


def test_an_escaped_literal_keeps_its_language(tmp_path):
    path = tmp_path / "g.rdf"
    quad = ox.Quad(
        ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("a\x00b", language="en")
    )
    write_quads([quad], path)
    assert set(Graph().parse(path, format="xml").objects()) == {Literal("ab", lang="en")}
