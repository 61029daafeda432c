"""The example queries in ``queries/``: each runs on the store and gives the expected answer.

Every ``.rq`` file is run on the seeds and on ``examples/corpus`` (its columns, rows
well-formed, it also runs without our predeclared prefixes), and has a test of its own that
checks what it answers: exact rows where the graph is stable and the answer is the one the
seeds' gold file gives, otherwise properties of the answer.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.store.store import QueryResult, open_store, run_query
from tests.conftest import ROOT, Built

pytestmark = pytest.mark.model

QUERIES = ROOT / "queries"
SEED_A, SEED_B = "000_8222db447d837473.txt", "004_83cf7c5b5ed5aba3.txt"

COLUMNS = {
    "article": ("kind", "subject", "predicate", "object", "position", "sentence"),
    "fact_evidence": ("subject", "predicate", "object", "article", "position", "sentence"),
    "meetings": ("date", "place", "participants", "articles", "meeting"),
    "people": ("person", "name", "articles"),
    "posts": ("person", "post", "organization", "location", "personIri", "orgIri"),
    "shared_entities": ("name", "type", "documents", "articles", "entity"),
    "statements": ("speaker", "article", "text", "sentence", "position", "statement"),
    "timeline": ("date", "class", "label", "event"),
}
"""The columns of each query, in order."""

REQUIRED = {
    "article": ("kind", "subject", "predicate", "object"),
    "fact_evidence": COLUMNS["fact_evidence"],
    "meetings": ("participants", "articles", "meeting"),
    "people": COLUMNS["people"],
    "posts": ("person", "post", "organization", "personIri", "orgIri"),
    "shared_entities": COLUMNS["shared_entities"],
    "statements": COLUMNS["statements"],
    "timeline": COLUMNS["timeline"],
}
"""The columns that are never empty in a row."""

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
IRI = "https://w3id.org/newskg/"
IRI_COLUMNS = ("meeting", "entity", "event", "statement", "personIri", "orgIri")
"""Columns that hold the IRI of a node of the graph (and ``person`` in people.rq)."""


def query_files() -> list[Path]:
    return sorted(QUERIES.glob("*.rq"))


def text_of(name: str) -> str:
    return (QUERIES / f"{name}.rq").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seeds(seeds_built: Built) -> ox.Store:
    return open_store(seeds_built.store, read_only=True)


@pytest.fixture(scope="module")
def examples(examples_built: Built) -> ox.Store:
    return open_store(examples_built.store, read_only=True)


def answer(store: ox.Store, name: str, text: str | None = None) -> list[dict[str, str]]:
    """The rows of a query file (or of an edited copy of its text) as column -> value."""
    result: QueryResult = run_query(store, text if text is not None else text_of(name))
    assert result.columns == COLUMNS[name]
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


def uncomment(text: str, line: str) -> str:
    """The query text with a commented-out line (``# VALUES ...``) switched on."""
    assert f"# {line}" in text, line
    return text.replace(f"# {line}", line)


def split(value: str) -> set[str]:
    return set(value.split("; ")) if value else set()


# --- every file --------------------------------------------------------------------------


def test_every_query_file_has_a_test() -> None:
    names = [path.stem for path in query_files()]
    assert names, "no .rq file in queries/"
    assert sorted(names) == sorted(COLUMNS), "add the new query's columns to COLUMNS"
    tests = [name for name in globals() if name.startswith("test_")]
    for stem in names:
        assert any(t.startswith(f"test_{stem}_") for t in tests), f"no test_{stem}_... here"


@pytest.mark.parametrize("path", query_files(), ids=lambda p: p.stem)
def test_every_query_says_what_it_answers_and_declares_its_prefixes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    header = text.splitlines()[0]
    assert header.startswith("# ") and len(header) > 20, "a comment header says what it answers"
    # parsed without our predeclared prefixes, as another SPARQL endpoint would
    result = ox.Store().query(text)
    assert isinstance(result, ox.QuerySolutions)
    assert [v.value for v in result.variables] == list(COLUMNS[path.stem])


@pytest.mark.parametrize("corpus", ["seeds", "examples"])
@pytest.mark.parametrize("path", query_files(), ids=lambda p: p.stem)
def test_every_query_runs_and_its_rows_are_well_formed(request, corpus: str, path: Path) -> None:
    store = request.getfixturevalue(corpus)
    name = path.stem
    text = path.read_text(encoding="utf-8")
    if name == "article" and corpus == "seeds":
        text = text.replace("iraq_gas_plant_drone_attack.txt", SEED_A)
    rows = answer(store, name, text)
    assert rows, f"{name}.rq gives no row on the {corpus}"
    for row in rows:
        for column in REQUIRED[name]:
            assert row[column].strip(), (name, column, row)
        for column in ("date", "position", "documents"):
            if row.get(column):
                assert DATE.match(row[column]) if column == "date" else row[column].isdigit()
        for column in (*IRI_COLUMNS, "person" if name == "people" else ""):
            if column in row:
                assert row[column].startswith(IRI), (name, column, row)
    # the files also run on endpoints that do not predeclare our prefixes
    plain = store.query(text, use_default_graph_as_union=True)
    assert isinstance(plain, ox.QuerySolutions)
    assert len(list(plain)) == len(rows)


# --- people.rq ---------------------------------------------------------------------------


def test_people_on_the_seeds(seeds) -> None:
    rows = {(r["name"], int(r["articles"])) for r in answer(seeds, "people")}
    assert rows == {
        ("Ali Shamkhani", 2),
        ("Qassem Soleimani", 2),
        ("Abu Mahdi al-Muhandis", 2),
        ("Qasim al-Araji", 1),
        ("Donald Trump", 1),
        ("Falih al-Fayyadh", 1),
    }


def test_people_are_ordered_by_number_of_articles(examples) -> None:
    counts = [int(r["articles"]) for r in answer(examples, "people")]
    assert counts == sorted(counts, reverse=True)


# --- meetings.rq -------------------------------------------------------------------------


def test_meetings_on_the_seeds(seeds) -> None:
    rows = [
        (r["date"], r["place"], split(r["participants"]), r["articles"])
        for r in answer(seeds, "meetings")
    ]
    assert sorted(rows, key=str) == sorted(
        [
            ("2021-04-12", "Tehran", {"Ali Shamkhani", "Qasim al-Araji"}, SEED_A),
            ("", "Tehran", {"Ali Shamkhani", "Falih al-Fayyadh"}, SEED_B),
        ],
        key=str,
    )


def test_meetings_on_the_sample_corpus(examples) -> None:
    rows = answer(examples, "meetings")
    assert (
        "2024-06-12",
        "Tokyo",
        "japan_jordan_briefs.jsonl#japan-foreign-worker-law",
    ) in {(r["date"], r["place"], r["articles"]) for r in rows}
    tokyo = next(r for r in rows if r["place"] == "Tokyo")
    assert {"Kenji Harada", "Nguyen Thi Lan"} <= split(tokyo["participants"])
    dated = [r["date"] for r in rows if r["date"]]
    assert dated == sorted(dated), "meetings are in date order"


# --- posts.rq ----------------------------------------------------------------------------


def test_posts_on_the_seeds(seeds) -> None:
    rows = answer(seeds, "posts")
    assert {(r["person"], r["post"], r["organization"]) for r in rows} == {
        ("Ali Shamkhani", "Secretary", "Supreme National Security Council"),
        ("Qasim al-Araji", "Advisor", "Iraqi National Security Council"),
        ("Qassem Soleimani", "Commander", "Quds Force"),
        ("Abu Mahdi al-Muhandis", "Deputy Head", "Hashd al-Sha'abi"),
        ("Falih al-Fayyadh", "Chairman", "Hashd al-Sha'abi"),
        ("Donald Trump", "President", "United States"),
    }
    located = {r["organization"]: r["location"] for r in rows}
    assert located["Supreme National Security Council"] == "Iran"
    assert located["Iraqi National Security Council"] == "Iraq"
    assert len(rows) == len({(r["personIri"], r["post"], r["orgIri"]) for r in rows})


def test_posts_on_the_sample_corpus(examples) -> None:
    rows = {(r["person"], r["post"], r["organization"]) for r in answer(examples, "posts")}
    assert ("Jens Albrecht", "Head", "IG Metall") in rows


# --- shared_entities.rq ------------------------------------------------------------------


def test_shared_entities_on_the_seeds(seeds) -> None:
    rows = answer(seeds, "shared_entities")
    both = f"{SEED_A}; {SEED_B}"
    shared = {(r["name"], r["type"]) for r in rows if r["documents"] == "2"}
    assert all(r["documents"] == "2" and r["articles"] == both for r in rows)
    assert {
        ("Ali Shamkhani", "Person"),
        ("Qassem Soleimani", "Person"),
        ("Abu Mahdi al-Muhandis", "Person"),
        ("Supreme National Security Council", "Organization"),
        ("Hashd al-Sha'abi", "Organization"),
        ("Iraqi parliament", "Organization"),
        ("Iran", "Place"),
        ("Iraq", "Place"),
        ("Tehran", "Place"),
        ("Baghdad", "Place"),
    } <= shared
    assert not {name for name, _ in shared} & {"Qasim al-Araji", "Falih al-Fayyadh", "Pentagon"}


def test_shared_entities_on_the_sample_corpus(examples) -> None:
    rows = answer(examples, "shared_entities")
    assert ("World Food Programme", "Organization") in {(r["name"], r["type"]) for r in rows}
    for row in rows:
        assert int(row["documents"]) > 1
        assert len(split(row["articles"])) == int(row["documents"])


# --- timeline.rq -------------------------------------------------------------------------


def test_timeline_on_the_seeds(seeds) -> None:
    rows = answer(seeds, "timeline")
    assert [r["date"] for r in rows] == ["2020-01", "2020-01-03", "2021-04-12"]
    legislation, attack, meeting = (r["class"] for r in rows)
    assert legislation in {"Legislation", "Resolution", "LawPassage", "Vote"}
    assert attack in {"Attack", "Assassination", "AirStrike"}
    assert meeting == "Meeting"
    assert "Qassem Soleimani" in rows[1]["label"]


def test_timeline_on_the_sample_corpus(examples) -> None:
    rows = answer(examples, "timeline")
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates)
    found = {(r["date"], r["class"]) for r in rows}
    assert {("2024-03-05", "Vote"), ("2024-06-12", "Meeting"), ("2024-06-14", "Vote")} <= found
    assert all(r["class"] != "Statement" for r in rows), "statements carry no date"


# --- statements.rq -----------------------------------------------------------------------


def test_statements_on_the_seeds(seeds) -> None:
    rows = answer(seeds, "statements")
    assert {(r["speaker"], r["article"]) for r in rows} == {
        ("Ali Shamkhani", SEED_A),
        ("Ali Shamkhani", SEED_B),
        ("Qasim al-Araji", SEED_A),
        ("Falih al-Fayyadh", SEED_B),
    }
    # one statement node per speaker per article
    nodes = {(r["speaker"], r["article"]): r["statement"] for r in rows}
    assert len(set(nodes.values())) == 4
    assert len({(r["statement"], r["text"]) for r in rows}) == len(rows)


def test_statements_of_one_speaker(seeds) -> None:
    text = uncomment(text_of("statements"), 'VALUES ?speaker { "Ali Shamkhani" }')
    rows = answer(seeds, "statements", text)
    assert {r["speaker"] for r in rows} == {"Ali Shamkhani"}
    assert {r["article"] for r in rows} == {SEED_A, SEED_B}
    texts = " ".join(r["text"] for r in rows)
    assert "stability" in texts


def test_statements_text_is_in_its_evidence_sentence(examples) -> None:
    for row in answer(examples, "statements"):
        assert row["text"] in row["sentence"], row


# --- fact_evidence.rq --------------------------------------------------------------------


def test_fact_evidence_on_the_seeds(seeds) -> None:
    rows = answer(seeds, "fact_evidence")
    post = [
        r
        for r in rows
        if (r["subject"], r["predicate"], r["object"])
        == ("Ali Shamkhani", "holds", "Secretary, Supreme National Security Council")
    ]
    assert {r["article"] for r in post} == {SEED_A, SEED_B}
    assert all("secretary" in r["sentence"].lower() for r in post)
    assert (SEED_B, "0") in {(r["article"], r["position"]) for r in post}
    facts = {(r["subject"], r["predicate"], r["object"]) for r in rows}
    assert ("Quds Force", "subOrganizationOf", "Islamic Revolution Guards Corps") in facts
    assert ("Supreme National Security Council", "location", "Iran") in facts


def test_fact_evidence_of_one_fact(seeds) -> None:
    text = uncomment(text_of("fact_evidence"), 'VALUES ?subject { "Ali Shamkhani" }')
    text = uncomment(text, "VALUES ?p { org:holds }")
    rows = answer(seeds, "fact_evidence", text)
    assert {(r["subject"], r["predicate"], r["object"]) for r in rows} == {
        ("Ali Shamkhani", "holds", "Secretary, Supreme National Security Council")
    }


def test_fact_evidence_sentences_name_the_subject(examples) -> None:
    """A person's fact is told in a sentence that names them (an organization's may not:
    "Japan's parliament" is the National Diet)."""
    rows = answer(examples, "fact_evidence")
    people = [row for row in rows if row["predicate"] in {"holds", "memberOf", "nationality"}]
    assert people
    for row in people:
        surname = row["subject"].split()[-1].split("'")[0]
        assert surname.lower() in row["sentence"].lower(), row


# --- article.rq --------------------------------------------------------------------------


def test_article_on_a_seed(seeds) -> None:
    text = text_of("article").replace("iraq_gas_plant_drone_attack.txt", SEED_A)
    rows = answer(seeds, "article", text)
    kinds = {r["kind"] for r in rows}
    assert kinds == {"entity", "fact", "event"}
    entities = {(r["subject"], r["object"]) for r in rows if r["kind"] == "entity"}
    assert {
        ("Ali Shamkhani", "Person"),
        ("Qasim al-Araji", "Person"),
        ("Donald Trump", "Person"),
        ("Iraqi National Security Council", "Organization"),
        ("Pentagon", "Organization"),
        ("Baghdad International Airport", "Place"),
        ("Tehran", "Place"),
    } <= entities
    assert "Falih al-Fayyadh" not in {name for name, _ in entities}, "he is only in the other"
    facts = {(r["subject"], r["predicate"], r["object"], r["position"]) for r in rows}
    assert ("Ali Shamkhani", "holds", "Secretary, Supreme National Security Council", "0") in facts
    events = {r["subject"] for r in rows if r["kind"] == "event"}
    assert any("2021-04-12" in label and "Meeting" in label for label in events)
    assert all(r["kind"] != "event" or r["sentence"] for r in rows)
    positions = [int(r["position"]) for r in rows if r["position"]]
    assert positions == sorted(positions), "rows are in reading order"


def test_article_on_the_sample_corpus(examples, expected) -> None:
    rows = answer(examples, "article")
    truth = expected["iraq_gas_plant_drone_attack.txt"]
    people = {r["subject"] for r in rows if r["kind"] == "entity" and r["object"] == "Person"}
    assert set(truth["people"]) <= people
    orgs = {r["subject"] for r in rows if r["kind"] == "entity" and r["object"] == "Organization"}
    assert {"Joint Operations Command", "Zagros Gas Company"} <= orgs
    publisher = [r for r in rows if r["subject"] == truth["publisher"]]
    assert publisher and publisher[0]["kind"] == "entity"
    for row in rows:
        if row["kind"] != "entity":
            assert row["sentence"] and row["position"], row


def test_article_of_another_file_gives_only_its_own_rows(examples) -> None:
    name = "japan_jordan_briefs.jsonl#japan-foreign-worker-law"
    text = text_of("article").replace("iraq_gas_plant_drone_attack.txt", name)
    rows = answer(examples, "article", text)
    subjects = {r["subject"] for r in rows}
    assert "Kenji Harada" in subjects
    assert not subjects & {"Karim al-Hashimi", "Sami Khalaf"}


TWO_GRAPHS = """\
@prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix kgo: <https://w3id.org/newskg/ontology#> .
@prefix : <https://w3id.org/newskg/id/> .
:merged {
  :e a schema:Event, kgo:Attack, kgo:DroneStrike ; rdfs:label "strike" ;
     prov:wasDerivedFrom :d ; kgo:evidence :s0 .
  :p rdfs:label "Ann Lee" .
  :post rdfs:label "Minister" ; org:postIn :o .
  :o rdfs:label "Cabinet" .
}
:d {
  :d schema:identifier "a.txt" .
  :s0 schema:isPartOf :d ; schema:position 0 ; schema:text "S0" .
  :s1 schema:isPartOf :d ; schema:position 1 ; schema:text "S1" .
  :f a rdf:Statement ; prov:wasDerivedFrom :d ; rdf:subject :p ; rdf:predicate org:holds ;
     rdf:object :post ; kgo:evidence :s1 .
}
"""
"""An article graph and the merged one: an event with a base and a finer class, a post held."""


def test_article_and_fact_evidence_rows_on_a_graph_by_hand() -> None:
    """The rewrites for speed (an event's base class from a VALUES list, names looked up in
    sub-selects) answer as before: classes base first, a post as "title, organization"."""
    store = ox.Store()
    store.load(TWO_GRAPHS, format=ox.RdfFormat.TRIG)
    text = text_of("article").replace("iraq_gas_plant_drone_attack.txt", "a.txt")
    assert run_query(store, text).rows == (
        ("event", "strike", "a", "Attack, DroneStrike", "0", "S0"),
        ("fact", "Ann Lee", "holds", "Minister, Cabinet", "1", "S1"),
    )
    assert run_query(store, text_of("fact_evidence")).rows == (
        ("Ann Lee", "holds", "Minister, Cabinet", "a.txt", "1", "S1"),
    )
