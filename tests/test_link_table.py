"""A team's link table (``kg build --link TABLE``): read and checked before any work, one line
per problem naming the file and the line; its IRIs on the entities it names."""

from __future__ import annotations

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph, URIRef

from kg.cli import main
from kg.config import DEFAULT_BASE_IRI
from kg.errors import SettingsError
from kg.graph.vocab import OWL, SCHEMA
from kg.knowledge.link_table import LinkRow, load_link_table
from kg.records import Kind
from tests.conftest import GOOD_ARTICLE, write_files

ARTICLE = (
    "Harbour deal signed\n\n"
    "Amina Yusuf, the chief executive of Kestrel Shipping, signed the harbour deal in Mombasa "
    "on Monday, officials said.\n"
)


def kg(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="kg")


def table(tmp_path, text: str, name: str = "links.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_csv_table_with_and_without_types(tmp_path):
    path = table(
        tmp_path,
        "name,type,iri\n"
        "Amina Yusuf,Person,https://example.org/people/1\n"
        "\n"
        '"Kestrel Shipping, Ltd",organization,https://example.org/orgs/7\n'
        "Mombasa,,https://example.org/places/3\n",
    )
    assert load_link_table(path) == (
        LinkRow("Amina Yusuf", Kind.PERSON, "https://example.org/people/1", 2),
        LinkRow("Kestrel Shipping, Ltd", Kind.ORGANIZATION, "https://example.org/orgs/7", 4),
        LinkRow("Mombasa", None, "https://example.org/places/3", 5),
    )


def test_a_tsv_table_with_label_and_uri_columns(tmp_path):
    path = table(tmp_path, "uri\tlabel\nurn:isni:0000000121032683\tAmina Yusuf\n", "links.tsv")
    assert load_link_table(path) == (LinkRow("Amina Yusuf", None, "urn:isni:0000000121032683", 2),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "person,url\nA,https://x.org/a\n",
            "links.csv:1: the header must name a 'name' (or 'label')",
        ),
        ("name,iri\nAmina Yusuf\n", "links.csv:2: 1 fields, the header has 2"),
        ("name,iri\n ,https://x.org/a\n", "links.csv:2: the name is empty"),
        ("name,iri\nA,not an iri\n", "links.csv:2: 'not an iri' is not an absolute IRI"),
        ("name,iri\nA,people/1\n", "links.csv:2: 'people/1' is not an absolute IRI"),
        (
            "name,type,iri\nA,Country,https://x.org/a\n",
            "links.csv:2: unknown type 'Country': one of",
        ),
        (
            "name,iri\nA,https://x.org/a\nB,https://x.org/b\na,https://x.org/c\n",
            "links.csv:4: 'a' is linked to <https://x.org/a> on line 2 already",
        ),
        ('name,iri\n"A,https://x.org/a\n', "links.csv:2: not CSV:"),
        ("name,iri\n", "links.csv: the link table has no rows"),
    ],
)
def test_a_bad_table_is_one_line_naming_the_file_and_line(tmp_path, text, message):
    with pytest.raises(SettingsError) as error:
        load_link_table(table(tmp_path, text))
    assert str(error.value).startswith(
        f"{tmp_path / message.split(':')[0]}:{message.split(':', 1)[1]}"
    )
    assert "\n" not in str(error.value)


def test_an_unreadable_table(tmp_path):
    with pytest.raises(SettingsError, match="cannot read the link table: No such file"):
        load_link_table(tmp_path / "missing.csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("name,iri\nCafé,https://x.org/c\n".encode("latin-1"))
    with pytest.raises(SettingsError, match=r"latin\.csv: cannot read the link table: not UTF-8"):
        load_link_table(latin)


def test_the_cli_refuses_a_bad_table_before_any_work(tmp_path):
    corpus = write_files(tmp_path / "in", {"a.txt": GOOD_ARTICLE})
    bad = table(tmp_path, "name,iri\nAmina Yusuf,nowhere\n")
    out = tmp_path / "graph.ttl"
    result = kg("build", corpus, "-o", out, "--link", bad, "--quiet")
    assert result.exit_code == 2
    assert f"{bad}:2: 'nowhere' is not an absolute IRI" in result.stderr
    assert not out.exists()


@pytest.mark.model
def test_the_cli_links_the_entities_a_table_names(tmp_path):
    corpus = write_files(tmp_path / "in", {"deal.txt": ARTICLE})
    links = table(
        tmp_path,
        "name,type,iri\n"
        "Amina Yusuf,Person,https://example.org/people/1\n"
        "Kestrel Shipping,Organization,https://example.org/orgs/7\n"
        "Amina Yusuf,Organization,https://example.org/orgs/99\n",
    )
    out = tmp_path / "graph.ttl"
    result = kg("build", corpus, "-o", out, "--link", links, "--quiet")
    assert result.exit_code == 0, result.output
    g = Graph().parse(out)
    amina = URIRef(f"{DEFAULT_BASE_IRI}person/amina-yusuf")
    kestrel = URIRef(f"{DEFAULT_BASE_IRI}organization/kestrel-shipping")
    assert set(g.objects(amina, OWL.sameAs)) == {URIRef("https://example.org/people/1")}
    assert set(g.objects(amina, SCHEMA.sameAs)) == {URIRef("https://example.org/people/1")}
    assert set(g.objects(kestrel, OWL.sameAs)) == {URIRef("https://example.org/orgs/7")}
    mombasa = URIRef(f"{DEFAULT_BASE_IRI}place/mombasa")
    assert set(g.objects(mombasa, OWL.sameAs)) == {URIRef("https://sws.geonames.org/186301/")}
