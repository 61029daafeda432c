"""Resolution benchmark: peak memory of resolving a synthetic corpus of 1x to 100x, alone.

How to run it (from the repository root)::

    .venv/bin/python benchmarks/bench_resolve.py                    # 1x, 10x: ~5 min
    .venv/bin/python benchmarks/bench_resolve.py --factors 1 10 100 # and 100x: ~30 min more
    .venv/bin/python benchmarks/bench_resolve.py --path memory      # the in-memory path

1x is ``bench_build.py``'s generated corpus at ``--words`` words (300 k: 1,100 articles, the
benchmark's corpus), read once by spaCy and kept as JSON lines (``--base``, made when it is
missing; ~2 min). A corpus of Nx is that one N times over: copy c of each article has its
document id and its people renamed (every word of a person's name gets a suffix of copy c,
three letters apart from any other copy's, so spelling variants stay apart and the people of
the corpus grow with it, as in real news; places, organizations and texts stay, and so does
the work of merging them) and its publication date and the dates of its events moved by 40
days per copy (a corpus 100 times larger tells the news of a longer time, not the same days
100 times).

Each size runs in a fresh process: the extractions are made one by one as the pipeline's
reader would give them, resolved (``--path bounded``: streamed through ``resolve_corpus``,
each one spilled to SQLite; ``--path memory``: all of them in a list first, as the pipeline
did before), and the peak RSS (``getrusage``) is printed with the RSS before resolution (the
interpreter, kg and its data); sizes not run are extrapolated from the growth per 1,000
articles between the two largest run, and said so.

The last line is ``resolve_rss_mb_1x=<x> resolve_rss_mb_100x=<y>`` (``~`` before a figure
extrapolated).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from kg.records import Extraction, Kind, Mention  # noqa: E402
from kg.records_json import extraction_from_json, extraction_to_json  # noqa: E402


def make_base(path: Path, words: int, seed: int) -> None:
    """Generate the 1x corpus, read it with spaCy and keep its extractions as JSON lines."""
    from bench_build import generate_corpus

    from kg.config import Settings
    from kg.extract.nlp import extract_documents, make_nlp
    from kg.read.documents import read_documents

    with tempfile.TemporaryDirectory(prefix="kg-bench-resolve-") as tmp:
        generate_corpus(Path(tmp), words, seed=seed)
        settings = Settings()
        documents = read_documents([tmp], on_error=lambda e: None)
        with path.open("w", encoding="utf-8") as out:
            for ex in extract_documents(documents, make_nlp(settings), settings=settings):
                out.write(json.dumps(extraction_to_json(ex), ensure_ascii=False) + "\n")


def _suffix(copy: int) -> str:
    """Three letters, one letter repeated, so that two copies' names are 3 edits apart."""
    letters = "bcdfghjklmnpqrstvwxz"
    return "" if copy == 0 else letters[copy % 20] * 2 + letters[copy // 20 % 20]


def synthetic(base: list[str], factor: int) -> Iterator[Extraction]:
    """The corpus of ``factor`` times the base, one extraction at a time."""
    for copy in range(factor):
        suffix = _suffix(copy)
        for line in base:
            ex = extraction_from_json(json.loads(line))
            if copy:
                ex = _copied(ex, copy, suffix)
            yield ex


def _copied(ex: Extraction, copy: int, suffix: str) -> Extraction:
    doc_id = f"{ex.document.doc_id}~{copy}"

    def person(m: Mention) -> Mention:
        if m.kind is not Kind.PERSON or m.is_description:
            return replace(m, span=replace(m.span, doc_id=doc_id))
        text = " ".join(word + suffix for word in m.text.split())
        return replace(m, text=text, span=replace(m.span, doc_id=doc_id))

    later = timedelta(days=40 * copy)
    published = ex.document.published
    moved = published + later if published is not None else None
    return Extraction(
        replace(ex.document, doc_id=doc_id, source=doc_id, published=moved),
        tuple(replace(s, doc_id=doc_id) for s in ex.sentences),
        tuple(person(m) for m in ex.mentions),
        ex.aliases,
        tuple(replace(r, span=replace(r.span, doc_id=doc_id)) for r in ex.relations),
        tuple(
            replace(e, span=replace(e.span, doc_id=doc_id), date=_later(e.date, later))
            for e in ex.events
        ),
    )


def _later(day: str | None, later: timedelta) -> str | None:
    """An ISO day, month or year moved on (a month or a year from its middle)."""
    if day is None:
        return None
    parts = [int(part) for part in day.split("-")]
    if len(parts) == 3:
        return (date(*parts) + later).isoformat()
    middle = date(parts[0], parts[1] if len(parts) == 2 else 7, 15) + later
    return middle.isoformat()[: len(day)]


def child(base_path: Path, factor: int, path: str) -> None:
    """Resolve the corpus of ``factor`` times the base in this (fresh) process."""
    from kg.knowledge.gazetteer import load_gazetteer
    from kg.pipeline import resolve_corpus
    from kg.resolve import resolve

    base = base_path.read_text(encoding="utf-8").splitlines()
    load_gazetteer()
    resolve_corpus(synthetic(base[:2], 1))  # every lexicon and table read once
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    if path == "memory":
        corpus = sorted(synthetic(base, factor), key=lambda ex: ex.document.doc_id)
        resolution = resolve(corpus)
    else:
        resolution = resolve_corpus(synthetic(base, factor))
    read = [len(resolution.documents), len(resolution.sentences), len(resolution.mentions)]
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "articles": len(base) * factor,
        "seconds": seconds,
        "rss_mb": peak,
        "before_mb": before,
        "entities": len(resolution.entities),
        "records": sum(read),
        "events": len(resolution.events),
    }
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--base", type=Path, default=Path(tempfile.gettempdir()) / "kg-base.jsonl")
    parser.add_argument("--words", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--path", choices=["bounded", "memory"], default="bounded")
    args = parser.parse_args()
    if args.child:
        base, factor, path = args.child
        child(Path(base), int(factor), path)
        return
    if not args.base.is_file():
        make_base(args.base, args.words, args.seed)
    print(f"resolution ({args.path} path), base {args.base}")
    print(f"{'size':>5} {'articles':>9} {'seconds':>8} {'RSS MB':>7} {'before':>7} {'entities':>9}")
    rss: dict[int, float] = {}
    articles: dict[int, int] = {}
    for factor in sorted(args.factors):
        command = [sys.executable, __file__, "--child", str(args.base), str(factor), args.path]
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        rss[factor], articles[factor] = r["rss_mb"], r["articles"]
        print(
            f"{factor:>4}x {r['articles']:>9,} {r['seconds']:>8.1f} {r['rss_mb']:>7.0f}"
            f" {r['before_mb']:>7.0f} {r['entities']:>9,}",
            flush=True,
        )
    ran = sorted(rss)
    if len(ran) >= 2:
        low, high = ran[-2], ran[-1]
        growth = (rss[high] - rss[low]) / (articles[high] - articles[low]) * 1000
        print(f"growth: {growth:.1f} MB per 1,000 articles ({low}x to {high}x)")
    figures = []
    for factor in (1, 100):
        if factor in rss:
            figures.append(f"resolve_rss_mb_{factor}x={rss[factor]:.0f}")
        elif len(ran) >= 2:
            per_article = articles[ran[-1]] / ran[-1]
            guess = rss[ran[-1]] + growth * (factor - ran[-1]) * per_article / 1000
            figures.append(f"resolve_rss_mb_{factor}x=~{guess:.0f}")
    print(" ".join(figures))


if __name__ == "__main__":
    main()
