"""Input and options that must not stop a build: checked before any work, one line each,
exit status 3 when something was skipped, and the rest built."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner, Result
from rdflib import Dataset, Literal

from kg.cli import EXIT_SKIPPED_INPUT, main
from kg.graph.vocab import RDFS, SCHEMA
from tests.conftest import GOOD_ARTICLE, write_files


def kg(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="kg")


@pytest.mark.parametrize(
    ("option", "said"),
    [
        (["--batch-size", "0"], "Invalid value for '--batch-size'"),
        (["--n-process", "0"], "Invalid value for '--n-process'"),
        (["--base-iri", "not an iri"], "'not an iri' is not an absolute IRI"),
        (["--base-iri", "https://example.org/id"], "ending in '/' or '#'"),
    ],
)
def test_a_bad_option_stops_the_build_before_any_work(tmp_path, option, said):
    folder = write_files(tmp_path / "news", {"a.txt": GOOD_ARTICLE, "bad.txt": b"\xff"})
    out = tmp_path / "graph.nt"
    out.write_text("the graph of an earlier build\n")
    result = kg("build", folder, "-o", out, "--quiet", *option)
    assert result.exit_code == 2, result.output
    assert said in result.stderr
    assert "skipped" not in result.stderr  # nothing was read
    assert out.read_text() == "the graph of an earlier build\n"


@pytest.mark.parametrize(
    ("output", "said"),
    [
        ("out", "is a folder; name the RDF file to write"),
        ("graph.txt", "cannot tell the RDF format"),
        ("taken.nt/graph.nt", "is a file, not a folder"),
    ],
)
def test_an_output_no_file_can_be_written_to_is_refused_first(tmp_path, output, said):
    (tmp_path / "out").mkdir()
    (tmp_path / "taken.nt").write_text("")
    folder = write_files(tmp_path / "news", {"a.txt": GOOD_ARTICLE})
    result = kg("build", folder, "-o", tmp_path / output, "--quiet")
    assert result.exit_code == 2, result.output
    assert said in result.stderr and "Traceback" not in result.output


def test_a_folder_of_documents_kg_cannot_read_is_said(tmp_path):
    folder = write_files(tmp_path / "word", {"a.docx": b"PK\x03\x04", "b.rtf": "{\\rtf1}"})
    result = kg("build", folder, "-o", tmp_path / "g.nt", "--quiet")
    assert result.exit_code == EXIT_SKIPPED_INPUT, result.output
    assert result.stderr.splitlines()[0] == (
        f"kg: skipped {folder}: files kg does not read were left out (1 .docx, 1 .rtf); "
        "it reads .htm .html .jsonl .markdown .md .ndjson .txt"
    )


@pytest.mark.model
def test_bad_metadata_is_one_line_each_and_the_rest_is_built(tmp_path):
    folder = write_files(
        tmp_path / "news",
        {
            "a.md": f"---\ntitle: Rain\npublished: 2024-13-45\n---\n{GOOD_ARTICLE}",
            "b.md": f"---\npublisher: 123\n---\n{GOOD_ARTICLE}",
            "c.jsonl": json.dumps({"id": "x", "publisher": 42, "text": GOOD_ARTICLE}),
        },
    )
    out = tmp_path / "g.nq"
    result = kg("build", folder, "-o", out, "--quiet")
    assert result.exit_code == EXIT_SKIPPED_INPUT, result.output
    assert result.stderr.splitlines() == [
        f"kg: skipped {folder / 'a.md'}:3: front matter field 'published' is not a date: "
        "'2024-13-45' (month must be in 1..12); the article is read without it"
    ]
    assert "Built the graph of 3 documents" in result.stdout
    ds = Dataset(default_union=True).parse(out, format="nquads")
    publishers = {str(ds.value(p, RDFS.label)) for p in ds.objects(None, SCHEMA.publisher)}
    assert publishers == {"123", "42"}


@pytest.mark.model
def test_the_same_name_in_two_roots_builds_both(tmp_path):
    story = "Rain in {0}\n\nHeavy rain fell on {0} on Monday, officials said in a statement.\n"
    write_files(
        tmp_path, {"dupA/story.txt": story.format("Lima"), "dupB/story.txt": story.format("Quito")}
    )
    out = tmp_path / "g.nq"
    result = kg("build", tmp_path / "dupA", tmp_path / "dupB", "-o", out, "--quiet")
    assert result.exit_code == 0, result.output
    ds = Dataset(default_union=True).parse(out, format="nquads")
    assert set(ds.objects(None, SCHEMA.identifier)) >= {
        Literal("dupA/story.txt"),
        Literal("dupB/story.txt"),
    }


@pytest.mark.model
def test_control_characters_break_no_export(tmp_path):
    row = {
        "id": "a\u0000b",
        "title": "Rain\u001b[0m",
        "text": GOOD_ARTICLE.replace(" on ", "\f on "),
    }
    folder = write_files(tmp_path / "news", {"briefs.jsonl": json.dumps(row)})
    result = kg("build", folder, "-o", tmp_path / "g.rdf", "--quiet")
    assert result.exit_code == 0, result.output
    ET.parse(tmp_path / "g.rdf")
    for suffix in (".graphml", ".gexf"):
        result = kg("export", tmp_path / "g.rdf", "-o", tmp_path / f"g{suffix}")
        assert result.exit_code == 0, result.output
        ET.parse(tmp_path / f"g{suffix}")
