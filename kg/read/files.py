"""Finding the article files under the paths a build is given, each with its document id.

A document's id is its path relative to the folder given, so that it is the same from build to
build. Where two folders given hold the same relative path (``site/a/index.html`` and
``site/b/index.html`` given as ``site/a site/b``), both ids start from the folders' common
parent instead (``a/index.html``, ``b/index.html``), whatever the order of the folders.
What cannot be looked at (a folder that cannot be listed, documents in formats kg does not
read, a folder with no article at all) is reported, never passed over in silence.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from kg.errors import InputError

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
UNREAD_DOCUMENT_SUFFIXES = frozenset(
    {".doc", ".docx", ".epub", ".odt", ".pages", ".pdf", ".rtf", ".xls", ".xlsx"}
)
"""Documents someone may well mean as articles, which kg cannot read: they are named."""

ErrorHandler = Callable[[InputError], None]


class _Found(NamedTuple):
    path: Path
    root: Path
    relative: str


def find_article_files(
    paths: Iterable[str | Path], *, on_error: ErrorHandler | None = None
) -> list[tuple[Path, str]]:
    """Files to read, in a stable order, each with the id its document will carry.

    A folder contributes every file with a known article suffix under it (hidden files and
    ``README`` files aside); a file named directly is always read (its reader refuses what it
    cannot read). A file named twice is read once.

    Args:
        paths: files and folders.
        on_error: told of each folder that cannot be listed, of documents in formats kg does
            not read, and of a folder that holds no article file.

    >>> import tempfile, pathlib
    >>> site = pathlib.Path(tempfile.mkdtemp())
    >>> for part in ("a", "b"):
    ...     (site / part).mkdir()
    ...     _ = (site / part / "index.html").write_text("<p>Rain.</p>")
    >>> [doc_id for _, doc_id in find_article_files([site / "b", site / "a"])]
    ['b/index.html', 'a/index.html']
    """
    report = on_error or (lambda error: None)
    found: list[_Found] = []
    for given in map(Path, paths):
        if given.is_dir():
            found += _folder_files(given, report)
        else:
            found.append(_Found(given, given.parent, given.name))
    return _unique_ids(found)


def _folder_files(root: Path, report: ErrorHandler) -> list[_Found]:
    def unlisted(error: OSError) -> None:
        where = error.filename or root
        report(InputError(where, f"cannot list this folder: {error.strerror or error}"))

    found: list[_Found] = []
    unread: Counter[str] = Counter()
    for folder, folders, names in os.walk(root, onerror=unlisted):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in names:
            path = Path(folder, name)
            suffix = path.suffix.lower()
            if name.startswith("."):
                continue
            if suffix in SUFFIXES and path.stem.upper() != "README" and path.is_file():
                found.append(_Found(path, root, path.relative_to(root).as_posix()))
            elif suffix in UNREAD_DOCUMENT_SUFFIXES:
                unread[suffix] += 1
    if unread:
        kinds = ", ".join(f"{n} {suffix}" for suffix, n in sorted(unread.items()))
        reads = " ".join(sorted(SUFFIXES))
        report(
            InputError(root, f"files kg does not read were left out ({kinds}); it reads {reads}")
        )
    elif not found:
        report(InputError(root, f"no article file here (kg reads {' '.join(sorted(SUFFIXES))})"))
    return sorted(found, key=lambda f: f.path)


def _unique_ids(found: list[_Found]) -> list[tuple[Path, str]]:
    """Each file once, with the id relative to its folder, or to the common parent of the
    folders that would give another file that same id."""
    files: dict[Path, _Found] = {}
    for f in found:
        files.setdefault(f.path.resolve(), f)
    by_id: defaultdict[str, list[Path]] = defaultdict(list)
    for resolved, f in files.items():
        by_id[f.relative].append(resolved)
    ids: dict[Path, str] = {}
    for doc_id, same in by_id.items():
        if len(same) == 1:
            ids[same[0]] = doc_id
            continue
        roots = [files[resolved].root.resolve() for resolved in same]
        common = Path(os.path.commonpath(roots))
        for resolved, root in zip(same, roots, strict=True):
            ids[resolved] = (root / files[resolved].relative).relative_to(common).as_posix()
    return [(f.path, ids[resolved]) for resolved, f in files.items()]
