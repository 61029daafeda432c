"""Ray benchmark: documents per hour of ``kg build`` with the local engine and on Ray.

How to run it (from the repository root, after ``make test``, which installs ``kg[ray]``)::

    .venv/bin/python benchmarks/bench_ray.py                # 10 articles x 30 = 300 docs: ~1 min
    .venv/bin/python benchmarks/bench_ray.py --copies 100   # 1,000 docs: ~3 min

The corpus is ``tests/articles`` (ten articles of our own) copied ``--copies`` times under
new file names, so every copy is a document of its own. Each configuration runs
``kg build CORPUS --store NEW_STORE -q`` in a fresh process, timed from the start to the end
(model loads, Ray start and stop included): the local engine with ``--n-process 1`` and 2,
and ``--engine ray`` (a local Ray instance with this machine's CPUs). Documents per hour are
the documents over that time.

While the Ray build runs, ``/proc`` is sampled every 0.1 s for the Ray actors that hold the
spaCy pipeline (``ray::MapWorker(MapBatches(RayExtractor))``): the peak RSS of one of them
and its peak private memory (USS: what it alone holds, from ``/proc/PID/smaps_rollup``).

The last line is ``docs_per_hour_local1=<a> docs_per_hour_local2=<b> docs_per_hour_ray=<c>
worker_rss_mb=<d>``.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "tests" / "articles"
KG = [sys.executable, "-m", "kg"]
WORKER = "ray::MapWorker(MapBatches(RayExtractor))"


def make_corpus(folder: Path, copies: int) -> int:
    """``copies`` copies of every test article, each under a name of its own."""
    sources = sorted(
        p for p in ARTICLES.iterdir() if p.suffix in {".txt", ".md"} and p.stem != "README"
    )
    for n in range(copies):
        for path in sources:
            shutil.copy(path, folder / f"c{n:03d}_{path.name}")
    return copies * len(sources)


class WorkerMemory:
    """Peak RSS and USS (kB) of any one Ray extraction actor, sampled from ``/proc``."""

    def __init__(self) -> None:
        self.rss_kb = 0
        self.uss_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> WorkerMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(0.1):
            for pid in (p for p in os.listdir("/proc") if p.isdigit()):
                try:
                    cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
                    if not cmdline.startswith(WORKER.encode()):
                        continue
                    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
                except OSError:
                    continue
                fields = {
                    line.split(":")[0]: int(line.split()[1])
                    for line in rollup.splitlines()[1:]
                    if line.split()[-1] == "kB"
                }
                uss = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
                self.rss_kb = max(self.rss_kb, fields.get("Rss", 0))
                self.uss_kb = max(self.uss_kb, uss)


def timed_build(corpus: Path, store: Path, options: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        [*KG, "build", str(corpus), "--store", str(store), "-q", *options],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=30, help="copies of the 10 articles")
    args = parser.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="kg-bench-ray-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        documents = make_corpus(corpus, args.copies)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in corpus.iterdir())
        print(f"corpus: {documents} documents, {words:,} words")
        configs = {
            "local1": ["--n-process", "1"],
            "local2": ["--n-process", "2"],
            "ray": ["--engine", "ray"],
        }
        rates: dict[str, float] = {}
        memory = WorkerMemory()
        for name, options in configs.items():
            store = Path(tmp) / f"store-{name}"
            if name == "ray":
                with memory:
                    seconds = timed_build(corpus, store, options)
            else:
                seconds = timed_build(corpus, store, options)
            rates[name] = documents / seconds * 3600
            print(
                f"{name:>7}: {seconds:6.1f} s  {rates[name]:9,.0f} documents/hour  "
                f"({' '.join(options)})"
            )
        rss_mb, uss_mb = memory.rss_kb / 1024, memory.uss_kb / 1024
        print(f"one Ray worker holding the model: peak RSS {rss_mb:.0f} MB, USS {uss_mb:.0f} MB")
    print(
        f"docs_per_hour_local1={rates['local1']:.0f} docs_per_hour_local2={rates['local2']:.0f} "
        f"docs_per_hour_ray={rates['ray']:.0f} worker_rss_mb={rss_mb:.0f}"
    )


if __name__ == "__main__":
    main()
