"""Read news articles from files and folders: plain text, Markdown with front matter, JSONL, HTML.

``read_documents`` yields one ``Document`` per article. A file (or JSONL line) that cannot be
read is reported to ``on_error`` as an ``InputError`` naming the file, the line and the reason,
and reading goes on with the rest.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from kg.errors import InputError
from kg.read.files import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    SUFFIXES,
    ErrorHandler,
    find_article_files,
)
from kg.read.layout import is_boilerplate, parse_layout, publisher_name
from kg.read.metadata import Fields, TextDatesLoader, clean_text
from kg.records import Document

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+", re.MULTILINE)
_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|\*|__)(?=\S)([^*\n]+?)(?<=\S)\1")
"""Bold and italic marks around words ("**KIGALI** —"): markup, no part of the text."""


def count_documents(paths: Iterable[str | Path]) -> int:
    """How many documents ``read_documents`` will go through (a JSONL file holds one a
    non-blank line): cheap, so a progress bar can show a total before the reading starts."""
    total = 0
    for path, _doc_id in find_article_files(paths):
        if path.suffix.lower() not in JSONL_SUFFIXES:
            total += 1
            continue
        try:
            with path.open("rb") as lines:
                total += sum(1 for line in lines if line.strip())
        except OSError:
            total += 1  # reported as one input skipped when it is read
    return total


def read_documents(paths: Iterable[str | Path], *, on_error: ErrorHandler) -> Iterator[Document]:
    """Every article under ``paths``; unreadable input goes to ``on_error`` and is skipped.

    Args:
        paths: files and folders of articles.
        on_error: called with an ``InputError`` for each file or line that is skipped.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Rain in Lima\\n\\nHeavy rain fell on Lima on Monday, "
    ...                                  "officials said in a statement.")
    >>> _ = (folder / "b.txt").write_bytes(b"\\xff\\xfe bad bytes")
    >>> [d.headline for d in read_documents([folder], on_error=lambda e: print(e.reason))]
    not UTF-8 text (byte 0xff at offset 0)
    ['Rain in Lima']
    """
    read_from: dict[str, str] = {}
    for path, doc_id in find_article_files(paths, on_error=on_error):
        try:
            yield from _new_ids(_read_file(path, doc_id, on_error), read_from, on_error)
        except InputError as e:
            on_error(e)


def _new_ids(
    docs: Iterable[Document], read_from: dict[str, str], on_error: ErrorHandler
) -> Iterator[Document]:
    """Documents whose id no earlier one took (their IRIs would merge); the others are reported."""
    for doc in docs:
        if doc.doc_id in read_from:
            reason = f"document id {doc.doc_id!r} is already used by {read_from[doc.doc_id]}"
            on_error(InputError(doc.source, reason))
            continue
        read_from[doc.doc_id] = doc.source
        yield doc


def _read_file(path: Path, doc_id: str, on_error: ErrorHandler) -> Iterator[Document]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(path, f"unsupported file type {suffix or '(none)'!r}")
    text = _read_text(path)
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, doc_id, text, on_error)
    elif suffix in HTML_SUFFIXES:
        yield html_document(text, doc_id=doc_id, source=path, on_error=on_error)
    else:
        yield _checked(path, _read_plain(path, doc_id, text, on_error))


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror or e}") from e
    if b"\x00" in raw[:8192]:
        raise InputError(path, "binary file, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(
            path, f"not UTF-8 text (byte 0x{raw[e.start]:02x} at offset {e.start})"
        ) from e
    if not text.strip():
        raise InputError(path, "empty file")
    return clean_text(text)


def _checked(path: str | Path, doc: Document, line: int | None = None) -> Document:
    if not doc.text.strip():
        raise InputError(path, "no article text left after removing page boilerplate", line=line)
    return doc


def _read_plain(path: Path, doc_id: str, text: str, on_error: ErrorHandler) -> Document:
    meta, body, line_of = _split_front_matter(path, text)
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        body = _MARKDOWN_EMPHASIS.sub(r"\2", _MARKDOWN_HEADING.sub("", body))
    layout = parse_layout(body)
    fields = Fields(meta, path, on_error, line_of=line_of)
    return Document(
        doc_id=fields.text("id") or doc_id,
        source=str(path),
        text=layout.body,
        headline=fields.text("title", "headline") or layout.headline,
        published=fields.published("published", "date", "datePublished") or layout.published,
        publisher=fields.text("publisher", "source", "site") or layout.publisher,
        url=fields.text("url", "link"),
        dateline_place=layout.dateline_place,
    )


def _split_front_matter(
    path: Path, text: str
) -> tuple[dict[str, Any], str, Callable[[str], int | None]]:
    """YAML front matter between ``---`` lines at the top of the file, the rest, and the line
    each key of the front matter is on."""
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return {}, text, lambda key: None
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in {"---", "..."}), None)
    if end is None:
        raise InputError(path, "front matter opened with '---' is never closed", line=1)
    try:
        meta = yaml.load("".join(lines[1:end]), Loader=TextDatesLoader) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(e, "problem", None) or " ".join(str(e).split())
        raise InputError(path, f"front matter is not valid YAML: {problem}", line=line) from e
    if not isinstance(meta, dict):
        raise InputError(path, "front matter is not a mapping of keys to values", line=2)
    body = "".join(lines[end + 1 :])

    def line_of(key: str) -> int | None:
        starts = (i for i, line in enumerate(lines[1:end], 2) if line.startswith(f"{key}:"))
        return next(starts, None)

    return meta, body.lstrip("\n").removeprefix("# "), line_of


def _read_jsonl(path: Path, doc_id: str, text: str, on_error: ErrorHandler) -> Iterator[Document]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield _checked(path, _jsonl_document(path, doc_id, line, number, on_error), number)
        except InputError as e:
            on_error(e)


def _jsonl_document(
    path: Path, doc_id: str, line: str, number: int, on_error: ErrorHandler
) -> Document:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(path, f"not valid JSON ({e.msg} at column {e.colno})", line=number) from e
    if not isinstance(row, dict):
        raise InputError(path, "a JSONL line must be an object", line=number)
    body = row.get("text")
    if not isinstance(body, str) or not body.strip():
        raise InputError(path, "no 'text' field with the article", line=number)
    layout = parse_layout(clean_text(body))
    fields = Fields(row, path, on_error, where="JSONL", line_of=lambda key: number)
    return Document(
        doc_id=f"{doc_id}#{fields.text('id') or number}",
        source=f"{path}:{number}",
        text=layout.body,
        headline=fields.text("title", "headline") or layout.headline,
        published=fields.published("published", "date", "datePublished") or layout.published,
        publisher=fields.text("publisher", "source") or layout.publisher,
        url=fields.text("url", "link"),
        dateline_place=layout.dateline_place,
    )


def html_document(
    html: str,
    *,
    doc_id: str,
    source: str | Path,
    on_error: ErrorHandler,
    url: str | None = None,
    headline: str | None = None,
    published: date | datetime | None = None,
) -> Document:
    """The article of an HTML page (a file or a page fetched from the web), read by
    trafilatura; ``headline`` and ``published`` stand in for what the page does not say.

    Args:
        html: the page, already decoded.
        doc_id: the id the document carries.
        source: where the page came from (its file or URL), named by errors.
        on_error: told of each metadata field left out.
        url: the page's address: given, it is the document's ``schema:url`` whatever the
            page's own metadata says.
        headline: the title to use when the page has none (a feed's title of the item).
        published: the publication date to use when the page has none (a feed's date).

    Raises:
        InputError: no article text in the page.

    >>> page = "<html><body><article><p>Heavy rain fell on Lima on Monday, officials "
    >>> page += "said in a statement to reporters.</p></article></body></html>"
    >>> doc = html_document(page, doc_id="lima", source="lima.html", on_error=print,
    ...                     headline="Rain in Lima")
    >>> doc.headline, doc.text[:15]
    ('Rain in Lima', 'Heavy rain fell')
    """
    import trafilatura  # heavy; only HTML input needs it

    page = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, as_dict=True
    )
    if not isinstance(page, dict) or not page.get("text"):
        raise InputError(source, "no article text found in the HTML page")
    text = clean_text(page["text"])
    paragraphs = [p for p in text.split("\n") if p.strip() and not is_boilerplate(p)]
    layout = parse_layout("\n\n".join(paragraphs))
    fields = Fields(page, source, on_error, where="HTML metadata")
    return _checked(
        source,
        Document(
            doc_id=doc_id,
            source=str(source),
            text=layout.body,
            headline=fields.text("title") or headline or layout.headline,
            published=fields.published("date") or published or layout.published,
            publisher=publisher_name(fields.text("sitename") or "") or layout.publisher,
            url=url or fields.text("url"),
            dateline_place=layout.dateline_place,
        ),
    )
