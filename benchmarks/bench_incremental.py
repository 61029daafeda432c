"""Incremental benchmark: the cost of adding one article to a store, phase by phase.

How to run it (from the repository root)::

    .venv/bin/python benchmarks/bench_incremental.py                 # 300 k words: ~3 min
    .venv/bin/python benchmarks/bench_incremental.py --store S --corpus C --extra E

The corpus is ``bench_build.py``'s generator at ``--words`` words (1,106 articles at 300 k)
less its last article, which is the one added. The store of the corpus is built once (or
given with ``--store``), copied, and the article is built into the copy in this process, timed
phase by phase from the build's own progress phases (the model is loaded before, and its load
timed apart). Then the store grown so is compared, quad for quad, with a clean build of the
whole corpus (``--check``, which costs a full build). ``--repeat N`` adds the article to N
copies and gives each phase's median, wall clock and CPU time (the machine is shared).

The last line is ``add_one_s=<x> model_load_s=<y> beyond_model_s=<z> documents=<n>`` (medians).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_build import generate_corpus  # noqa: E402

from kg.config import Settings  # noqa: E402
from kg.extract.nlp import make_nlp  # noqa: E402
from kg.pipeline import run_build  # noqa: E402


def timed_build(folder: Path, store: Path, settings: Settings) -> tuple[float, dict[str, float]]:
    """Seconds of a build of ``folder`` into ``store``, and of each of its phases (wall clock,
    and CPU time under ``<phase> cpu``)."""
    phases: dict[str, float] = {}
    current: list[tuple[str, float, float]] = []

    def close(now: float, cpu: float) -> None:
        if current:
            name, start, began = current.pop()
            phases[name] = phases.get(name, 0.0) + now - start
            phases[f"{name} cpu"] = phases.get(f"{name} cpu", 0.0) + cpu - began

    def progress(phase: str, _total: int, _unit: str) -> Callable[[int], None]:
        now, cpu = time.perf_counter(), time.process_time()
        close(now, cpu)
        current.append((phase, now, cpu))
        return lambda _done: None

    start = time.perf_counter()
    report = run_build([folder], settings=settings, store=store, on_progress=progress)
    end = time.perf_counter()
    close(end, time.process_time())
    phases["documents"] = report.documents
    return end - start, phases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", type=Path, help="the store's articles (else generated)")
    parser.add_argument("--extra", type=Path, help="a folder with the article to add")
    parser.add_argument("--store", type=Path, help="a store built from --corpus (else built)")
    parser.add_argument("--check", action="store_true", help="compare with a clean build")
    parser.add_argument("--repeat", type=int, default=1, help="adds to time (medians)")
    args = parser.parse_args()
    settings = Settings()
    with tempfile.TemporaryDirectory(prefix="kg-bench-incr-") as tmp:
        work = Path(tmp)
        corpus, extra = args.corpus, args.extra
        if corpus is None or extra is None:
            corpus, extra = work / "corpus", work / "extra"
            generate_corpus(corpus, args.words, seed=args.seed)
            extra.mkdir()
            last = sorted(corpus.iterdir())[-1]
            shutil.move(last, extra / last.name)
        base = args.store
        if base is None:
            base = work / "base"
            seconds, _ = timed_build(corpus, base, settings)
            print(f"base build: {seconds:.1f} s", flush=True)
        start = time.perf_counter()
        make_nlp(settings)
        model_load = time.perf_counter() - start
        runs: list[tuple[float, dict[str, float]]] = []
        for number in range(args.repeat):
            grown = work / f"grown-{number}"
            shutil.copytree(base, grown)
            runs.append(timed_build(extra, grown, settings))
        total = statistics.median(seconds for seconds, _ in runs)
        phases = {name: statistics.median(run[name] for _, run in runs) for name in runs[0][1]}
        for name, value in phases.items():
            print(f"  {name}: {value:.2f}")
        if args.check:
            both = work / "both"
            shutil.copytree(corpus, both)
            shutil.copytree(extra, both, dirs_exist_ok=True)
            timed_build(both, work / "clean", settings)
            same = {str(q) for q in ox.Store.read_only(str(grown))} == {
                str(q) for q in ox.Store.read_only(str(work / "clean"))
            }
            print(f"equal to a clean build: {same}")
        print(
            f"add_one_s={total:.2f} model_load_s={model_load:.2f} "
            f"beyond_model_s={total - model_load:.2f} documents={phases['documents']:.0f}"
        )


if __name__ == "__main__":
    main()
