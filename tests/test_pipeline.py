"""The pipeline end to end: what the report says is what the file and the store hold."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal

from kg.config import Settings
from kg.graph.vocab import RDF, RDFS, SCHEMA
from kg.pipeline import run_build
from kg.store.store import graph_stats, load_file, open_store
from tests.conftest import EXAMPLES


@pytest.mark.model
@pytest.mark.parametrize("built", ["seeds_built", "examples_built"])
def test_report_matches_the_file_and_the_store(request, built):
    built = request.getfixturevalue(built)
    report = built.report
    assert (report.output, report.store, report.skipped) == (built.ttl, built.store, ())
    counts = {
        "documents": report.documents,
        "people": report.people,
        "organizations": report.organizations,
        "places": report.places,
        "events": report.events,
        "triples": report.triples,
    }
    assert graph_stats(open_store(built.store, read_only=True)) == counts
    assert graph_stats(load_file(built.ttl)) == counts
    assert report.people > 0 and report.organizations > 0 and report.places > 0


@pytest.mark.model
def test_every_sample_article_is_in_the_graph_with_its_metadata(examples_built, expected):
    g = Graph().parse(examples_built.ttl)
    docs = {str(g.value(d, SCHEMA.identifier)): d for d in g.subjects(RDF.type, SCHEMA.NewsArticle)}
    assert sorted(docs) == sorted(expected)
    for doc_id, truth in expected.items():
        doc = docs[doc_id]
        assert (doc, SCHEMA.headline, Literal(truth["headline"])) in g, doc_id
        published = g.value(doc, SCHEMA.datePublished)
        assert (str(published)[:10] if published else None) == truth["published"], doc_id
        publisher = g.value(doc, SCHEMA.publisher)
        assert (str(g.value(publisher, RDFS.label)) if publisher else None) == truth["publisher"]
        if publisher:
            assert (publisher, RDF.type, SCHEMA.Organization) in g


@pytest.mark.model
def test_openblas_and_blis_give_the_same_graph(tmp_path):
    """thinc on numpy's OpenBLAS is faster here than on BLIS; the graph must not change."""
    from kg.config import Settings
    from kg.pipeline import run_build
    from tests.conftest import EXAMPLES

    graphs = {}
    for ops in ("openblas", "blis"):
        run_build([EXAMPLES], settings=Settings(ops=ops), store=tmp_path / ops)
        graphs[ops] = {str(q) for q in open_store(tmp_path / ops, read_only=True)}
    assert graphs["openblas"] == graphs["blis"]


@pytest.mark.model
def test_scrambled_text_still_gives_a_valid_graph(tmp_path):
    """Sentences of our articles shuffled and salted with stray tokens: no crash, and the
    graph still conforms to the shapes (kinds that do not fit are never related)."""
    import random

    from pyshacl import validate

    from kg.config import Settings
    from kg.pipeline import run_build
    from tests.conftest import ONTOLOGY, ROOT

    rng = random.Random(11)
    texts = [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "articles").glob("*.txt"))
    ]
    sentences = [s for t in texts for s in t.replace("\n", " ").split(". ")]
    salt = [
        "(",
        ")",
        "'s",
        "—",
        '"',
        "U.S.",
        "al-",
        "(ABC)",
        "of the",
        ",",
        "said",
        "Lt. Gen.",
        "on Monday",
        "the assassination of",
        "Iraqi",
        "the SNSC secretary",
        "&",
        "bin",
    ]
    for n in range(12):
        words = " ".join(rng.sample(sentences, 12)).split()
        for _ in range(20):
            words.insert(rng.randrange(len(words) + 1), rng.choice(salt))
        (tmp_path / f"scrambled_{n}.txt").write_text(f"Headline {n}\n\n" + " ".join(words) + ".\n")
    out = tmp_path / "graph.ttl"
    run_build([tmp_path], settings=Settings(), output=out)
    conforms, _, report = validate(
        Graph().parse(out), shacl_graph=Graph().parse(ONTOLOGY / "shapes.ttl")
    )
    assert conforms, report


@pytest.mark.model
def test_a_file_only_build_states_each_quad_once_and_counts_them(examples_built, tmp_path):
    """No quad is written twice (an event told twice in one sentence has one evidence link),
    so a build with no store reports what the store would hold."""
    nquads = tmp_path / "graph.nq"
    report = run_build([EXAMPLES], settings=Settings(), output=nquads)
    lines = nquads.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(set(lines)) == report.triples == examples_built.report.triples
