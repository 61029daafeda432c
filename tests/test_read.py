"""Reading articles: each input format; bad input reported once per file, the rest read."""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.read.documents import find_article_files, read_documents
from kg.records import Document
from tests.conftest import EXAMPLES, GOOD_ARTICLE, write_files


def read_all(*paths: str | Path) -> tuple[list[Document], list[InputError]]:
    errors: list[InputError] = []
    return list(read_documents(paths, on_error=errors.append)), errors


def read_one(path: Path) -> Document:
    docs, errors = read_all(path)
    assert errors == []
    [doc] = docs
    return doc


def test_txt_first_line_is_the_headline(tmp_path):
    path = tmp_path / "lima.txt"
    path.write_text(GOOD_ARTICLE, encoding="utf-8")
    doc = read_one(path)
    assert (doc.doc_id, doc.source) == ("lima.txt", str(path))
    assert doc.headline == "Rain in Lima"
    assert doc.text == "Heavy rain fell on Lima on Monday, officials said in a statement."


def test_md_front_matter(tmp_path):
    path = tmp_path / "senate.md"
    path.write_text(
        "---\n"
        'title: "Brazil\'s Senate approves gold bill"\n'
        "published: 2024-03-05\n"
        "publisher: Atlantic Latin News\n"
        "url: https://news.example.org/senate-gold-bill\n"
        "id: senate-gold-bill\n"
        "---\n\n"
        "# Brazil's Senate approves gold bill\n\n"
        "Brazil's Federal Senate on Tuesday approved a bill to trace gold back to the mine.\n",
        encoding="utf-8",
    )
    doc = read_one(path)
    assert doc.doc_id == "senate-gold-bill"
    assert doc.headline == "Brazil's Senate approves gold bill"
    assert doc.published == date(2024, 3, 5)
    assert doc.publisher == "Atlantic Latin News"
    assert doc.url == "https://news.example.org/senate-gold-bill"
    assert doc.text == (
        "Brazil's Federal Senate on Tuesday approved a bill to trace gold back to the mine."
    )


def test_md_headings_are_not_text(tmp_path):
    path = tmp_path / "lima.md"
    path.write_text(
        "# Rain in Lima\n\n"
        "Heavy rain fell on Lima on Monday, officials said in a statement.\n\n"
        "## Aftermath\n\n"
        "The river rose by two metres overnight, the mayor told reporters.\n",
        encoding="utf-8",
    )
    doc = read_one(path)
    assert doc.headline == "Rain in Lima"
    assert "#" not in doc.text


def test_md_emphasis_is_not_text_and_a_bold_dateline_is_read(tmp_path):
    path = tmp_path / "kigali.md"
    path.write_text(
        "# Floods in the west\n\n"
        "**KIGALI** — Heavy rain fell on the western districts, *officials* said on Monday.\n\n"
        "The river rose by two metres overnight, the mayor told reporters.\n",
        encoding="utf-8",
    )
    doc = read_one(path)
    assert doc.dateline_place == "Kigali"
    assert "*" not in doc.text
    assert doc.text.startswith("Heavy rain fell")


def test_a_place_beside_the_date_in_a_date_line_is_the_dateline(tmp_path):
    path = tmp_path / "rio.txt"
    path.write_text("Oil chief fired\n\nMay 15, 2024 - Rio de Janeiro\n\n" + GOOD_ARTICLE)
    doc = read_one(path)
    assert doc.dateline_place == "Rio de Janeiro"
    assert doc.published_date == date(2024, 5, 15)


def test_a_place_above_the_date_is_the_dateline_and_the_source_is_above_it(tmp_path):
    path = tmp_path / "quake.txt"
    path.write_text(
        "Quake hits the mountains\n\nAFP\nMarrakesh\nPublished: 09 Sep 2023\n\n" + GOOD_ARTICLE
    )
    doc = read_one(path)
    assert (doc.publisher, doc.dateline_place) == ("AFP", "Marrakesh")


def test_front_matter_in_a_txt_file(tmp_path):
    path = tmp_path / "lima.txt"
    path.write_text("---\npublisher: Andes Wire\n---\n" + GOOD_ARTICLE, encoding="utf-8")
    doc = read_one(path)
    assert (doc.headline, doc.publisher) == ("Rain in Lima", "Andes Wire")


JSONL_LINES = [
    '{"id": "lima", "title": "Rain in Lima", "text": "Heavy rain fell on Lima on Monday, '
    'officials said.", "published": "2024-02-20", "publisher": "Andes Wire", '
    '"url": "https://news.example.org/lima"}',
    '{"id": "broken", "title": "Half a line", "text": "Cut',
    '{"title": "Sun in Quito", "text": "The sun shone on Quito on Tuesday, officials said."}',
]


def test_jsonl_malformed_line_is_reported_and_the_others_read(tmp_path):
    path = tmp_path / "briefs.jsonl"
    path.write_text("\n".join(JSONL_LINES) + "\n", encoding="utf-8")
    docs, errors = read_all(path)
    assert [d.doc_id for d in docs] == ["briefs.jsonl#lima", "briefs.jsonl#3"]
    assert [d.headline for d in docs] == ["Rain in Lima", "Sun in Quito"]
    lima = docs[0]
    assert lima.published == date(2024, 2, 20)
    assert (lima.publisher, lima.url) == ("Andes Wire", "https://news.example.org/lima")
    assert lima.text == "Heavy rain fell on Lima on Monday, officials said."
    [error] = errors
    assert (error.path, error.line) == (str(path), 2)
    assert str(error).startswith(f"{path}:2: not valid JSON")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('["a", "list"]', "must be an object"),
        ('{"id": "x", "title": "No text"}', "no 'text' field"),
        ('{"id": "x", "text": "   "}', "no 'text' field"),
    ],
)
def test_jsonl_line_without_an_article(tmp_path, line, reason):
    path = tmp_path / "briefs.jsonl"
    path.write_text(f"{JSONL_LINES[0]}\n{line}\n", encoding="utf-8")
    docs, errors = read_all(path)
    assert [d.doc_id for d in docs] == ["briefs.jsonl#lima"]
    [error] = errors
    assert error.line == 2
    assert reason in error.reason


def test_html_gives_the_story_and_its_metadata(expected):
    path = EXAMPLES / "sahel_un_humanitarian_appeal.html"
    truth = expected[path.name]
    doc = read_one(path)
    assert doc.headline == truth["headline"]
    assert doc.published is not None
    assert doc.published_date == date.fromisoformat(truth["published"])
    assert doc.publisher == truth["publisher"]
    assert doc.text.startswith("The United Nations on Friday appealed for 4.7 billion dollars")
    assert doc.text.endswith("only 38 percent funded, according to OCHA.")
    assert doc.dateline_place == "Geneva"
    leaked = [name for name in truth["boilerplate_names"] if name in doc.text]
    assert leaked == []


PAGE = """<html><head><title>Rain in Lima | Andes Wire</title></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Rain in Lima</h1>
<p>Heavy rain fell on Lima on Monday, flooding several districts of the city, officials said.</p>
<p>Join the Andes Wire mailing list</p>
<p>The mayor said the city would open shelters for families whose homes were damaged.</p>
<p>Donate now to support our journalism</p>
</article></body></html>"""


def test_html_boilerplate_inside_the_article_is_dropped(tmp_path):
    path = write_files(tmp_path, {"lima.html": PAGE}) / "lima.html"
    doc = read_one(path)
    assert doc.headline.startswith("Rain in Lima")
    assert doc.text == (
        "Heavy rain fell on Lima on Monday, flooding several districts of the city, officials "
        "said.\n\nThe mayor said the city would open shelters for families whose homes were "
        "damaged."
    )


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n\n", "empty file"),
        ("binary.txt", b"GIF89a\x00\x01\x02 not text", "binary file"),
        ("latin1.txt", "Café in São Paulo was shut on Monday.".encode("latin-1"), "not UTF-8"),
        ("unclosed.md", b"---\ntitle: Rain\n\nHeavy rain fell on Lima.\n", "never closed"),
        ("bad_yaml.md", b"---\ntitle: [Rain\n---\nHeavy rain fell on Lima.\n", "not valid YAML"),
        ("list.md", b"---\n- Rain\n- Lima\n---\nHeavy rain fell on Lima.\n", "not a mapping"),
        ("banner.txt", b"Donate now\n\nJoin the Example.org mailing list\n", "no article text"),
        ("page.html", b"<html><body><nav>Home</nav></body></html>", "no article text"),
    ],
)
def test_bad_file_is_one_error_and_the_rest_is_read(tmp_path, name, content, reason):
    write_files(tmp_path, {"a_good.txt": GOOD_ARTICLE, name: content, "z_good.txt": GOOD_ARTICLE})
    docs, errors = read_all(tmp_path)
    assert [d.doc_id for d in docs] == ["a_good.txt", "z_good.txt"]
    [error] = errors
    assert error.path == str(tmp_path / name)
    assert reason in error.reason
    assert str(error).startswith(str(tmp_path / name))
    assert "\n" not in str(error)


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        ("unclosed.md", "---\ntitle: Rain\n\nbody\n", 1),
        ("bad_yaml.md", "---\ntitle: Rain\nurl: [x\n---\nbody\n", 4),
        ("tabs.md", "---\ntitle: Rain\n\tpublisher: x\n---\nbody\n", 3),
    ],
)
def test_front_matter_errors_name_the_line(tmp_path, name, content, line):
    path = write_files(tmp_path, {name: content}) / name
    _, [error] = read_all(path)
    assert error.line == line


def test_unsupported_suffix_given_explicitly(tmp_path):
    write_files(tmp_path, {"notes.pdf": "%PDF-1.4", "good.txt": GOOD_ARTICLE})
    docs, [error] = read_all(tmp_path / "notes.pdf", tmp_path / "good.txt")
    assert [d.doc_id for d in docs] == ["good.txt"]
    assert error.path == str(tmp_path / "notes.pdf")
    assert error.reason == "unsupported file type '.pdf'"


def test_unreadable_file(tmp_path):
    write_files(tmp_path, {"locked.txt": GOOD_ARTICLE, "good.txt": GOOD_ARTICLE})
    locked = tmp_path / "locked.txt"
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: a chmod 000 file is still readable")
        docs, [error] = read_all(tmp_path)
    finally:
        locked.chmod(0o644)
    assert [d.doc_id for d in docs] == ["good.txt"]
    assert error.path == str(locked)
    assert error.reason.startswith("cannot read")


def test_file_that_cannot_be_opened(tmp_path):
    """The same path as a chmod 000 file, for a root user: a dangling symlink named directly."""
    write_files(tmp_path, {"good.txt": GOOD_ARTICLE})
    gone = tmp_path / "gone.txt"
    gone.symlink_to(tmp_path / "deleted.txt")
    docs, [error] = read_all(gone, tmp_path / "good.txt")
    assert [d.doc_id for d in docs] == ["good.txt"]
    assert error.path == str(gone)
    assert error.reason == "cannot read: No such file or directory"


def test_folder_skips_readme_hidden_and_unknown_files(tmp_path):
    write_files(
        tmp_path,
        {
            "README.md": GOOD_ARTICLE,
            "sub/readme.txt": GOOD_ARTICLE,
            ".draft.txt": GOOD_ARTICLE,
            ".cache/old.txt": GOOD_ARTICLE,
            "notes.pdf": "%PDF-1.4",
            "photo.jpg": b"\xff\xd8\xff\x00",
            "b.txt": GOOD_ARTICLE,
            "sub/a.TXT": GOOD_ARTICLE,
        },
    )
    docs, errors = read_all(tmp_path)
    assert [d.doc_id for d in docs] == ["b.txt", "sub/a.TXT"]
    # the PDF is a document kg does not read: named, not passed over in silence
    assert [(e.path, e.reason.split(";")[0]) for e in errors] == [
        (str(tmp_path), "files kg does not read were left out (1 .pdf)")
    ]


def test_doc_ids_are_relative_paths_and_stable(tmp_path, monkeypatch):
    folder = write_files(
        tmp_path / "news",
        {"2021/april/a.txt": GOOD_ARTICLE, "2021/b.txt": GOOD_ARTICLE, "c.txt": GOOD_ARTICLE},
    )
    ids = ["2021/april/a.txt", "2021/b.txt", "c.txt"]
    assert [doc_id for _, doc_id in find_article_files([folder])] == ids
    assert [d.doc_id for d in read_all(folder)[0]] == ids
    monkeypatch.chdir(tmp_path)
    assert [d.doc_id for d in read_all("news")[0]] == ids
    assert [d.doc_id for d in read_all(Path("news") / "c.txt")[0]] == ["c.txt"]


def test_the_same_file_name_in_two_folders_gives_two_documents(tmp_path):
    """A scraped site of many index.html given as several folders builds, with ids that do not
    depend on the order of the folders."""
    story = "Rain in {}\n\nHeavy rain fell on {} on Monday, officials said in a statement.\n"
    write_files(
        tmp_path,
        {
            "dupA/story.txt": story.format("Lima", "Lima"),
            "dupB/story.txt": story.format("Quito", "Quito"),
            "dupB/other.txt": GOOD_ARTICLE,
        },
    )
    docs, errors = read_all(tmp_path / "dupA", tmp_path / "dupB")
    assert errors == []
    assert [d.doc_id for d in docs] == ["dupA/story.txt", "other.txt", "dupB/story.txt"]
    again, _ = read_all(tmp_path / "dupB", tmp_path / "dupA")
    assert {d.doc_id: d.text for d in again} == {d.doc_id: d.text for d in docs}


def test_a_file_given_twice_is_read_once(tmp_path):
    write_files(tmp_path, {"news/a.txt": GOOD_ARTICLE})
    docs, errors = read_all(tmp_path / "news", tmp_path / "news" / "a.txt")
    assert [d.doc_id for d in docs] == ["a.txt"] and errors == []


def test_an_id_the_front_matter_repeats_is_refused(tmp_path):
    front = "---\nid: story-1\n---\n" + GOOD_ARTICLE
    write_files(tmp_path, {"a.md": front, "b.md": front})
    docs, [error] = read_all(tmp_path)
    assert [d.source for d in docs] == [str(tmp_path / "a.md")]
    assert error.path == str(tmp_path / "b.md")
    assert "document id 'story-1' is already used" in error.reason


def test_a_repeated_jsonl_id_skips_that_line_only(tmp_path):
    line = '{{"id": "{}", "text": "Heavy rain fell on Lima on Monday, officials said."}}'
    path = tmp_path / "briefs.jsonl"
    path.write_text("\n".join(line.format(i) for i in ("a", "a", "b")), encoding="utf-8")
    docs, [error] = read_all(path)
    assert [d.doc_id for d in docs] == ["briefs.jsonl#a", "briefs.jsonl#b"]
    assert str(error).startswith(f"{path}:2: document id")


@pytest.mark.parametrize(
    "path",
    sorted(p for p in EXAMPLES.iterdir() if p.name != "README.md"),
    ids=lambda p: p.name,
)
def test_sample_articles_read_as_expected(path, expected):
    docs = [d for d in read_all(path)[0]]
    assert docs
    for doc in docs:
        truth = expected[doc.doc_id]
        published = doc.published_date.isoformat() if doc.published_date else None
        assert (doc.headline, published, doc.publisher) == (
            truth["headline"],
            truth["published"],
            truth["publisher"],
        )


@pytest.mark.parametrize(
    ("front", "line", "reason"),
    [
        ("published: 2024-13-45", 3, "field 'published' is not a date: '2024-13-45'"),
        ("published: [2024]", 3, "field 'published' is not a date (list)"),
        ("publisher: {name: X}", 3, "field 'publisher' is not text (dict)"),
        ("title: true", 3, "field 'title' is not text (bool)"),
    ],
)
def test_a_bad_front_matter_field_is_left_out_with_one_line(tmp_path, front, line, reason):
    path = tmp_path / "a.md"
    path.write_text(f"---\nurl: https://example.org/a\n{front}\n---\n{GOOD_ARTICLE}")
    [doc], [error] = read_all(path)
    assert doc.url == "https://example.org/a" and doc.headline == "Rain in Lima"
    assert str(error).startswith(f"{path}:{line}: front matter {reason}")
    assert str(error).endswith("the article is read without it")


def test_numbers_are_text_where_text_is_wanted(tmp_path):
    (tmp_path / "a.md").write_text(f"---\ntitle: 1984\npublisher: 7\n---\n{GOOD_ARTICLE}")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": 5, "publisher": 123, "text": GOOD_ARTICLE, "published": "2024-02-30"})
    )
    docs, errors = read_all(tmp_path)
    assert [(d.doc_id, d.headline, d.publisher) for d in docs] == [
        ("a.md", "1984", "7"),
        ("b.jsonl#5", "Rain in Lima", "123"),
    ]
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'b.jsonl'}:1: JSONL field 'published' is not a date: '2024-02-30' "
        "(day is out of range for month); the article is read without it"
    ]


def test_good_front_matter_dates_read_as_before(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(f"---\npublished: 2024-06-14T09:30:00\n---\n{GOOD_ARTICLE}")
    assert read_all(path)[0][0].published == datetime(2024, 6, 14, 9, 30)
    path.write_text(f"---\npublished: 2024-06-14\n---\n{GOOD_ARTICLE}")
    assert read_all(path)[0][0].published == date(2024, 6, 14)


def test_control_characters_leave_the_text_and_metadata(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Rain in \x1b[1mLima\n\nHeavy rain fell\x0con Lima on Monday, "
        "officials said in a statement."
    )
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "x\u0000y", "title": "A\u0007B", "text": GOOD_ARTICLE})
    )
    docs, errors = read_all(tmp_path)
    assert errors == []
    assert docs[0].headline == "Rain in [1mLima"
    assert docs[0].text == "Heavy rain fell on Lima on Monday, officials said in a statement."
    assert (docs[1].doc_id, docs[1].headline) == ("b.jsonl#xy", "AB")


def test_a_folder_of_documents_kg_cannot_read_is_named(tmp_path):
    write_files(tmp_path, {"memo.docx": b"PK\x03\x04", "notes.rtf": "{\\rtf1}", "x.rtf": "{}"})
    docs, [error] = read_all(tmp_path)
    assert docs == []
    assert error.path == str(tmp_path)
    assert error.reason.startswith("files kg does not read were left out (1 .docx, 2 .rtf)")


def test_an_empty_folder_is_named(tmp_path):
    (tmp_path / "empty").mkdir()
    docs, [error] = read_all(tmp_path / "empty")
    assert docs == [] and error.reason.startswith("no article file here")


def test_a_folder_that_cannot_be_listed_is_named(tmp_path, monkeypatch):
    """As root every folder can be listed, so the refusal is simulated where os.walk asks."""
    write_files(tmp_path, {"a.txt": GOOD_ARTICLE, "locked/b.txt": GOOD_ARTICLE})
    scandir = os.scandir

    def refuse(path):
        if Path(path) == tmp_path / "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    docs, [error] = read_all(tmp_path)
    assert [d.doc_id for d in docs] == ["a.txt"]
    assert str(error) == f"{tmp_path / 'locked'}: cannot list this folder: Permission denied"
