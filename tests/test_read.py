"""Reading articles: each input format; bad input reported once per file, the rest read."""

from __future__ import annotations

import os
from datetime import date
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
    assert errors == []
    assert [d.doc_id for d in docs] == ["b.txt", "sub/a.TXT"]


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


def test_a_document_id_is_read_once(tmp_path):
    write_files(tmp_path, {"one/a.txt": GOOD_ARTICLE, "two/a.txt": GOOD_ARTICLE})
    docs, [error] = read_all(tmp_path / "one", tmp_path / "two")
    assert [d.source for d in docs] == [str(tmp_path / "one" / "a.txt")]
    assert error.path == str(tmp_path / "two" / "a.txt")
    assert "document id 'a.txt' is already used" in error.reason


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
