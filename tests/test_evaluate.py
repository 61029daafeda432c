"""``kg evaluate``: a graph against a gold file, on a small graph written by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.evaluate import evaluate, load_gold
from kg.evaluate.gold import GoldError
from kg.store.store import load_file

GRAPH = """\
@prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix kgo: <https://w3id.org/newskg/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix : <https://example.org/id/> .

:doc a schema:NewsArticle ; schema:identifier "lima_rain.txt" .
:ruiz a schema:Person ; rdfs:label "Ana Ruiz" ; skos:altLabel "Ruiz" ; prov:wasDerivedFrom :doc ;
    org:holds :post ; org:memberOf :ministry .
:ruiz2 a schema:Person ; rdfs:label "Ruiz" .
:post a org:Post ; rdfs:label "Health Minister" ; org:postIn :ministry .
:ministry a schema:Organization ; rdfs:label "Ministry of Health" ; schema:location :peru .
:peru a schema:Organization ; rdfs:label "Peru" .
:lima a schema:Place ; rdfs:label "Lima" .
:cookie a schema:Organization ; rdfs:label "Cookie Policy" .
:meeting a schema:Event , kgo:Meeting ; kgo:participant :ruiz , :ministry ;
    schema:location :lima ; schema:startDate "2024-05-02"^^xsd:date ; prov:wasDerivedFrom :doc .
:said a schema:Event , kgo:Statement ; kgo:agent :ruiz ; prov:wasDerivedFrom :doc .
"""
GOLD = {
    "documents": [{"id": "L", "file": "lima_rain.txt"}],
    "entities": [
        {"id": "ruiz", "type": "Person", "labels": ["Ana Ruiz", "Ruiz"]},
        {"id": "minsa", "type": "Organization", "labels": ["Ministry of Health"]},
        {"id": "peru", "type": "Place", "labels": ["Peru"]},
        {"id": "lima", "type": "Place", "labels": ["Lima"]},
        {"id": "vega", "type": "Person", "labels": ["Luis Vega"]},
    ],
    "absent": ["Cookie Policy"],
    "facts": [
        {"rel": "post", "s": "ruiz", "o": "minsa", "title": "minister"},
        {"rel": "location", "s": "minsa", "o": "peru"},
    ],
    "optional_facts": [{"rel": "memberOf", "s": "ruiz", "o": "minsa"}],
    "events": [
        {
            "id": "m",
            "type": "Meeting",
            "participants": ["ruiz", "vega"],
            "place": "lima",
            "date": "2024-05",
        },
        {"id": "a", "type": "Attack", "targets": ["lima"]},
    ],
    "statements": [{"speaker": "ruiz", "doc": "L"}, {"speaker": "minsa", "doc": "L"}],
    "single_node": ["ruiz"],
}


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    graph, gold = tmp_path / "g.ttl", tmp_path / "gold.json"
    graph.write_text(GRAPH, encoding="utf-8")
    gold.write_text(json.dumps(GOLD), encoding="utf-8")
    return graph, gold


def test_each_part_counts_what_the_contract_says(files):
    graph, gold = files
    report = evaluate(load_file(graph), load_gold(gold))
    entities = report.parts["entities"]
    # right: Ana Ruiz, the ministry, Lima; a second Ruiz node, Peru typed as an organization
    # and a name of the page furniture are wrong; Luis Vega is missed
    assert (entities.tp, entities.fp, entities.fn) == (3, 3, 2)
    assert entities.details["from_boilerplate"] == ["cookie policy"]
    assert entities.details["wrong_type"] == ["peru: Organization, gold Place"]
    assert report.duplicates == {"ruiz": 2} and report.split_entities == ["ruiz"]
    facts = report.parts["facts"]  # the post's title holds "minister"; memberOf is optional
    assert (facts.tp, facts.fp, facts.fn) == (2, 0, 0)
    events = report.parts["events"]  # the meeting pairs through Ana Ruiz; the attack is missed
    assert (events.tp, events.fp, events.fn) == (1, 0, 1)
    slots = report.parts["event_slots"]  # ruiz, lima, the month hit; vega and the attack miss
    assert (slots.tp, slots.fp, slots.fn) == (3, 1, 2)
    statements = report.parts["statements"]
    assert (statements.tp, statements.fp, statements.fn) == (1, 0, 1)
    assert report.kg_f1 == round(sum(p.f1 for p in report.parts.values()) / 5, 3)


def test_a_store_scores_as_its_file(files, tmp_path):
    graph, gold = files
    store = ox.Store(str(tmp_path / "store"))
    store.bulk_load(path=str(graph), format=ox.RdfFormat.TURTLE)
    del store  # closed, so the command can open it
    by_file = CliRunner().invoke(main, ["evaluate", str(graph), "--gold", str(gold), "--json"])
    by_store = CliRunner().invoke(
        main, ["evaluate", "--store", str(tmp_path / "store"), "--gold", str(gold), "--json"]
    )
    assert by_file.exit_code == by_store.exit_code == 0, by_file.output + by_store.output
    assert json.loads(by_file.stdout) == json.loads(by_store.stdout)
    assert json.loads(by_file.stdout)["entities"]["tp"] == 3


def test_the_text_report_ends_with_kg_f1(files):
    graph, gold = files
    result = CliRunner().invoke(main, ["evaluate", str(graph), "--gold", str(gold)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("entities     P 0.500  R 0.600  F1 0.545")
    assert lines[-1].startswith("kg_f1 ")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("not json", "not a JSON gold file"),
        ('{"facts": []}', "no 'entities' list"),
        ('{"entities": [{"id": "x", "type": "Thing", "labels": ["X"]}]}', "has type 'Thing'"),
        ('{"entities": [], "facts": [{"rel": "post", "s": "x"}]}', "has no 'o'"),
    ],
)
def test_a_malformed_gold_file_is_one_line(tmp_path, files, content, reason):
    graph, _ = files
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError, match=reason):
        load_gold(bad)
    result = CliRunner().invoke(main, ["evaluate", str(graph), "--gold", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and str(bad) in result.stderr
